import { extname } from "node:path";
import iconv from "iconv-lite";
import { InputFileError, NoDataRowsError } from "../errors.js";
import { openCsv, readHead, type CsvReadOptions } from "./csv.js";
import { sniffDelimiter } from "./delimiter.js";
import type { SourceTable } from "./source-row.js";
import { openXlsx, type XlsxReadOptions } from "./xlsx.js";

export interface OpenOptions extends CsvReadOptions {
  /** XLSX: sheet name or 1-based index. */
  sheet?: string;
}

/** What a file's first bytes say it is. */
export type Magic =
  "zip" | "ole2" | "png" | "jpeg" | "gif" | "pdf" | "gzip" | "html" | "xml" | "empty" | "text";

/** The reader options an import's options carry. */
export function openOptionsOf(
  options: {
    delimiter?: string | undefined;
    encoding?: string | undefined;
    sheet?: string | undefined;
  },
  headerNames: readonly string[] = [],
): OpenOptions {
  const result: OpenOptions = { headerNames };
  if (options.delimiter !== undefined) result.delimiter = options.delimiter;
  if (options.encoding !== undefined) result.encoding = options.encoding;
  if (options.sheet !== undefined) result.sheet = options.sheet;
  return result;
}

/** Reads the magic number (and, for text, a hint of markup) from a file's first bytes. Pure. */
export function sniffMagic(head: Buffer): Magic {
  if (head.length === 0) return "empty";
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  // PK\3\4 (a file), PK\5\6 (an empty archive), PK\7\8 (a spanned one).
  if (starts(0x50, 0x4b) && [0x0304, 0x0506, 0x0708].includes(((head[2] ?? 0) << 8) | (head[3] ?? 0)))
    return "zip";
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return "ole2";
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "png";
  if (starts(0xff, 0xd8, 0xff)) return "jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "gif";
  if (starts(0x25, 0x50, 0x44, 0x46)) return "pdf";
  if (starts(0x1f, 0x8b)) return "gzip";
  const text = head
    .toString("latin1")
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, "")
    .trimStart()
    .toLowerCase();
  if (text.startsWith("<!doctype html") || text.startsWith("<html") || text.startsWith("<table"))
    return "html";
  if (text.startsWith("<?xml")) return "xml";
  return "text";
}

const SPREADSHEET_EXTENSIONS = new Set([
  ".xlsx",
  ".xlsm",
  ".xltx",
  ".xltm",
  ".xls",
  ".xlsb",
  ".ods",
  ".numbers",
]);

const DESCRIPTIONS: Record<Exclude<Magic, "zip" | "ole2" | "text">, string> = {
  png: "a PNG image",
  jpeg: "a JPEG image",
  gif: "a GIF image",
  pdf: "a PDF document",
  gzip: "a gzip archive",
  html: "a web page (HTML), as some programs export under a spreadsheet name",
  xml: "an XML file (perhaps an Excel 2003 XML spreadsheet)",
  empty: "empty",
};

const NUMBERS_REFUSAL =
  "is an Apple Numbers file, which this tool does not read: export it as .xlsx or CSV (File > Export To)";

/** An OLE2 compound file is an .xls, or an .xlsx encrypted with a password (its package sits in this stream). */
async function ole2Refusal(file: string): Promise<InputFileError> {
  const head = await readHead(file, 4 * 1024 * 1024);
  if (head.includes(Buffer.from("EncryptedPackage", "utf16le")))
    return new InputFileError(
      file,
      "is a password-protected Excel workbook: remove the password in Excel (File > Info > Protect Workbook) and save it again as .xlsx, or save it as CSV",
    );
  return new InputFileError(
    file,
    "is an Excel 97-2003 workbook (.xls), which this tool does not read: save it as .xlsx or CSV",
  );
}

