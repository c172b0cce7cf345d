import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { foldHeader } from "../src/map/aliases.js";
import { INVOICE_FIELDS, matchInvoiceHeader } from "../src/invoices/aliases.js";
import { groupInvoiceRows } from "../src/invoices/group.js";
import { detectInvoiceDateFormat, normalizeInvoice } from "../src/invoices/normalize.js";
import {
  INVOICE_TEMPLATE_FIELDS,
  invoiceTemplateExamples,
  invoiceTemplateIban,
  invoiceTemplateList,
  invoiceTemplateNote,
  invoiceTemplateNumFmt,
  invoiceTemplateTable,
  type ExampleInvoice,
  type InvoiceTemplateField,
} from "../src/invoices/template.js";
import { checkIban, parseVatRate } from "../src/invoices/values.js";
import { VAT_RATES } from "../src/invoices/vat-rates.js";
import { openTable } from "../src/parse/open.js";
import type { SourceRow } from "../src/parse/source-row.js";
import { LISTS_SHEET, renderTemplate, templateFileName, writeTemplate } from "../src/template/render.js";
import {
  TEMPLATE_FORMATS,
  TEMPLATE_KINDS,
  TEMPLATE_LANGS,
  type TemplateFormat,
  type TemplateLang,
} from "../src/template/kinds.js";
import { ROOT, runCli } from "./helpers/cli.js";
import { describeWorkbook, noteText, readWorkbook, type Validation } from "./helpers/workbook.js";

// The invoice templates (templates/invoices-<lang>.<csv|xlsx>): every header maps back to its field, and the example
// rows, read back through the importer's own pipeline (openTable, matchInvoiceHeader, groupInvoiceRows,
// detectInvoiceDateFormat, normalizeInvoice), give the example invoices with no problem.

const CASES = TEMPLATE_LANGS.flatMap((lang) => TEMPLATE_FORMATS.map((format) => [lang, format] as const));
/** The invoice and line columns every language has, in this order. */
const COMMON_FIELDS: InvoiceTemplateField[] = [
  "number",
  "client_vat_number",
  "client_email",
  "client_name",
  "issue_date",
  "due_date",
  "status",
  "currency",
  "purchase_order",
  "payment_iban",
  "performance_start_date",
  "performance_end_date",
  "terms_and_conditions",
  "header",
  "footer",
  "title",
  "description",
  "quantity",
  "unit",
  "unit_price",
  "vat_rate",
  "vat_exemption_reason",
  "discount",
];
/** The columns only some organizations may fill, at the end of their language's template only. */
const EXTRA_FIELDS: Record<TemplateLang, InvoiceTemplateField[]> = {
  fr: [],
  en: [],
  de: [],
  it: ["report_einvoicing", "stamp_duty_amount", "withholding_tax_rate"],
  es: ["withholding_tax_rate"],
};
const LISTED: InvoiceTemplateField[] = ["status", "currency", "vat_rate", "report_einvoicing"];

/** A percent written with a point ("5.5") as the contract's fraction ("0.055"), without the importer's parser. */
function fraction(percent: string): string {
  const [int = "", frac = ""] = percent.split(".");
  const scale = frac.length + 2;
  const digits = ((int + frac).replace(/^0+/, "") || "0").padStart(scale + 1, "0");
  const whole = digits.slice(0, -scale).replace(/^0+(?=\d)/, "");
  const rest = digits.slice(-scale).replace(/0+$/, "");
  return rest === "" ? whole : `${whole}.${rest}`;
}

/** The payload and client reference normalizeInvoice must give for an example invoice. */
function expectedInvoice(lang: TemplateLang, invoice: ExampleInvoice) {
  const payload: Record<string, unknown> = {
    currency: "EUR",
    number: invoice.number,
    issue_date: invoice.issue_date,
    due_date: invoice.due_date,
    status: invoice.status,
    payment_methods: { iban: invoiceTemplateIban(lang) },
    items: invoice.lines.map((line) => ({
      title: line.title,
      ...(line.description === undefined ? {} : { description: line.description }),
      quantity: line.quantity,
      ...(line.unit === undefined ? {} : { unit: line.unit }),
      unit_price: { value: line.unit_price, currency: "EUR" },
      vat_rate: fraction(line.vat_rate),
      ...(line.vat_exemption_reason === undefined ? {} : { vat_exemption_reason: line.vat_exemption_reason }),
      ...(line.discount === undefined
        ? {}
        : { discount: { type: "percentage", value: fraction(line.discount) } }),
    })),
  };
  for (const key of [
    "purchase_order",
    "performance_start_date",
    "performance_end_date",
    "terms_and_conditions",
    "header",
    "footer",
  ] as const)
    if (invoice[key] !== undefined) payload[key] = invoice[key];
  const clientRef: Record<string, string> = { name: invoice.client_name };
  if (invoice.client_vat_number !== undefined) clientRef.vat_number = invoice.client_vat_number;
  if (invoice.client_email !== undefined) clientRef.email = invoice.client_email;
  return { payload, clientRef };
}

