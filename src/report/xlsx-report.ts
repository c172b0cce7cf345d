// errors.xlsx and results.xlsx: a report as a workbook, for an XLSX input, so that it opens in Excel as the input did.
import { once } from "node:events";
import { createRequire } from "node:module";
import { PassThrough, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type Archiver from "archiver";
import { columnLetters } from "../parse/xlsx-cells.js";

/** A column of a report workbook. */
export interface XlsxColumn {
  header: string;
  /** "text": every value is a string cell under the Text format (@), so Excel never reads 80314596300013 as a number
   * (8.03E+13) nor drops the leading zero of 01000. "number": a count of ours (record, line). */
  kind: "text" | "number";
  /** The column a person reads first: filled, its header bold on the fill (errors.xlsx's reason). */
  highlight?: boolean;
}

// archiver is loaded on first use: a CSV run never pays for it.
let zip: typeof Archiver | undefined;
function loadArchiver(): typeof Archiver {
  zip ??= createRequire(import.meta.url)("archiver") as typeof Archiver;
  return zip;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const CONTENT_TYPES =
  XML_HEAD +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  "</Types>";

const ROOT_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
  "</Relationships>";

const WORKBOOK_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>` +
  "</Relationships>";

// The cell formats the sheet refers to by index (s="n"); 49 is the built-in Text format (@).
const S_TEXT = 1;
const S_TEXT_HIGHLIGHT = 2;
const S_HEADER = 3;
const S_HEADER_HIGHLIGHT = 4;
const STYLES =
  XML_HEAD +
  `<styleSheet xmlns="${MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFFFE699"/><bgColor indexed="64"/></patternFill></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>' +
  '<xf numFmtId="49" fontId="1" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>' +
  '<xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/>' +
  "</cellXfs>" +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

/** Rows are joined and handed to the zip in chunks of about this size, not one write per row. */
const CHUNK = 64 * 1024;

// Characters XML 1.0 does not allow (tab, LF and CR aside), lone surrogates, and a literal _xHHHH_ Excel would decode.
const NEEDS_ESCAPE =
  /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]|_x[0-9A-Fa-f]{4}_/;

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Excel's own escape for a character XML cannot hold: the cell keeps it. */
function excelEscape(c: number): string {
  return `_x${c.toString(16).toUpperCase().padStart(4, "0")}_`;
}

/** A value as the text of an XML element, its characters all kept (as Excel reads them back). */
function xmlText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  // One pass over the characters: a regex replace with a callback costs several times more on a big report.
  let out = "";
  let last = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let escaped: string;
    if (c === 38) escaped = "&amp;";
    else if (c === 60) escaped = "&lt;";
    else if (c === 62) escaped = "&gt;";
    else if (c === 34) escaped = "&quot;";
    else if (c < 32) {
      if (c === 9 || c === 10) continue;
      // A bare CR would be read back as LF.
      escaped = c === 13 ? "&#13;" : excelEscape(c);
    } else if (c === 95) {
      // The underscore of a literal _xHHHH_: Excel would otherwise show the character it encodes.
      if (
        value.charCodeAt(i + 1) !== 120 ||
        !isHex(value.charCodeAt(i + 2)) ||
        !isHex(value.charCodeAt(i + 3)) ||
        !isHex(value.charCodeAt(i + 4)) ||
        !isHex(value.charCodeAt(i + 5)) ||
        value.charCodeAt(i + 6) !== 95
      )
        continue;
      escaped = "_x005F_";
    } else if (c >= 0xd800 && c <= 0xdbff && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      i++;
      continue;
    } else if (c >= 0xd800 && c <= 0xdfff) escaped = "\uFFFD";
    else if (c === 0xfffe || c === 0xffff) escaped = excelEscape(c);
    else continue;
    out += value.slice(last, i) + escaped;
    last = i + 1;
  }
  return out + value.slice(last);
}

function inlineString(value: string): string {
  // Without it, leading and trailing spaces (and a value of newlines) may be dropped by a reader.
  const first = value.charCodeAt(0);
  const end = value.charCodeAt(value.length - 1);
  const preserve =
    (first <= 32 || end <= 32 || first > 127 || end > 127) && /^\s|\s$/.test(value)
      ? ' xml:space="preserve"'
      : "";
  return `<is><t${preserve}>${xmlText(value)}</t></is>`;
}

/**
 * One sheet written straight as SpreadsheetML into a zip: rows are serialized as strings, joined into chunks, and
 * streamed as the sheet's entry, so nothing of a row is kept once written and memory stays bounded however many rows
 * a run has. Strings are inline (no shared-string table to keep). Values are plain strings, never formulas, so
 * unlike a CSV nothing is neutralized: the cell holds what the input did.
 */
