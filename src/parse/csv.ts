import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { parse } from "csv-parse";
import { InputFileError } from "../errors.js";
import { problem } from "../problems.js";
import type { SourceRow, TableHeader } from "./source-row.js";

export const DELIMITERS = [",", ";", "\t", "|"] as const;

/** Picks the delimiter that occurs most often outside quotes on the header line. Pure, for tests. */
export function sniffDelimiter(sample: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  // The header is the first line that is not blank: csv-parse skips the blank lines before it too.
  let inHeader = false;
  for (const ch of sample) {
    if (!inQuotes && (ch === "\n" || ch === "\r")) {
      if (inHeader) break;
      continue;
    }
    if (ch.trim() !== "") inHeader = true;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ",";
  let bestCount = 0;
  for (const [d, n] of counts) {
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** Physical line breaks in a text; CRLF, CR and LF each count once. Pure, for tests. */
export function countLineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

async function readSample(file: string, bytes = 64 * 1024): Promise<string> {
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
    return buf
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
  } finally {
    await handle.close();
  }
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
}

export interface CsvTable {
  header: TableHeader;
  rows: AsyncGenerator<SourceRow>;
}

/**
 * Opens a CSV file: reads its header eagerly (so header errors surface before any row is processed)
 * and returns the data rows as a stream.
 */
export async function openCsv(file: string, options: CsvReadOptions = {}): Promise<CsvTable> {
  const sample = await readSample(file);
  if (sample.trim() === "") throw new InputFileError(file, "the file is empty");
  const delimiter = options.delimiter ?? sniffDelimiter(sample);

  const parser = createReadStream(file).pipe(
    parse({
      bom: true,
      delimiter,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }),
  );
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<ParsedRecord>;

  let first: IteratorResult<ParsedRecord>;
  try {
    first = await iterator.next();
  } catch (err) {
    throw csvError(file, err);
  }
  if (first.done) throw new InputFileError(file, "the file is empty");
  // Physical lines are counted here from the raw text, not taken from csv-parse's info.lines: csv-parse counts a
  // CRLF inside a quoted value as two lines, which would push every later line number off.
  const headerLine = 1 + countLineBreaks(leadingBreaks(first.value.raw));
  const columns = headerColumns(file, first.value.record, headerLine);
  const header: TableHeader = { file, columns, delimiter, encoding: "utf-8" };
  let nextLine = 1 + countLineBreaks(first.value.raw);

  async function* rows(): AsyncGenerator<SourceRow> {
    let recordNo = 0;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        const { record, raw } = next.value;
        const line = nextLine + countLineBreaks(leadingBreaks(raw));
        nextLine += countLineBreaks(raw);
        // A row of blanks or bare delimiters (";;;", what spreadsheets leave below the data) is a blank line.
        if (record.every((v) => v.trim() === "")) continue;
        recordNo += 1;
        const fields: Record<string, string> = {};
        columns.forEach((name, i) => {
          fields[name] = record[i] ?? "";
        });
        const problems = [];
        if (record.length < columns.length) {
          problems.push(
            problem(
              "row_too_few_fields",
              `record ${recordNo} (line ${line}) has ${record.length} fields, the header has ${columns.length}`,
            ),
          );
        } else if (
          record.length > columns.length &&
          record.slice(columns.length).some((v) => v.trim() !== "")
        ) {
          problems.push(
            problem(
              "row_too_many_fields",
              `record ${recordNo} (line ${line}) has ${record.length} fields, the header has ${columns.length}`,
            ),
          );
        }
        yield { file, recordNo, line, fields, problems };
      }
    } catch (err) {
      throw csvError(file, err);
    }
  }

  return { header, rows: rows() };
}

interface ParsedRecord {
  record: string[];
  raw: string;
}

function leadingBreaks(raw: string): string {
  return /^(?:\r\n|\r|\n)*/.exec(raw)?.[0] ?? "";
}

function headerColumns(file: string, record: string[], line: number): string[] {
  // Trailing empty header cells are what spreadsheets leave behind; they name nothing.
  const cells = record.map((c) => c.trim());
  while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
  if (cells.length === 0) throw new InputFileError(file, `line ${line}: the header row is empty`);
  const seen = new Map<string, number>();
  cells.forEach((name, i) => {
    const column = i + 1;
    if (name === "") throw new InputFileError(file, `line ${line}, column ${column}: empty header name`);
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined)
      throw new InputFileError(
        file,
        `line ${line}, column ${column}: header "${name}" repeats column ${earlier}; each column needs its own name`,
      );
    seen.set(name.toLowerCase(), column);
  });
  return cells;
}

function csvError(file: string, err: unknown): InputFileError {
  if (err instanceof InputFileError) return err;
  const e = err as { code?: string; lines?: number; message?: string } | undefined;
  const where = e?.lines !== undefined ? `line ${e.lines}: ` : "";
  const what =
    e?.code === "ENOENT" || e?.code === "EACCES" ? describeFsError(err) : (e?.message ?? String(err));
  return new InputFileError(file, `${where}${what.replace(/^Invalid [^:]*: /, "")}`);
}