/** The country of the organization a language's template is for: its VAT rates are that country's. */
const ORG_OF: Record<TemplateLang, string> = { fr: "FR", en: "FR", it: "IT", de: "DE", es: "ES" };

/** A file read through the importer's invoice pipeline, for an organization in `orgCountry`. */
async function importInvoices(path: string, orgCountry = "FR") {
  const table = await openTable(path);
  const match = matchInvoiceHeader(table.header.columns);
  const rows: SourceRow[] = [];
  for await (const row of table.rows) rows.push(row);
  const detection = detectInvoiceDateFormat(rows, match.mapping);
  const groups = groupInvoiceRows(rows, match.mapping);
  const invoices = groups.map((g) =>
    normalizeInvoice(g, match.mapping, { orgCountry, dateFormat: detection.format }),
  );
  return { header: table.header, match, rows, detection, groups, invoices };
}

describe("the invoices template kind", () => {
  it("is one of the kinds `qonto-import template` offers", () => {
    expect(TEMPLATE_KINDS).toContain("invoices");
  });

  it("helper: percents to fractions as the contract writes them", () => {
    for (const [percent, expected] of [
      ["20", "0.2"],
      ["5.5", "0.055"],
      ["0", "0"],
      ["22", "0.22"],
      ["10", "0.1"],
      ["2.1", "0.021"],
    ])
      expect([percent, fraction(percent!)]).toEqual([percent, expected]);
  });
});

describe.each(TEMPLATE_LANGS)("the %s invoice template's columns", (lang) => {
  const table = invoiceTemplateTable(lang);

  it("are each an alias of their field, and matchInvoiceHeader maps each back to it", () => {
    table.fields.forEach((field, i) => {
      expect([field.replace(/_/g, " "), ...INVOICE_FIELDS[field]]).toContain(foldHeader(table.headers[i]!));
    });
    const match = matchInvoiceHeader(table.headers);
    expect(match.unmapped).toEqual([]);
    expect(match.shadowed).toEqual([]);
    expect(match.mapping).toEqual(Object.fromEntries(table.fields.map((f, i) => [f, table.headers[i]])));
  });

  it("come in order: the invoice, its line, then the fields only some organizations send", () => {
    expect(table.fields).toEqual([...COMMON_FIELDS, ...EXTRA_FIELDS[lang]]);
    expect(INVOICE_TEMPLATE_FIELDS.slice(0, COMMON_FIELDS.length)).toEqual(COMMON_FIELDS);
    expect(new Set(table.headers).size).toBe(table.headers.length);
  });

  it("each have a note, and the lists hold words and rates the importer reads", () => {
    for (const field of table.fields) expect(invoiceTemplateNote(lang, field).length).toBeGreaterThan(20);
    const [draft, unpaid] = invoiceTemplateList(lang, "status")!;
    expect(invoiceTemplateList(lang, "currency")).toEqual(["EUR"]);
    const rates = invoiceTemplateList(lang, "vat_rate")!;
    expect(rates[0]).toMatch(/^0 ?%$/);
    for (const rate of rates) expect(parseVatRate(rate).ok, rate).toBe(true);
    // Each status word is read as its status: a one-line invoice of the example with that word.
    const example = invoiceTemplateTable(lang);
    const status = table.fields.indexOf("status");
    for (const [word, expected] of [
      [draft!, "draft"],
      [unpaid!, "unpaid"],
    ] as const) {
      const fields = Object.fromEntries(example.headers.map((h, j) => [h, example.rows[0]![j]!.text]));
      fields[example.headers[status]!] = word;
      const row: SourceRow = { file: "t", recordNo: 1, line: 2, fields, problems: [] };
      const { mapping } = matchInvoiceHeader(example.headers);
      const [group] = groupInvoiceRows([row], mapping);
      const result = normalizeInvoice(group!, mapping, { orgCountry: ORG_OF[lang], dateFormat: "dmy" });
      expect(result.ok && result.payload.status).toBe(expected);
    }
  });

  it("have two example invoices, the first with two lines and a discount, paid to a valid IBAN", () => {
    const examples = invoiceTemplateExamples(lang);
    expect(examples.map((e) => e.lines.length)).toEqual([2, 1]);
    expect(examples[0]!.lines[0]!.discount).toBeDefined();
    expect(checkIban(invoiceTemplateIban(lang))).toEqual({ ok: true, value: invoiceTemplateIban(lang) });
    // One invoice names its client by VAT number, the other by e-mail.
    expect(examples[0]!.client_vat_number).toBeDefined();
    expect(examples[1]!.client_vat_number).toBeUndefined();
    expect(examples[1]!.client_email).toBeDefined();
    // The second line carries only the invoice number and the line's cells.
    const second = table.rows[1]!;
    table.fields.forEach((field, i) => {
      if (["client_vat_number", "client_name", "issue_date", "due_date", "payment_iban"].includes(field))
        expect(second[i]!.text).toBe("");
    });
    expect(second[table.fields.indexOf("number")]!.text).toBe(examples[0]!.number);
  });
});

