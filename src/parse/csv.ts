import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Parser, type Options } from "csv-parse";
import iconv from "iconv-lite";
import { InputFileError } from "../errors.js";
import { problem } from "../problems.js";
import { sniffDelimiter } from "./delimiter.js";
import { garbledRefusal } from "./encoding.js";
import { findHeaderRow, isHeaderFault, leftmostFilled, tableColumns } from "./header-row.js";
import type { SourceRow, SourceTable, TableHeader } from "./source-row.js";

export { DELIMITERS, sniffDelimiter } from "./delimiter.js";

const LINE_BREAK = /[\r\n]/;

/** Physical line breaks in a text; CRLF, CR and LF each count once. Pure, for tests. */
export function countLineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/** The first bytes of a file, for sniffing; a missing or unreadable file is a one-line InputFileError. */
export async function readHead(file: string, bytes = 64 * 1024): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (err) {
    throw new InputFileError(file, describeFsError(err));
  }
  try {
    const buf = Buffer.alloc(bytes);
    // Opening a directory succeeds on Linux; reading it is what fails (EISDIR).
    const { bytesRead } = await handle.read(buf, 0, bytes, 0).catch((err: unknown) => {
      throw new InputFileError(file, describeFsError(err));
    });
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The encoding of a file from its first bytes: a BOM decides; otherwise bytes that are valid UTF-8 are UTF-8, and
 * anything else is taken as Windows-1252 (what Excel writes on French, Italian, German and Spanish Windows). A
 * file of another code page read so is refused by openCsv (see encoding.ts), not imported garbled.
 */
export function detectEncoding(sample: Buffer): string {
  const bom = bomEncoding(sample);
  if (bom !== undefined) return bom;
  try {
    // stream: true, so a character cut by the end of the sample is not taken for an invalid one.
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

/** The encoding a byte order mark at the start of `bytes` names, if there is one. */
function bomEncoding(bytes: Buffer): "utf-8" | "utf-16le" | "utf-16be" | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "file not found";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory, not a file";
  return err instanceof Error ? err.message : String(err);
}

export interface CsvReadOptions {
  delimiter?: string;
  /** An encoding iconv-lite knows; detected when absent. */
  encoding?: string;
  /** Header names a mapping file gives: they help find the header row below title rows. */
  headerNames?: readonly string[];
}

export type CsvTable = SourceTable;

/**
 * Opens a CSV file: reads its header eagerly (so header errors surface before any row is processed)
 * and returns the data rows as a stream.
 */
export async function openCsv(file: string, options: CsvReadOptions = {}): Promise<CsvTable> {
  const bytes = await readHead(file);
  const encoding = options.encoding ?? detectEncoding(bytes);
  const sample = iconv.decode(bytes, encoding);
  if (sample.trim() === "") throw new InputFileError(file, "the file is empty");
  // Detected Windows-1252 may be another code page: Greek or Cyrillic names read as "Ëåùíéäáò" are refused.
  const garbled =
    options.encoding === undefined && encoding === "windows-1252" && garbledRefusal(sample, bytes);
  if (garbled) throw new InputFileError(file, garbled);
  const known = new Set(options.headerNames ?? []);
  const delimiter = options.delimiter ?? sniffDelimiter(sample, known);

  // Physical lines are counted here, from the line breaks inside each record's values and csv-parse's count of the
  // empty lines it skipped, not taken from its info.lines: it counts a CRLF inside a quoted value as two lines,
  // which would push every later line number off.
  let nextLine = 1;
  let emptyLinesSeen = 0;
  const located = ({ record, emptyLinesBefore }: ParsedRecord): LocatedRecord => {
    const line = nextLine + emptyLinesBefore - emptyLinesSeen;
    emptyLinesSeen = emptyLinesBefore;
    // A record spans one line plus the line breaks inside its quoted values (CRLF counting once).
    let span = 1;
    for (let i = 0; i < record.length; i++) {
      const value = record[i] as string;
      if (LINE_BREAK.test(value)) span += countLineBreaks(value);
    }
    nextLine = line + span;
    return { record, line };
  };

  // The header is looked for among the first records: title rows may sit above it.
  const iterator = parseRecords(file, encoding, delimiter);
  const ahead: LocatedRecord[] = [];
  let pending: unknown;
  try {
    while (ahead.length < HEADER_SEARCH_ROWS) {
      const next = await iterator.next();
      if (next.done) break;
      for (const parsed of next.value) ahead.push(located(parsed));
    }
  } catch (err) {
    if (ahead.length === 0) throw csvError(file, err, nextLine);
    pending = err;
  }
  const firstFilled = ahead.findIndex((r) => r.record.some((v) => v.trim() !== ""));
  if (firstFilled < 0) throw new InputFileError(file, "the file is empty");
  const headerIndex = findHeaderRow(
    ahead.slice(0, HEADER_SEARCH_ROWS).map((r) => r.record),
    known,
  );
  const headerRecord = ahead[headerIndex] ?? { record: [], line: 1 };
  const table = tableColumns(
    headerRecord.record,
    known,
    (i) => String(i + 1),
    leftmostFilled(ahead.slice(headerIndex + 1).map((r) => r.record)),
  );
  if (isHeaderFault(table))
    throw new InputFileError(
      file,
      table.col === undefined
        ? `line ${headerRecord.line}: ${table.message}`
        : `line ${headerRecord.line}, column ${table.col + 1}: ${table.message}`,
    );
  const { first, names: columns } = table;
  const width = first + columns.length;
  const header: TableHeader = { file, format: "csv", columns, delimiter, encoding, line: headerRecord.line };
  if (first > 0) header.firstColumn = first;
  let recordNo = 0;

  function toRow({ record, line }: LocatedRecord): SourceRow | undefined {
    // A row of blanks or bare delimiters (";;;", what spreadsheets leave below the data) is a blank line.
    let blank = true;
    for (let i = 0; i < record.length && blank; i++) {
      const value = record[i] as string;
      if (value !== "" && value.trim() !== "") blank = false;
    }
    if (blank) return undefined;
    recordNo += 1;
    const fields: Record<string, string> = {};
    for (let i = 0; i < columns.length; i++) fields[columns[i] as string] = record[first + i] ?? "";
    const problems = [];
    if (record.length < width) {
      problems.push(
        problem(
          "row_too_few_fields",
          `record ${recordNo} (line ${line}) has ${record.length} fields, the header has ${width}`,
        ),
      );
    } else if (record.length > width && record.slice(width).some((v) => v.trim() !== "")) {
      problems.push(
        problem(
          "row_too_many_fields",
          `record ${recordNo} (line ${line}) has ${record.length} fields, the header has ${width}`,
        ),
      );
    }
    // Per column, so that a bad byte in a column the import does not use refuses nothing.
    for (let i = 0; i < record.length; i++)
      if ((record[i] as string).includes("\uFFFD"))
        problems.push(
          problem(
            "encoding_invalid",
            `record ${recordNo} (line ${line}) has bytes that are not valid ${encoding}; the file may be in another encoding (--encoding)`,
            columns[i - first],
          ),
        );
    return { file, recordNo, line, fields, problems };
  }

  async function* rows(): AsyncGenerator<SourceRow> {
    for (const record of ahead.slice(headerIndex + 1)) {
      const row = toRow(record);
      if (row !== undefined) yield row;
    }
    // nextLine is where the record that could not be read begins, which is where a person must look.
    if (pending !== undefined) throw csvError(file, pending, nextLine);
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        for (const parsed of next.value) {
          const row = toRow(located(parsed));
          if (row !== undefined) yield row;
        }
      }
    } catch (err) {
      throw csvError(file, err, nextLine);
    }
  }

  return { header, rows: rows(), recordCount: () => recordNo };
}

