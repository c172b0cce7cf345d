import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { foldHeader, SOURCE_FIELDS } from "../src/map/aliases.js";
import { matchHeader } from "../src/map/header.js";
import { openTable } from "../src/parse/open.js";
import type { SourceRow } from "../src/parse/source-row.js";
import {
  INLINE_LIST_MAX,
  LISTS_SHEET,
  renderTemplate,
  templateFileName,
  writeTemplate,
} from "../src/template/render.js";
import {
  TEMPLATE_COUNTRIES,
  TEMPLATE_CURRENCIES,
  TEMPLATE_PROVINCES,
  templateList,
  templateNote,
  templateTable,
  type TemplateField,
} from "../src/clients/template.js";
import {
  TEMPLATE_FORMATS,
  TEMPLATE_LANGS,
  type TemplateFormat,
  type TemplateLang,
} from "../src/template/kinds.js";
import { normalizeCountry } from "../src/validate/countries.js";
import { ITALIAN_PROVINCES } from "../src/validate/italy.js";
import { normalizeRow, type NormalizeDefaults } from "../src/validate/normalize.js";
import { LOCALES } from "../src/validate/schema.js";
import { ROOT, runCli } from "./helpers/cli.js";
import { describeWorkbook, noteText, readWorkbook } from "./helpers/workbook.js";