describe.each(CASES)("templates/invoices-%s.%s", (lang: TemplateLang, format: TemplateFormat) => {
  const file = join(ROOT, "templates", templateFileName("invoices", format, lang));

  it("re-imports through openTable, grouping and normalizeInvoice as the example invoices, with no problem", async () => {
    const { header, match, rows, detection, groups, invoices } = await importInvoices(file, ORG_OF[lang]);
    const table = invoiceTemplateTable(lang);
    expect(header.columns).toEqual(table.headers);
    expect(match.unmapped).toEqual([]);
    expect(rows).toHaveLength(3);
    expect(detection.format).toBe("dmy");
    const examples = invoiceTemplateExamples(lang);
    expect(groups.map((g) => g.rows.map((r) => r.recordNo))).toEqual([[1, 2], [3]]);
    expect(invoices).toHaveLength(examples.length);
    invoices.forEach((invoice, i) => {
      expect(invoice.problems).toEqual([]);
      if (!invoice.ok) throw new Error(`example invoice ${i + 1} is invalid`);
      const expected = expectedInvoice(lang, examples[i]!);
      expect(invoice.payload).toEqual(expected.payload);
      expect(invoice.clientRef).toEqual(expected.clientRef);
    });
    if (format === "csv") {
      expect(header.delimiter).toBe(lang === "en" ? "," : ";");
      expect(header.encoding).toBe("utf-8");
    }
  });

  it("is what the code generates (npm run templates)", async () => {
    const generated = join(
      await mkdtemp(join(tmpdir(), "qonto-tpl-")),
      templateFileName("invoices", format, lang),
    );
    await writeTemplate("invoices", format, lang, generated);
    if (format === "csv") expect(await readFile(file)).toEqual(await readFile(generated));
    else expect(await describeWorkbook(file)).toEqual(await describeWorkbook(generated));
  });
});

