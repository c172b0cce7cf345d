import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { matchHeader } from "../src/map/header.js";
import { normalizeRow, type NormalizeDefaults } from "../src/validate/normalize.js";
import { runCli } from "./helpers/cli.js";

const columns = [
  "Raison sociale",
  "Adresse",
  "Code postal",
  "Ville",
  "Province",
  "Pays",
  "Téléphone",
  "Devise",
];
const { mapping } = matchHeader(columns);
const FR: NormalizeDefaults = { orgCountry: "FR", currency: "EUR" };
const full = {
  "Raison sociale": "ACME",
  Adresse: "1 rue de la Paix",
  "Code postal": "75002",
  Ville: "Paris",
  Province: "",
  Pays: "FR",
  Téléphone: "",
  Devise: "",
};
const run = (fields: Partial<typeof full>, defaults: NormalizeDefaults = FR) =>
  normalizeRow(
    { file: "f.csv", recordNo: 1, line: 2, fields: { ...full, ...fields }, problems: [] },
    mapping,
    defaults,
  );

describe("invoice readiness", () => {
  it.each([
    [{}, FR, []],
    [{ Adresse: "" }, FR, ["street"]],
    [{ Ville: "", "Code postal": "" }, FR, ["city", "zip code"]],
    [{ Pays: "" }, FR, ["country"]],
    [
      { Adresse: "Via Roma 1", "Code postal": "20121", Ville: "Milano", Pays: "IT" },
      { orgCountry: "IT", currency: "EUR" },
      ["province"],
    ],
    [{ Adresse: "Via Roma 1", "Code postal": "20121", Ville: "Milano", Pays: "IT" }, FR, []], // a French organization needs no province
  ])("%j (organization %j) lacks %j", (fields, defaults, gaps) => {
    const result = run(fields, defaults);
    expect(result.ok).toBe(true);
    const warning = result.problems.find((p) => p.code === "not_invoiceable");
    if (gaps.length === 0) expect(warning).toBeUndefined();
    else
      expect(warning).toMatchObject({
        severity: "warning",
        message: expect.stringContaining(`no ${gaps.join(", ")}`),
      });
  });

  it("--require-invoiceable makes it an error", () => {
    const result = run({ Adresse: "" }, { ...FR, requireInvoiceable: true });
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: "not_invoiceable", severity: "error" }),
    );
  });
});

describe("--strict", () => {
  it("a phone that would be dropped refuses the row instead", () => {
    expect(run({ Téléphone: "12" }).ok).toBe(true);
    const strict = run({ Téléphone: "12" }, { ...FR, strict: true });
    expect(strict.ok).toBe(false);
    expect(strict.problems).toContainEqual(
      expect.objectContaining({ code: "phone_invalid", severity: "error" }),
    );
  });
});

describe("currency", () => {
  it.each([
    ["", "EUR", "EUR"],
    ["", "CHF", "CHF"],
    ["usd", "EUR", "USD"],
  ])("cell %j with default %s → %s", (cell, currency, expected) => {
    const result = run({ Devise: cell }, { ...FR, currency });
    expect(result.ok && result.payload.currency).toBe(expected);
  });

  it("a bad --default-currency is a usage error", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-cur-"));
    await writeFile(join(dir, "c.csv"), "Raison sociale\nACME\n");
    const result = await runCli(["clients", join(dir, "c.csv"), "--dry-run", "--default-currency", "euro"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--default-currency must be a three-letter ISO 4217 code/);
  });
});