describe("templates/clients.csv", () => {
  it("maps every column to a Qonto field", async () => {
    const header = (await readFile(join(ROOT, "templates/clients.csv"), "utf8")).split("\n")[0]!.split(",");
    expect(matchHeader(header).unmapped).toEqual([]);
  });

  it("passes a dry run with every row valid", async () => {
    const result = await runCli([
      "clients",
      join(ROOT, "templates/clients.csv"),
      "--dry-run",
      "--json",
      "--quiet",
      "--report-dir",
      await mkdtemp(join(tmpdir(), "qonto-tpl-")),
    ]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { outcomes: Record<string, number> };
    expect(summary.outcomes.would_create).toBe(2);
  });
});

/** The country each language's example client is in. */
const COUNTRY: Record<TemplateLang, string> = { fr: "FR", en: "GB", it: "IT", de: "DE", es: "ES" };
/** The organization country a template is for: freelancers and Italian invoicing rules need IT. */
const ORG: Record<TemplateLang, string> = { fr: "FR", en: "FR", it: "IT", de: "DE", es: "ES" };
const LISTED_FIELDS: TemplateField[] = ["kind", "province_code", "country", "locale", "currency"];
const CASES = TEMPLATE_LANGS.flatMap((lang) => TEMPLATE_FORMATS.map((format) => [lang, format] as const));

const defaults = (lang: TemplateLang): NormalizeDefaults => ({ orgCountry: ORG[lang], currency: "EUR" });

/** The rows of a file read through the importer's own pipeline: openTable, matchHeader, normalizeRow. */
async function importFile(path: string, lang: TemplateLang) {
  const table = await openTable(path);
  const match = matchHeader(table.header.columns);
  const rows = [];
  for await (const row of table.rows) rows.push(normalizeRow(row, match.mapping, defaults(lang)));
  return { header: table.header, match, rows };
}

describe.each(TEMPLATE_LANGS)("the %s template's columns", (lang) => {
  const table = templateTable("clients", lang);

  it("are each an alias of their field, and matchHeader maps each back to it", () => {
    table.fields.forEach((field, i) => {
      const folded = foldHeader(table.headers[i]!);
      expect([field.replace(/_/g, " "), ...SOURCE_FIELDS[field]]).toContain(folded);
    });
    const match = matchHeader(table.headers);
    expect(match.unmapped).toEqual([]);
    expect(match.shadowed).toEqual([]);
    expect(match.mapping).toEqual(Object.fromEntries(table.fields.map((f, i) => [f, table.headers[i]])));
  });

  it("have a name column for companies and persons, an address, a country and a note each", () => {
    for (const f of ["kind", "name", "first_name", "last_name", "email", "address", "zip_code", "city"])
      expect(table.fields).toContain(f);
    for (const f of ["province_code", "country", "locale", "currency"]) expect(table.fields).toContain(f);
    for (const field of table.fields) expect(templateNote(lang, field).length).toBeGreaterThan(20);
    if (lang === "it") expect(table.fields).toContain("recipient_code");
  });

  it("take every kind in the drop-down list", () => {
    const kinds = templateList(lang, "kind")!;
    const expected = ["company", "individual", "freelancer"].slice(0, kinds.length);
    const mapping = Object.fromEntries(table.fields.map((f, i) => [f, table.headers[i]!]));
    kinds.forEach((word, i) => {
      const fields = Object.fromEntries(table.headers.map((h, j) => [h, table.example[j]!]));
      fields[mapping.kind!] = word;
      if (expected[i] !== "company") {
        fields[mapping.name!] = "";
        fields[mapping.first_name!] = "Marie";
        fields[mapping.last_name!] = "Curie";
        fields[mapping.vat_number!] = "";
      }
      const row: SourceRow = { file: "t", recordNo: 1, line: 2, fields, problems: [] };
      // Freelancer clients exist only for Italian organizations.
      const orgCountry = expected[i] === "freelancer" ? "IT" : ORG[lang];
      const result = normalizeRow(row, mapping, { orgCountry, currency: "EUR" });
      expect({ word, problems: result.problems }).toEqual({ word, problems: [] });
      expect(result.ok && result.payload.kind).toBe(expected[i]);
    });
    expect(kinds.length).toBe(lang === "it" || lang === "en" ? 3 : 2);
  });
});

describe.each(CASES)("templates/clients-%s.%s", (lang: TemplateLang, format: TemplateFormat) => {
  const file = join(ROOT, "templates", templateFileName("clients", format, lang));

  it("re-imports through openTable, matchHeader and normalizeRow as the example row, with no problem", async () => {
    const { header, match, rows } = await importFile(file, lang);
    const table = templateTable("clients", lang);
    expect(header.columns).toEqual(table.headers);
    expect(match.unmapped).toEqual([]);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.problems).toEqual([]);
    if (!row.ok) throw new Error("the example row is invalid");
    const example = (f: TemplateField) => table.example[table.fields.indexOf(f)];
    expect(row.payload).toMatchObject({
      kind: "company",
      name: example("name"),
      email: example("email"),
      locale: lang,
      billing_address: { city: example("city"), country_code: COUNTRY[lang] },
    });
    expect(row.payload.vat_number).toMatch(/^[A-Z]{2}/);
    expect(row.payload.tax_identification_number).toBeDefined();
    expect(row.payload.phone).toBeDefined();
    if (lang === "it") {
      expect(row.payload.billing_address?.province_code).toBe("MI");
      expect(row.payload.recipient_code).toMatch(/^[A-Z0-9]{7}$/);
    }
    if (format === "csv") {
      expect(header.delimiter).toBe(lang === "en" ? "," : ";");
      expect(header.encoding).toBe("utf-8");
    }
  });

  it("passes a CLI dry run: one client to create, no problem", async () => {
    const result = await runCli([
      "clients",
      file,
      "--dry-run",
      "--json",
      "--quiet",
      "--org-country",
      ORG[lang],
      "--report-dir",
      await mkdtemp(join(tmpdir(), "qonto-tpl-")),
    ]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      outcomes: Record<string, number>;
      problems: Record<string, number>;
    };
    expect(summary.outcomes.would_create).toBe(1);
    expect(summary.problems).toEqual({});
  });

  it("is what the code generates (npm run templates)", async () => {
    const generated = join(
      await mkdtemp(join(tmpdir(), "qonto-tpl-")),
      templateFileName("clients", format, lang),
    );
    await writeTemplate("clients", format, lang, generated);
    if (format === "csv") expect(await readFile(file)).toEqual(await readFile(generated));
    else expect(await describeWorkbook(file)).toEqual(await describeWorkbook(generated));
  });
});

describe.each(TEMPLATE_LANGS)("the %s CSV template", (lang) => {
  it("is UTF-8 with a BOM, with the language's delimiter", async () => {
    const bytes = await renderTemplate("clients", "csv", lang);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header] = bytes.toString("utf8").slice(1).split("\r\n");
    expect(header).toBe(templateTable("clients", lang).headers.join(lang === "en" ? "," : ";"));
  });
});