describe("the French invoice template", () => {
  // Written out by hand, not derived from the template's own data: what a French user's rows must become.
  it("gives the payload of F-2025-001 written out", async () => {
    for (const format of TEMPLATE_FORMATS) {
      const { invoices } = await importInvoices(join(ROOT, "templates", `invoices-fr.${format}`));
      const [first] = invoices;
      expect(first?.ok && first.payload, format).toEqual({
        currency: "EUR",
        number: "F-2025-001",
        issue_date: "2025-01-15",
        due_date: "2025-02-14",
        status: "draft",
        purchase_order: "BC-2025-042",
        payment_methods: { iban: "FR7630006000011234567890189" },
        performance_start_date: "2025-01-06",
        performance_end_date: "2025-01-31",
        terms_and_conditions:
          "Paiement à 30 jours. Pénalités de retard : trois fois le taux d'intérêt légal ; indemnité forfaitaire pour frais de recouvrement : 40 €.",
        header: "Refonte de l'identité visuelle",
        footer: "Merci de votre confiance.",
        items: [
          {
            title: "Création du logo",
            description: "Trois propositions, deux séries de corrections",
            quantity: "1",
            unit: "forfait",
            unit_price: { value: "1200.00", currency: "EUR" },
            vat_rate: "0.2",
            discount: { type: "percentage", value: "0.1" },
          },
          {
            title: "Impression de cartes de visite",
            quantity: "500",
            unit: "pièce",
            unit_price: { value: "0.35", currency: "EUR" },
            vat_rate: "0.2",
          },
        ],
      });
      expect(invoices[1]?.ok && invoices[1].payload.items[0]?.quantity).toBe("2.5");
    }
  });

  it("is written with day-first dates, decimal commas and French VAT rates", async () => {
    const text = (await renderTemplate("invoices", "csv", "fr")).toString("utf8");
    expect(text).toContain(";15/01/2025;14/02/2025;Brouillon;EUR;");
    expect(text).toContain(";1200,00;20 %;;10 %\r\n");
    expect(text).toContain(";2,5;heure;65,00;20 %;;\r\n");
    expect(invoiceTemplateList("fr", "vat_rate")).toEqual(["0 %", "2,1 %", "5,5 %", "10 %", "20 %"]);
    expect(invoiceTemplateList("fr", "status")).toEqual(["Brouillon", "À payer"]);
  });
});

describe("the Italian invoice template", () => {
  it("takes the Italian-only columns, filled, for an Italian organization (and refuses them for a French one)", async () => {
    const table = invoiceTemplateTable("it");
    const fields = Object.fromEntries(table.headers.map((h, j) => [h, table.rows[2]![j]!.text]));
    const at = (f: InvoiceTemplateField) => table.headers[table.fields.indexOf(f)]!;
    fields[at("report_einvoicing")] = invoiceTemplateList("it", "report_einvoicing")![0]!;
    fields[at("stamp_duty_amount")] = "2,00";
    fields[at("withholding_tax_rate")] = "20%";
    const row: SourceRow = { file: "t", recordNo: 1, line: 2, fields, problems: [] };
    const { mapping } = matchInvoiceHeader(table.headers);
    const [group] = groupInvoiceRows([row], mapping);
    const italian = normalizeInvoice(group!, mapping, { orgCountry: "IT", dateFormat: "dmy" });
    expect(italian.problems).toEqual([]);
    expect(italian.ok && italian.payload).toMatchObject({
      report_einvoicing: true,
      stamp_duty_amount: "2.00",
      withholding_tax: { rate: "0.2" },
    });
    // The line's 22 % is allowed here: the French organization is refused for the Italian-only columns alone.
    const french = normalizeInvoice(group!, mapping, {
      orgCountry: "FR",
      dateFormat: "dmy",
      extraVatRates: ["0.22"],
    });
    expect(french.ok).toBe(false);
    expect(new Set(french.problems.map((p) => p.code))).toEqual(new Set(["italian_field_not_allowed"]));
  });
});

describe.each(TEMPLATE_LANGS)("the %s CSV invoice template", (lang) => {
  it("is UTF-8 with a BOM, with the language's delimiter and CRLF", async () => {
    const bytes = await renderTemplate("invoices", "csv", lang);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines).toHaveLength(5); // header, three rows, and the empty string after the last CRLF
    expect(lines[0]).toBe(invoiceTemplateTable(lang).headers.join(lang === "en" ? "," : ";"));
  });
});

/** The validations whose range covers some of a column's cells. */
function validationsOfColumn(validations: readonly Validation[], letter: string): Validation[] {
  return validations.filter((v) =>
    v.sqref.split(/\s+/).some((range) =>
      range
        .replace(/\$|\d+/g, "")
        .split(":")
        .includes(letter),
    ),
  );
}

/** The percents a text names ("20 %, 5,5 % ou 0 %" → 20, 5.5, 0), as VAT_RATES writes them, sorted. */
function percentsIn(text: string): string[] {
  return [...text.matchAll(/(\d+(?:[.,]\d+)?)\s?%/g)]
    .map((m) => m[1]!.replace(",", "."))
    .sort((a, b) => Number(a) - Number(b));
}