/**
 * Opens any supported input file as a table of rows, choosing the reader from the file's first bytes, then its
 * name: a zip is read as XLSX whatever its extension (and refused with a reason when it is an .ods or .numbers),
 * an OLE2 file is an .xls and refused, a file named like a spreadsheet that is neither is refused, anything else
 * is CSV.
 */
export async function openTable(file: string, options: OpenOptions = {}): Promise<SourceTable> {
  const ext = extname(file).toLowerCase();
  // A Numbers document may be a folder (a package) rather than a file.
  if (ext === ".numbers") throw new InputFileError(file, NUMBERS_REFUSAL);
  const magic = sniffMagic(await readHead(file, 512));
  if (magic === "zip") {
    const xlsx: XlsxReadOptions = {};
    if (options.sheet !== undefined) xlsx.sheet = options.sheet;
    if (options.headerNames !== undefined) xlsx.headerNames = options.headerNames;
    return openXlsx(file, xlsx);
  }
  if (magic === "ole2") throw await ole2Refusal(file);
  if (magic === "empty") throw new InputFileError(file, "the file is empty");
  if (SPREADSHEET_EXTENSIONS.has(ext)) {
    const what =
      magic === "text"
        ? "plain text: if it is CSV, rename it .csv"
        : magic === "html" || magic === "xml"
          ? `${DESCRIPTIONS[magic]}: open it in Excel and save it as .xlsx or CSV`
          : DESCRIPTIONS[magic];
    throw new InputFileError(file, `is named ${ext} but is not a spreadsheet; it is ${what}`);
  }
  if (magic === "html" || magic === "xml")
    throw new InputFileError(
      file,
      `is ${DESCRIPTIONS[magic]}, not a CSV file or a spreadsheet: open it in Excel and save it as .xlsx or CSV`,
    );
  if (magic !== "text")
    throw new InputFileError(file, `is ${DESCRIPTIONS[magic]}, not a CSV file or a spreadsheet`);
  const csv: CsvReadOptions = {};
  if (options.delimiter !== undefined) csv.delimiter = options.delimiter;
  if (options.encoding !== undefined) csv.encoding = options.encoding;
  if (options.headerNames !== undefined) csv.headerNames = options.headerNames;
  const table = await openCsv(file, csv);
  if (options.delimiter !== undefined && table.header.columns.length === 1)
    await refuseOneColumnHeader(file, options.delimiter, table, options.headerNames ?? []);
  return table;
}

/** How a delimiter is written on the command line. */
function delimiterFlag(delimiter: string): string {
  return delimiter === "\t" ? "tab" : delimiter;
}

/**
 * A --delimiter that leaves the header as one column is almost always the wrong one (a `;` file read with `,`):
 * refused with the delimiter the sniffer would pick, when that one splits the file. A file the sniffer reads as one
 * column too is left alone: it may really have one column.
 */
async function refuseOneColumnHeader(
  file: string,
  given: string,
  table: SourceTable,
  headerNames: readonly string[],
): Promise<void> {
  const sample = iconv.decode(await readHead(file), table.header.encoding ?? "utf-8");
  const sniffed = sniffDelimiter(sample, new Set(headerNames));
  if (sniffed === given || !(table.header.columns[0] ?? "").includes(sniffed)) return;
  const g = delimiterFlag(given);
  const s = delimiterFlag(sniffed);
  throw new InputFileError(
    file,
    `with --delimiter '${g}' the header is one column; the file looks '${s}'-delimited: try --delimiter '${s}' or leave it out`,
  );
}

/**
 * The table, or a refusal when it has a header and no data row: an import of nothing is not a success. The first
 * row is read ahead to know, and handed back first.
 */
export async function requireDataRows(file: string, table: SourceTable): Promise<SourceTable> {
  const first = await table.rows.next();
  if (first.done === true) throw new NoDataRowsError(file);
  const rest = table.rows;
  async function* rows() {
    yield first.value;
    yield* rest;
  }
  return { header: table.header, rows: rows(), recordCount: () => table.recordCount() };
}
