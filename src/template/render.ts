import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { stringify } from "csv-stringify/sync";
import type { DataValidation, Workbook, Worksheet } from "exceljs";
import {
  invoiceTemplateList,
  invoiceTemplateNote,
  invoiceTemplateNumFmt,
  invoiceTemplateSheetName,
  invoiceTemplateTable,
} from "../invoices/template.js";
import {
  TEMPLATE_FORMATS,
  TEMPLATE_KINDS,
  TEMPLATE_LANGS,
  type TemplateFormat,
  type TemplateKind,
  type TemplateLang,
} from "./kinds.js";
import { LANGS, TEXT_FIELDS, templateList, templateNote, templateTable } from "../clients/template.js";

// Import templates: a header in the user's language, example rows that import without a problem, and in the
// XLSX a note on each header and drop-down lists. Pure but for writeTemplate(); `npm run templates` writes them
// all under templates/, and a test checks the committed files equal what this module generates.
//
// aliases.ts does not say which language an alias belongs to, so the headers are an explicit table here (for
// invoices, in src/invoices/template.ts); a test checks that each one is an alias of its field and that matchHeader
// (matchInvoiceHeader) maps it back to that field.

/** The longest list Excel takes written inline in a validation formula; a longer one comes from a sheet range. */
export const INLINE_LIST_MAX = 255;
/**
 * The last row of a sheet (Excel's and LibreOffice's limit): the drop-down lists cover every data row, from 2 to
 * this one, so a user's 5,001st row has its list too.
 */
export const SHEET_LAST_ROW = 1_048_576;
/** The hidden sheet that holds the lists too long to be written inline. */
export const LISTS_SHEET = "Lists";
// Fixed, so that generating the templates twice gives the same workbook (but for the zip's timestamps).
const GENERATED_AT = new Date(Date.UTC(2025, 0, 1));

/** The default file name of a template: clients-fr.csv. */
export function templateFileName(kind: TemplateKind, format: TemplateFormat, lang: TemplateLang): string {
  return `${kind}-${lang}.${format}`;
}

/** A template's content: CSV (UTF-8 with BOM, the language's delimiter, CRLF) or an XLSX workbook. */
export async function renderTemplate(
  kind: TemplateKind,
  format: TemplateFormat,
  lang: TemplateLang,
): Promise<Buffer> {
  const sheet = templateSheet(kind, lang);
  if (format === "csv")
    return Buffer.from(
      stringify([sheet.columns.map((c) => c.header), ...sheet.rows.map((row) => row.map((c) => c.text))], {
        bom: true,
        delimiter: LANGS[lang].delimiter,
        record_delimiter: "\r\n",
      }),
      "utf8",
    );
  return renderXlsx(sheet, lang);
}

/** Writes a template to `path` (the file is replaced). */
export async function writeTemplate(
  kind: TemplateKind,
  format: TemplateFormat,
  lang: TemplateLang,
  path: string,
): Promise<void> {
  await writeFile(path, await renderTemplate(kind, format, lang));
}

/** What a template holds, whatever its kind: the columns, then the example rows. */
interface TemplateSheet {
  name: string;
  columns: {
    header: string;
    note: string;
    list: readonly string[] | undefined;
    numFmt: string | undefined;
  }[];
  /** Each example row, one cell per column: its CSV text, and its XLSX value ("" for an empty cell). */
  rows: { text: string; value: string | number | Date }[][];
}

function templateSheet(kind: TemplateKind, lang: TemplateLang): TemplateSheet {
  if (kind === "clients") {
    const table = templateTable(kind, lang);
    return {
      name: LANGS[lang].sheetName,
      columns: table.fields.map((field, i) => ({
        header: table.headers[i] ?? "",
        note: templateNote(lang, field),
        list: templateList(lang, field),
        numFmt: TEXT_FIELDS.has(field) ? "@" : undefined,
      })),
      rows: [table.example.map((text) => ({ text, value: text }))],
    };
  }
  const table = invoiceTemplateTable(lang);
  return {
    name: invoiceTemplateSheetName(lang),
    columns: table.fields.map((field, i) => ({
      header: table.headers[i] ?? "",
      note: invoiceTemplateNote(lang, field),
      list: invoiceTemplateList(lang, field),
      numFmt: invoiceTemplateNumFmt(lang, field),
    })),
    rows: table.rows,
  };
}

/** The part of exceljs 4.4.0's worksheet its type declarations leave out. */
interface WithValidations {
  dataValidations: { add(range: string, validation: DataValidation): void };
}

async function renderXlsx(template: TemplateSheet, lang: TemplateLang): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const spec = LANGS[lang];
  const workbook: Workbook = new ExcelJS.Workbook();
  workbook.creator = "qonto-import";
  workbook.created = GENERATED_AT;
  workbook.modified = GENERATED_AT;
  const sheet = workbook.addWorksheet(template.name, { views: [{ state: "frozen", ySplit: 1 }] });
  let lists: Worksheet | undefined;

  sheet.columns = template.columns.map((column, i) => ({
    width: Math.min(
      40,
      Math.max(12, column.header.length + 4, ...template.rows.map((row) => (row[i]?.text ?? "").length + 2)),
    ),
    ...(column.numFmt === undefined ? {} : { style: { numFmt: column.numFmt } }),
  }));
  const header = sheet.getRow(1);
  header.values = template.columns.map((c) => c.header);
  header.font = { bold: true };
  // An empty example cell stays empty, not a cell holding "".
  template.rows.forEach(
    (row, r) => (sheet.getRow(r + 2).values = row.map((c) => (c.value === "" ? null : c.value))),
  );

  template.columns.forEach(({ note, list: values }, i) => {
    const column = sheet.getColumn(i + 1);
    sheet.getCell(1, i + 1).note = note;
    if (values === undefined) return;
    const inline = values.join(",");
    let formula: string;
    // Excel refuses an inline list over 255 characters, and reads a comma in one as a separator ("5,5 %"): such a
    // list goes in a column of the hidden sheet.
    if (inline.length + 2 <= INLINE_LIST_MAX && !values.some((v) => /[,"]/.test(v))) formula = `"${inline}"`;
    else {
      lists ??= workbook.addWorksheet(LISTS_SHEET, { state: "hidden" });
      const listColumn = lists.getColumn(lists.actualColumnCount + 1);
      listColumn.values = [...values];
      formula = `${LISTS_SHEET}!$${listColumn.letter}$1:$${listColumn.letter}$${values.length}`;
    }
    (sheet as unknown as WithValidations).dataValidations.add(
      `${column.letter}2:${column.letter}${SHEET_LAST_ROW}`,
      {
        type: "list",
        allowBlank: true,
        formulae: [formula],
        showErrorMessage: true,
        // A warning, not a refusal: the importer reads more than the list (country names, province names, rates).
        errorStyle: "warning",
        errorTitle: spec.outsideList[0],
        error: spec.outsideList[1],
      },
    );
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// `npm run templates`: every template, in every format and language, under templates/.
if (process.argv[1]?.endsWith("template/render.js")) {
  const dir = new URL("../../../templates/", import.meta.url);
  for (const kind of TEMPLATE_KINDS)
    for (const format of TEMPLATE_FORMATS)
      for (const lang of TEMPLATE_LANGS) {
        const name = templateFileName(kind, format, lang);
        await writeTemplate(kind, format, lang, fileURLToPath(new URL(name, dir)));
        process.stdout.write(`templates/${name}\n`);
      }
}