describe.each(TEMPLATE_LANGS)("the %s XLSX template", (lang) => {
  it("has a bold header, a note on each header, and drop-down lists", async () => {
    const { workbook, validations: bySheet } = await readWorkbook(
      join(ROOT, "templates", templateFileName("clients", "xlsx", lang)),
    );
    const [sheet, lists] = workbook.worksheets;
    expect(workbook.worksheets).toHaveLength(2);
    expect(sheet!.state).toBe("visible");
    expect(lists!.name).toBe(LISTS_SHEET);
    expect(lists!.state).toBe("hidden");
    const table = templateTable("clients", lang);
    const validations = bySheet[0] ?? [];

    table.fields.forEach((field, i) => {
      const cell = sheet!.getCell(1, i + 1);
      expect(cell.value).toBe(table.headers[i]);
      expect(cell.font?.bold).toBe(true);
      expect(noteText(cell.note)).toBe(templateNote(lang, field));
      expect(sheet!.getCell(2, i + 1).value ?? "").toBe(table.example[i]);

      const letter = sheet!.getColumn(i + 1).letter;
      const own = validations.filter((v) =>
        v.sqref.split(/\s+/).some((range) =>
          range
            .replace(/\$|\d+/g, "")
            .split(":")
            .includes(letter),
        ),
      );
      const values = templateList(lang, field);
      if (values === undefined) {
        expect(own).toEqual([]);
        return;
      }
      expect(LISTED_FIELDS).toContain(field);
      expect(own).toHaveLength(1);
      const first = own[0]!;
      expect(first).toMatchObject({ type: "list", allowBlank: true, showErrorMessage: true });
      // Every data row of the sheet has the list, down to the last row a spreadsheet has.
      expect(first.sqref).toBe(`${letter}2:${letter}1048576`);
      const formula = first.formulae[0] ?? "";
      const inline = /^"(.*)"$/.exec(formula);
      if (inline !== null) {
        expect(inline[1]!.length).toBeLessThanOrEqual(INLINE_LIST_MAX);
        expect(inline[1]!.split(",")).toEqual([...values]);
      } else {
        // A list over 255 characters comes from a column of the hidden sheet.
        expect(values.join(",").length + 2).toBeGreaterThan(INLINE_LIST_MAX);
        const range = new RegExp(`^${LISTS_SHEET}!\\$([A-Z]+)\\$1:\\$\\1\\$(\\d+)$`).exec(formula);
        expect(range, formula).not.toBeNull();
        expect(Number(range![2])).toBe(values.length);
        const column = lists!.getColumn(range![1]!);
        expect(column.values.slice(1)).toEqual([...values]);
      }
    });
    expect(table.fields.filter((f) => templateList(lang, f) !== undefined)).toEqual(LISTED_FIELDS);
  });
});

describe("the drop-down lists", () => {
  it("hold what the importer accepts: ISO country codes, the contract's provinces, locales, currencies", () => {
    expect(TEMPLATE_COUNTRIES.length).toBeGreaterThan(240);
    for (const code of TEMPLATE_COUNTRIES) expect(normalizeCountry(code)).toBe(code);
    for (const code of ["FR", "IT", "DE", "ES", "GB", "IE", "BE", "CH", "US"])
      expect(TEMPLATE_COUNTRIES).toContain(code);
    expect([...TEMPLATE_PROVINCES].sort()).toEqual([...ITALIAN_PROVINCES].sort());
    expect(templateList("fr", "locale")).toEqual(LOCALES);
    expect(TEMPLATE_CURRENCIES[0]).toBe("EUR");
    const supported = new Set(Intl.supportedValuesOf("currency"));
    for (const code of TEMPLATE_CURRENCIES) expect(supported.has(code)).toBe(true);
  });
});

describe("qonto-import template", () => {
  it.each([
    ["xlsx", "it", ["--org-country", "IT"]],
    ["csv", "de", []],
  ] as const)(
    "writes a %s template in %s that imports its example row without a problem",
    async (format, lang, extra) => {
      const { runCli } = await import("./helpers/cli.js");
      const dir = await mkdtemp(join(tmpdir(), "qonto-tpl-"));
      const out = join(dir, `t.${format}`);
      const written = await runCli(["template", "clients", "--format", format, "--lang", lang, "--out", out]);
      expect(written.code).toBe(0);
      const dry = await runCli([
        "clients",
        out,
        "--dry-run",
        "--json",
        "--report-dir",
        join(dir, "r"),
        ...extra,
      ]);
      const summary = JSON.parse(dry.stdout) as {
        outcomes: Record<string, number>;
        problems: Record<string, number>;
      };
      expect(summary.outcomes).toMatchObject({ would_create: 1, invalid: 0 });
      expect(summary.problems).toEqual({});
      expect(dry.code).toBe(0);
    },
  );

  it("refuses an unknown language with one line and exit 2", async () => {
    const { runCli } = await import("./helpers/cli.js");
    const result = await runCli(["template", "clients", "--lang", "pt"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("--lang must be one of fr, en, it, de, es");
  });
});
