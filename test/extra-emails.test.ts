import { describe, expect, it } from "vitest";
import { diffClient } from "../src/dedupe/plan.js";
import { matchHeader } from "../src/map/header.js";
import { normalizeRow } from "../src/validate/normalize.js";

const columns = ["Raison sociale", "Email", "Autres emails"];
const { mapping } = matchHeader(columns);
const normalize = (extra: string) =>
  normalizeRow(
    {
      file: "f.csv",
      recordNo: 1,
      line: 2,
      fields: { "Raison sociale": "ACME", Email: "compta@acme.fr", "Autres emails": extra },
      problems: [],
    },
    mapping,
    { orgCountry: "FR", currency: "EUR" },
  );

describe("extra e-mails", () => {
  it("maps an 'Autres emails' column", () => {
    expect(mapping.extra_emails).toBe("Autres emails");
  });

  it.each([
    ["a@acme.fr; B@acme.fr, mailto:c@acme.fr", ["a@acme.fr", "b@acme.fr", "c@acme.fr"]],
    ["a@acme.fr a@acme.fr", ["a@acme.fr"]],
    ["compta@acme.fr, d@acme.fr", ["d@acme.fr"]], // the main address is not repeated
  ])("%s → %j", (cell, expected) => {
    const result = normalize(cell);
    expect(result.ok && result.payload.extra_emails).toEqual(expected);
  });

  it("an empty cell sends no extra_emails at all", () => {
    const result = normalize("  ");
    expect(result.ok && "extra_emails" in result.payload).toBe(false);
  });

  it.each([
    ["a@acme.fr; not-an-address", "email_invalid"],
    [Array.from({ length: 101 }, (_, i) => `u${i}@acme.fr`).join(";"), "field_too_long"],
  ])("%s is refused with %s, naming the column", (cell, code) => {
    const result = normalize(cell);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.objectContaining({ code, column: "Autres emails" }));
  });

  it("an update adds the new addresses to Qonto's, never dropping one", () => {
    const { patch, changes } = diffClient(
      { id: "c", kind: "company", name: "ACME", extra_emails: ["old@acme.fr"] },
      { kind: "company", name: "ACME", extra_emails: ["OLD@acme.fr", "new@acme.fr"] },
    );
    expect(patch).toEqual({ extra_emails: ["old@acme.fr", "new@acme.fr"] });
    expect(changes).toEqual([{ field: "extra_emails", from: "old@acme.fr", to: "old@acme.fr new@acme.fr" }]);
  });
});

describe("an e-mail cell with several addresses", () => {
  const { mapping: emailOnly } = matchHeader(["Raison sociale", "Email"]);
  const run = (cell: string) =>
    normalizeRow(
      {
        file: "f.csv",
        recordNo: 1,
        line: 2,
        fields: { "Raison sociale": "ACME", Email: cell },
        problems: [],
      },
      emailOnly,
      { orgCountry: "FR", currency: "EUR" },
    );

  it.each([
    ["compta@acme.fr", "compta@acme.fr", undefined],
    [" Compta@ACME.fr ", "compta@acme.fr", undefined],
    ["compta@acme.fr; boss@acme.fr", "compta@acme.fr", ["boss@acme.fr"]],
    ["compta@acme.fr, boss@acme.fr compta@acme.fr", "compta@acme.fr", ["boss@acme.fr"]],
  ])("%j → email %s, extra %j", (cell, email, extra) => {
    const result = run(cell);
    expect(result.ok && result.payload.email).toBe(email);
    expect(result.ok && result.payload.extra_emails).toEqual(extra);
  });

  it("an invalid second address is named on the e-mail column", () => {
    const result = run("compta@acme.fr; boss@");
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: "email_invalid", column: "Email" }),
    );
  });
});