interface ParsedRecord {
  record: string[];
  /** Empty lines csv-parse has skipped since the start of the file, when this record ended. */
  emptyLinesBefore: number;
}

interface LocatedRecord {
  record: string[];
  line: number;
}

const MAX_RECORD_CHARS = 8 * 2 ** 20;

// Title rows above a header are a handful at most; 20 also bounds what is read before the first row is handed on.
const HEADER_SEARCH_ROWS = 20;

/** What csv-parse's Parser drives underneath its stream (lib/api/index.js): fed directly, see parseRecords. */
interface CsvParseApi {
  parse(
    chunk: Buffer | undefined,
    end: boolean,
    push: (record: string[]) => void,
    close: () => void,
  ): Error | undefined;
  info: { empty_lines: number };
}

/** The parser inside csv-parse's Parser, refused loudly if a version without it is installed. */
function csvParseApi(options: Options): CsvParseApi {
  const api = (new Parser(options) as unknown as { api?: Partial<CsvParseApi> }).api;
  if (typeof api?.parse !== "function" || typeof api.info?.empty_lines !== "number")
    throw new Error("csv-parse 7.0.3 is expected (its Parser's api): reinstall with `npm ci`");
  return api as CsvParseApi;
}

/**
 * Every record csv-parse produces, in order, then its error if it has one. csv-parse's parser is fed directly
 * rather than through its stream: a stream that fails drops the records still in its buffer (and a report must show
 * every row read before the break), and on_record would build an info object per record, a tenth of the reading.
 * Backpressure comes from reading the file one chunk at a time.
 */
