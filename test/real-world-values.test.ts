import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputFileError } from "../src/errors.js";
import { matchHeader } from "../src/map/header.js";
import { openTable } from "../src/parse/open.js";
import { normalizeRow } from "../src/validate/normalize.js";

const dir = await mkdtemp(join(tmpdir(), "qonto-real-"));

describe("headers as real exports write them", () => {
  it.each([
    ["Straße", "address"],
    ["N° TVA intracommunautaire", "vat_number"],
    ["Numéro de TVA intracommunautaire", "vat_number"],
    ["C.A.P.", "zip_code"],
    ["Adresse 1", "address"],
    ["N° SIRET", "tax_identification_number"],
    ["Cod. Fiscale", "tax_identification_number"],
  ])("%s → %s", (header, field) => {
    expect(matchHeader([header]).mapping).toEqual({ [field]: header });
  });
});

describe("cells as real exports write them", () => {
  const { mapping } = matchHeader(["Raison sociale", "Email", "Devise", "Notes"]);
  const run = (fields: Record<string, string>, problems: ReturnType<typeof normalizeRow>["problems"] = []) =>
    normalizeRow(
      {
        file: "f.csv",
        recordNo: 1,
        line: 2,
        fields: { "Raison sociale": "ACME", Email: "", Devise: "", Notes: "", ...fields },
        problems,
      },
      mapping,
      { orgCountry: "FR", currency: "EUR" },
    );

  it.each([
    ["Jean Dupont <jean@acme.fr>", "jean@acme.fr", undefined],
    ['"Compta" <compta@acme.fr>, Boss <boss@acme.fr>', "compta@acme.fr", ["boss@acme.fr"]],
    ["a@acme.fr / b@acme.fr", "a@acme.fr", ["b@acme.fr"]],
  ])("e-mail %j → %s, extra %j", (cell, email, extra) => {
    const result = run({ Email: cell });
    expect(result.ok && result.payload.email).toBe(email);
    expect(result.ok && result.payload.extra_emails).toEqual(extra);
  });

  it("an invalid e-mail's message quotes the value", () => {
    const result = run({ Email: "jean@acme" });
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: "email_invalid", message: expect.stringContaining('"jean@acme"') }),
    );
  });

  it.each(["XYZ", "€", "Euro"])("currency %j is not ISO 4217, and the message says which", (cell) => {
    const result = run({ Devise: cell });
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        code: "currency_invalid",
        column: "Devise",
        message: expect.stringContaining(`"${cell}"`),
      }),
    );
  });

  it("a blank company name in a file of companies is a missing company name, on its column", () => {
    const result = run({ "Raison sociale": "" });
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: "name_missing", column: "Raison sociale" }),
    );
  });

  it("a bad byte in a column the import does not use refuses nothing", () => {
    const problem = {
      code: "encoding_invalid" as const,
      severity: "error" as const,
      message: "bad bytes",
      column: "Notes",
    };
    expect(run({ Notes: "caf\uFFFD" }, [problem]).ok).toBe(true);
  });
});

describe("files that are not what their name says", () => {
  it.each([
    [
      "export.csv",
      "<!DOCTYPE html><html><body><table><tr><td>x</td></tr></table></body></html>",
      /web page \(HTML\)/,
    ],
    ["export.htm", "<html><table></table></html>", /web page \(HTML\)/],
    ["export.xml", '<?xml version="1.0"?><Workbook/>', /XML file/],
  ])("%s is refused in one line", async (name, content, message) => {
    const file = join(dir, name);
    await writeFile(file, content);
    const err = (await openTable(file).catch((e: unknown) => e)) as InputFileError;
    expect(err).toBeInstanceOf(InputFileError);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain("\n");
  });
});