export class XlsxReport {
  private readonly archive: Archiver.Archiver;
  private readonly sheet = new PassThrough({ highWaterMark: 4 * CHUNK });
  private readonly done: Promise<void>;
  /** Per column: the opening of a text cell up to its row number, and the rest up to the value. */
  private readonly cellStart: readonly string[];
  private readonly textCellRest: readonly string[];
  private chunk: string[] = [];
  private chunkLength = 0;
  private row = 1;
  /** What closes the sheet: its autofilter comes after its rows. */
  private readonly tail: string;

  constructor(
    private readonly out: Writable,
    sheetName: string,
    private readonly columns: readonly XlsxColumn[],
  ) {
    // Level 1: nearly the size of level 6 at a fraction of its time; a report is opened, not archived.
    this.archive = loadArchiver()("zip", { zlib: { level: 1 } });
    this.done = pipeline(this.archive, out);
    // A failed disk stops the sheet too, so that drain() does not wait for it forever; close() reports the error.
    this.sheet.on("error", () => undefined);
    this.done.catch((err: unknown) =>
      this.sheet.destroy(err instanceof Error ? err : new Error(String(err))),
    );
    this.cellStart = columns.map((_, i) => `<c r="${columnLetters(i)}`);
    this.textCellRest = columns.map(
      (c) => `" s="${c.highlight === true ? S_TEXT_HIGHLIGHT : S_TEXT}" t="inlineStr">`,
    );
    const count = Math.max(1, columns.length);
    const lastColumn = columnLetters(count - 1);

    this.archive.append(CONTENT_TYPES, { name: "[Content_Types].xml" });
    this.archive.append(ROOT_RELS, { name: "_rels/.rels" });
    this.archive.append(
      XML_HEAD +
        `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
        `<sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets>` +
        // The autofilter needs its defined name for Excel to show the filter buttons as its own.
        `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">` +
        `'${xmlText(sheetName.replace(/'/g, "''"))}'!$A$1:$${lastColumn}$1</definedName></definedNames>` +
        "</workbook>",
      { name: "xl/workbook.xml" },
    );
    this.archive.append(WORKBOOK_RELS, { name: "xl/_rels/workbook.xml.rels" });
    this.archive.append(STYLES, { name: "xl/styles.xml" });
    this.archive.append(this.sheet, { name: "xl/worksheets/sheet1.xml" });

    const cols = columns
      .map((c, i) => {
        const width = Math.min(60, Math.max(12, c.header.length + 2));
        // A "number" column has no column format: its counts stay General.
        const style = c.kind === "text" ? ` style="${c.highlight === true ? S_TEXT_HIGHLIGHT : S_TEXT}"` : "";
        return `<col min="${i + 1}" max="${i + 1}" width="${width}"${style} customWidth="1"/>`;
      })
      .join("");
    // The header row stays in view while scrolling; the filter buttons let a person pick the rows of one problem.
    const header = columns
      .map(
        (c, i) =>
          `<c r="${columnLetters(i)}1" s="${c.highlight === true ? S_HEADER_HIGHLIGHT : S_HEADER}" t="inlineStr">` +
          `${inlineString(c.header)}</c>`,
      )
      .join("");
    this.push(
      XML_HEAD +
        `<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
        '<sheetFormatPr defaultRowHeight="15"/>' +
        (cols === "" ? "" : `<cols>${cols}</cols>`) +
        `<sheetData><row r="1">${header}</row>`,
    );
    this.tail = `</sheetData><autoFilter ref="A1:${lastColumn}1"/></worksheet>`;
  }

  private push(xml: string): void {
    this.chunk.push(xml);
    this.chunkLength += xml.length;
    if (this.chunkLength >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    this.sheet.write(this.chunk.join(""));
    this.chunk = [];
    this.chunkLength = 0;
  }

  /** Appends one row; a "number" column's value is written as a number when it is one. */
  add(values: readonly string[]): void {
    const r = ++this.row;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      // An empty cell is left out: its column's format and fill show all the same.
      if (value === undefined || value === "") continue;
      const start = this.cellStart[i] ?? `<c r="${columnLetters(i)}`;
      if (this.columns[i]?.kind === "number" && /^\d{1,15}$/.test(value)) {
        xml += `${start}${r}"><v>${value}</v></c>`;
      } else {
        xml += `${start}${r}${this.textCellRest[i] ?? `" s="${S_TEXT}" t="inlineStr">`}${inlineString(value)}</c>`;
      }
    }
    this.push(xml + "</row>");
  }

  /** Waits while the zip or the disk is behind, as the CSV reports do. */
  async drain(): Promise<void> {
    if (this.sheet.writableNeedDrain) await once(this.sheet, "drain");
    if (this.out.writableNeedDrain) await once(this.out, "drain");
  }

  async close(): Promise<void> {
    this.push(this.tail);
    this.flush();
    this.sheet.end();
    // Together: a failed disk rejects at once, whatever the zip does.
    await Promise.all([this.archive.finalize(), this.done]);
  }
}