async function* parseRecords(
  file: string,
  encoding: string,
  delimiter: string,
): AsyncGenerator<ParsedRecord[]> {
  const queue: ParsedRecord[] = [];
  const parser = csvParseApi({
    bom: true,
    delimiter,
    // A record this long is no client (a quote never closed, a binary file, a hostile file): refused in seconds
    // rather than held in memory whole.
    max_record_size: MAX_RECORD_CHARS,
    relax_column_count: true,
    // A quote inside an unquoted value (12" screen, 37°36'37.8"N) is text, as every spreadsheet reads it.
    relax_quotes: true,
    skip_empty_lines: true,
  });
  // The empty lines skipped so far, when the record ends: what on_record's context would say.
  const push = (record: string[]) => queue.push({ record, emptyLinesBefore: parser.info.empty_lines });
  const close = () => undefined;
  // UTF-8 goes to csv-parse as read (it decodes each value, a bad byte becoming U+FFFD as in the decoder), less one
  // BOM as the decoder drops it (csv-parse drops a second, as it did after the decoder). Other encodings, and UTF-8
  // forced on bytes that open with a UTF-16 BOM (csv-parse would switch to UTF-16 unasked), are decoded by
  // iconv-lite, which keeps a character split across chunks whole and drops the BOM.
  let decoder: ReturnType<typeof iconv.getDecoder> | undefined | null = null;
  const source = createReadStream(file);
  try {
    for await (const read of source) {
      let chunk = read as Buffer;
      if (decoder === null) {
        const bom = bomEncoding(chunk);
        decoder =
          isUtf8(encoding) && bom !== "utf-16le" && bom !== "utf-16be"
            ? undefined
            : iconv.getDecoder(encoding);
        if (decoder === undefined && bom === "utf-8") chunk = chunk.subarray(3);
      }
      const bytes = decoder === undefined ? chunk : Buffer.from(decoder.write(chunk));
      const failure = bytes.length === 0 ? undefined : parser.parse(bytes, false, push, close);
      if (queue.length > 0) yield queue.splice(0);
      if (failure !== undefined) throw failure;
    }
    const rest = decoder === null ? undefined : decoder?.end();
    let failure =
      rest === undefined || rest === "" ? undefined : parser.parse(Buffer.from(rest), false, push, close);
    failure ??= parser.parse(undefined, true, push, close);
    if (queue.length > 0) yield queue.splice(0);
    if (failure !== undefined) throw failure;
  } finally {
    source.destroy();
  }
}

function isUtf8(encoding: string): boolean {
  return /^utf-?8$/i.test(encoding);
}

function csvError(file: string, err: unknown, line: number): InputFileError {
  if (err instanceof InputFileError) return err;
  const e = err as { code?: string; message?: string } | undefined;
  if (e?.code === "ENOENT" || e?.code === "EACCES" || e?.code === "EISDIR")
    return new InputFileError(file, describeFsError(err));
  if (e?.code === "CSV_MAX_RECORD_SIZE")
    return new InputFileError(
      file,
      `line ${line}: a record longer than ${MAX_RECORD_CHARS / 2 ** 20} MiB characters starts here (a quote that is never closed, or not a CSV file)`,
    );
  if (e?.code === "CSV_QUOTE_NOT_CLOSED")
    return new InputFileError(file, `line ${line}: a quoted value opened here is never closed`);
  const what = (e?.message ?? String(err)).replace(/^Invalid [^:]*: /, "");
  return new InputFileError(file, `line ${line}: ${what}`);
}
