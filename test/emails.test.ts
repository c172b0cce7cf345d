import { describe, expect, it } from "vitest";
import { matchHeader } from "../src/map/header.js";
import { normalizeRow } from "../src/validate/normalize.js";

const { mapping } = matchHeader(["Raison sociale", "Email", "Autres emails"]);
const run = (email: string, extra = "") =>
  normalizeRow(
    {
      file: "f.csv",
      recordNo: 1,
      line: 2,
      fields: { "Raison sociale": "ACME", Email: email, "Autres emails": extra },
      problems: [],
    },
    mapping,
    { orgCountry: "FR", currency: "EUR" },
  );

/** The problems on the e-mail columns (a row without an address is also not invoiceable, which is not the point). */
const onEmails = (result: ReturnType<typeof run>) =>
  result.problems.filter((p) => p.column === "Email" || p.column === "Autres emails");

describe("e-mail cells as people write them", () => {
  it.each([
    ["mailto:Jean@Acme.fr", "jean@acme.fr", undefined],
    ["MAILTO:jean@acme.fr?subject=Devis%202024", "jean@acme.fr", undefined],
    ["<jean@acme.fr>", "jean@acme.fr", undefined],
    ["<mailto:jean@acme.fr>", "jean@acme.fr", undefined],
    ["Jean Dupont <jean@acme.fr>", "jean@acme.fr", undefined],
    ["Dupont, Jean <jean@acme.fr>", "jean@acme.fr", undefined],
    ['"Dupont, Jean" <jean@acme.fr>; Compta <compta@acme.fr>', "jean@acme.fr", ["compta@acme.fr"]],
    ["jean@acme.fr (Jean Dupont)", "jean@acme.fr", undefined],
    ["jean@acme.fr / compta@acme.fr", "jean@acme.fr", ["compta@acme.fr"]],
  ])("%j → %s, extra %j", (cell, email, extra) => {
    const result = run(cell);
    expect(onEmails(result)).toEqual([]);
    expect(result.ok && result.payload.email).toBe(email);
    expect(result.ok && result.payload.extra_emails).toEqual(extra);
  });

  it.each([
    ["jean at acme.fr", "jean@acme.fr"],
    ["jean(at)acme.fr", "jean@acme.fr"],
    ["jean (at) acme.fr", "jean@acme.fr"],
    ["jean [at] acme dot fr", "jean@acme.fr"],
    ["jean[at]acme[dot]fr", "jean@acme.fr"],
    ["Jean.Dupont AT acme DOT fr", "jean.dupont@acme.fr"],
    ["jean @ acme.fr", "jean@acme.fr"],
    ["jean@acme dot fr", "jean@acme.fr"],
    ["jean {at} mail (dot) acme (dot) fr", "jean@mail.acme.fr"],
    ["jean arobase acme.fr", "jean@acme.fr"],
    ["jean at acme point fr", "jean@acme.fr"],
  ])("%j is one email_invalid problem that says to write %s", (cell, fixed) => {
    const result = run(cell);
    expect(result.ok).toBe(false);
    expect(onEmails(result)).toEqual([
      expect.objectContaining({
        code: "email_invalid",
        column: "Email",
        message: `"${cell}" is not an e-mail address as written: write it ${fixed}`,
      }),
    ]);
  });

  it("a spelled-out address among others is one problem, on its own column", () => {
    const result = run("jean@acme.fr", "compta@acme.fr; boss at acme.fr");
    expect(onEmails(result)).toEqual([
      expect.objectContaining({
        code: "email_invalid",
        column: "Autres emails",
        message: '"boss at acme.fr" is not an e-mail address as written: write it boss@acme.fr',
      }),
    ]);
  });

  it.each([
    ["not-an-email", '"not-an-email" is not an e-mail address'],
    [
      "jean@acme.fr point de contact",
      '"point", "de", "contact" in "jean@acme.fr point de contact" are not e-mail addresses',
    ],
    ["jean dupont@example.com", '"jean" in "jean dupont@example.com" is not an e-mail address'],
    ["Jean Dupont jean@acme.fr", '"jean", "dupont" in "Jean Dupont jean@acme.fr" are not e-mail addresses'],
  ])("the words of %j that are no address are one problem: %s", (cell, message) => {
    const result = run(cell);
    expect(result.ok).toBe(false);
    expect(onEmails(result)).toEqual([
      expect.objectContaining({ code: "email_invalid", column: "Email", message }),
    ]);
  });

  it("an address with an @ that is still wrong is the schema's, quoting it", () => {
    const result = run("jean@");
    expect(onEmails(result)).toEqual([
      expect.objectContaining({
        code: "email_invalid",
        column: "Email",
        message: expect.stringContaining('"jean@"'),
      }),
    ]);
  });
});