describe.each(TEMPLATE_LANGS)("the %s XLSX invoice template", (lang) => {
  it("has a note on each header, drop-down lists, date cells, numbers and text columns", async () => {
    const { workbook, validations } = await readWorkbook(
      join(ROOT, "templates", templateFileName("invoices", "xlsx", lang)),
    );
    const [sheet, lists] = workbook.worksheets;
    const table = invoiceTemplateTable(lang);
    // A list with a decimal comma ("5,5 %") cannot be written inline: it comes from the hidden sheet.
    const needsListSheet = table.fields.some((f) =>
      invoiceTemplateList(lang, f)?.some((v) => v.includes(",")),
    );
    expect(workbook.worksheets).toHaveLength(needsListSheet ? 2 : 1);
    if (needsListSheet) expect([lists!.name, lists!.state]).toEqual([LISTS_SHEET, "hidden"]);

    table.fields.forEach((field, i) => {
      const cell = sheet!.getCell(1, i + 1);
      expect(cell.value).toBe(table.headers[i]);
      expect(cell.font?.bold).toBe(true);
      expect(noteText(cell.note)).toBe(invoiceTemplateNote(lang, field));
      expect(sheet!.getColumn(i + 1).numFmt ?? undefined).toBe(invoiceTemplateNumFmt(lang, field));

      table.rows.forEach((row, r) => {
        const value = sheet!.getCell(r + 2, i + 1).value;
        const expected = row[i]!.value;
        if (expected instanceof Date) {
          expect(value).toEqual(expected);
          expect(sheet!.getCell(r + 2, i + 1).numFmt).toMatch(/^(dd[/.]mm[/.]yyyy|yyyy-mm-dd)$/);
        } else expect(value ?? "").toBe(expected);
      });

      const letter = sheet!.getColumn(i + 1).letter;
      const own = validationsOfColumn(validations[0] ?? [], letter);
      const values = invoiceTemplateList(lang, field);
      if (values === undefined) {
        expect(own).toEqual([]);
        return;
      }
      expect(LISTED).toContain(field);
      expect(own).toHaveLength(1);
      const validation = own[0]!;
      expect(validation).toMatchObject({ type: "list", allowBlank: true, showErrorMessage: true });
      // Every data row of the sheet has the list, down to the last row a spreadsheet has.
      expect(validation.sqref).toBe(`${letter}2:${letter}1048576`);
      const formula = validation.formulae[0] ?? "";
      const inline = /^"(.*)"$/.exec(formula);
      let listed: unknown[];
      if (inline !== null) listed = inline[1]!.split(",");
      else {
        const range = new RegExp(`^${LISTS_SHEET}!\\$([A-Z]+)\\$1:\\$\\1\\$(\\d+)$`).exec(formula);
        expect(range, formula).not.toBeNull();
        listed = lists!.getColumn(range![1]!).values.slice(1);
      }
      expect(listed).toEqual([...values]);
      // The VAT rate drop-down offers every rate the column's note lists, and only the country's rates.
      if (field === "vat_rate") {
        const noted = percentsIn(noteText(cell.note));
        expect(noted.length).toBeGreaterThan(1);
        expect(percentsIn(listed.join(" "))).toEqual(noted);
        const country = lang === "en" ? "FR" : lang.toUpperCase();
        for (const rate of noted) expect(VAT_RATES[country]).toContain(rate);
      }
    });
    // The dates are date cells, the quantity and price numbers.
    const col = (f: InvoiceTemplateField) => table.fields.indexOf(f) + 1;
    expect(sheet!.getCell(2, col("issue_date")).value).toBeInstanceOf(Date);
    expect(sheet!.getCell(2, col("unit_price")).value).toBe(1200);
    expect(sheet!.getCell(4, col("quantity")).value).toBe(2.5);
    expect(sheet!.getCell(2, col("vat_rate")).value).toMatch(/%$/);
  });
});

describe("qonto-import template invoices", () => {
  it.each([
    ["csv", "de"],
    ["xlsx", "es"],
  ] as const)("writes a %s template in %s that reads back as its example invoices", async (format, lang) => {
    const out = join(await mkdtemp(join(tmpdir(), "qonto-tpl-")), `t.${format}`);
    const written = await runCli(["template", "invoices", "--format", format, "--lang", lang, "--out", out]);
    expect(written.code).toBe(0);
    const { invoices } = await importInvoices(out, ORG_OF[lang]);
    expect(invoices.map((i) => i.ok)).toEqual([true, true]);
  });
});
