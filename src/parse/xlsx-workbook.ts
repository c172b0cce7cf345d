import { createRequire } from "node:module";
import { posix } from "node:path";
import { InputFileError } from "../errors.js";
import type { NumberFormat } from "./number-format.js";
import {
  contentTypeOf,
  contentTypesParser,
  PartWalker,
  relsParser,
  SPREADSHEETML,
  stylesParser,
  workbookParser,
  type ContentTypes,
  type Relationship,
  type SaxEvent,
  type XmlNames,
} from "./ooxml.js";
import type { ZipArchive, ZipEntry } from "./zip.js";
import { decodeEscapes, type CellContext } from "./xlsx-cells.js";
import { LimitExceeded, LIMITS } from "./xlsx-limits.js";

// The package around the sheets, read before any row: the SAX parser, relationships, content types, the workbook
// part (sheets, date system), styles and shared strings. See xlsx.ts for why the parts are read this way.

// Sheets: which one to read.

export interface SheetInfo {
  name: string;
  /** Only worksheets hold cells; chart sheets and the like are listed so a 1-based index counts them. */
  kind: "worksheet" | "other";
  hidden: boolean;
  /** Part name inside the zip. */
  path: string | undefined;
}

/** The index of the sheet `--sheet` names: an exact name first (case-insensitive), else a 1-based index. Pure. */
export function findSheet(sheets: readonly SheetInfo[], wanted: string): number | undefined {
  const lower = wanted.toLowerCase();
  const byName = sheets.findIndex((s) => s.name.toLowerCase() === lower);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(wanted)) {
    const n = Number(wanted);
    if (n >= 1 && n <= sheets.length) return n - 1;
  }
  return undefined;
}

export function sheetList(sheets: readonly SheetInfo[]): string {
  return sheets.map((s, i) => `${i + 1} "${s.name}"`).join(", ");
}

// ---------------------------------------------------------------------------------------------------------------
// exceljs's SAX parser, loaded on first use (CSV runs never pay for it).

type ParseSax = (chunks: AsyncIterable<Buffer | string>) => AsyncGenerator<SaxEvent[]>;

export interface Excel {
  parseSax: ParseSax;
}

let excel: Promise<Excel> | undefined;

export function loadExcel(): Promise<Excel> {
  excel ??= (async () => {
    const require = createRequire(import.meta.url);
    const parseSax = require("exceljs/lib/utils/parse-sax.js") as ParseSax;
    await assertSaxPatched(parseSax);
    return { parseSax };
  })();
  return excel;
}

/**
 * Unpatched, exceljs garbles a character whose UTF-8 bytes straddle two inflated chunks (exceljs #2084, #2316).
 * An install that skipped patch-package must fail loudly rather than send mangled names to Qonto.
 */
async function assertSaxPatched(parseSax: ParseSax): Promise<void> {
  let text = "";
  const eAcute = Buffer.from("é", "utf8");
  async function* chunks(): AsyncGenerator<Buffer> {
    yield Buffer.concat([Buffer.from("<a>"), eAcute.subarray(0, 1)]);
    yield Buffer.concat([eAcute.subarray(1), Buffer.from("</a>")]);
  }
  for await (const events of parseSax(chunks()))
    for (const e of events) if (e.eventType === "text") text += e.value;
  if (text !== "é")
    throw new Error(
      "exceljs 4.4.0 is installed without patches/exceljs+4.4.0.patch (run `npm ci`, which applies it); " +
        "refusing to read XLSX files, whose accented text it would garble",
    );
}

// ---------------------------------------------------------------------------------------------------------------
// The workbook: sheets, shared strings, which styles are dates.

export interface Workbook {
  sheets: SheetInfo[];
  ctx: CellContext;
  /** Number formats by cell style index (the `s` attribute). */
  formats: NumberFormat[];
}

/**
 * A part's inflated bytes, passed on as they come; refused when more than LIMITS.markupRunBytes go by without a
 * `<`: the SAX parser would hold that run (one value, one tag) whole in memory. Two searches per chunk.
 */
export async function* bounded(
  chunks: AsyncIterable<Buffer>,
  part: string,
  names?: XmlNames,
): AsyncGenerator<Buffer> {
  const limit = LIMITS.markupRunBytes;
  let run = 0;
  for await (const chunk of chunks) {
    const first = chunk.indexOf(0x3c);
    if (first < 0) run += chunk.length;
    else {
      let longest = run + first;
      // A chunk longer than the bound could hide a whole run inside it.
      if (chunk.length > limit)
        for (
          let at = first, next = chunk.indexOf(0x3c, at + 1);
          next >= 0;
          at = next, next = chunk.indexOf(0x3c, at + 1)
        )
          longest = Math.max(longest, next - at - 1);
      run = longest > limit ? longest : chunk.length - chunk.lastIndexOf(0x3c) - 1;
    }
    if (run > limit)
      throw new LimitExceeded(
        "markup_too_long",
        `${part} holds more than 1 MiB of XML between two tags, far more than any cell holds`,
      );
    names?.watch.see(chunk);
    yield chunk;
  }
}

/** Feeds a part's SAX events to a walker. */
async function walkPart(archive: ZipArchive, entry: ZipEntry, lib: Excel, walker: PartWalker): Promise<void> {
  for await (const events of lib.parseSax(bounded(archive.read(entry), entry.name, walker.names)))
    walker.feed(events);
}

export function relationType(rel: Relationship): string {
  return rel.Type.slice(rel.Type.lastIndexOf("/") + 1);
}

/** A relationship target as a part name: relative to the source part's folder, or absolute from the root. */
function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith("/")) return posix.normalize(target).slice(1);
  return posix.normalize(posix.join(posix.dirname(sourcePart), target));
}

export function relsPartOf(part: string): string {
  return posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`);
}

export async function readRels(archive: ZipArchive, lib: Excel, part: string): Promise<Relationship[]> {
  const entry = archive.get(part);
  if (entry === undefined) return [];
  const { walker, result } = relsParser();
  await walkPart(archive, entry, lib, walker);
  return result;
}

async function readContentTypes(archive: ZipArchive, lib: Excel): Promise<ContentTypes | undefined> {
  const entry = archive.get("[Content_Types].xml");
  if (entry === undefined) return undefined;
  const { walker, result } = contentTypesParser();
  await walkPart(archive, entry, lib, walker);
  return result;
}

const SPREADSHEET_MAIN = /(?:spreadsheetml|ms-excel)\.(?:sheet|template)(?:\.macroenabled)?\.main\+xml$/i;
const OTHER_MAIN = /(?:wordprocessingml|presentationml|ms-word|ms-powerpoint)\.[\w.]+\.main\+xml$/i;

/** The package's main part as [Content_Types].xml names it: a workbook's, else a document's or presentation's. */
function mainPartOf(types: ContentTypes): string | undefined {
  let other: string | undefined;
  for (const [part, type] of types.overrides) {
    if (SPREADSHEET_MAIN.test(type)) return part;
    if (OTHER_MAIN.test(type)) other ??= part;
  }
  return other;
}

/** Refuses the zip-based formats people mistake for XLSX, saying what they are and what to do. */
async function refuseOtherPackages(file: string, archive: ZipArchive): Promise<void> {
  const mimetype = archive.get("mimetype");
  if (mimetype !== undefined && mimetype.uncompressedSize < 256) {
    const type = (await archive.readAll(mimetype)).toString("latin1").trim();
    if (type === "application/vnd.oasis.opendocument.spreadsheet")
      throw new InputFileError(
        file,
        "is an OpenDocument spreadsheet (.ods), which this tool does not read: save it as .xlsx or CSV",
      );
    if (type.startsWith("application/vnd.oasis.opendocument."))
      throw new InputFileError(
        file,
        "is an OpenDocument file, not a spreadsheet: save the table as .xlsx or CSV",
      );
  }
  const names = archive.entries.map((e) => e.name);
  if (names.some((n) => /^Index\/.*\.iwa$/i.test(n) || /^Index\.zip$/i.test(n)))
    throw new InputFileError(
      file,
      "is an Apple Numbers file, which this tool does not read: export it as .xlsx or CSV (File > Export To)",
    );
  if (archive.get("xl/workbook.bin") !== undefined)
    throw new InputFileError(
      file,
      "is an Excel binary workbook (.xlsb), which this tool does not read: save it as .xlsx or CSV",
    );
}

export async function loadWorkbook(file: string, archive: ZipArchive, lib: Excel): Promise<Workbook> {
  await refuseOtherPackages(file, archive);
  const rootRels = await readRels(archive, lib, "_rels/.rels");
  const office = rootRels.find((r) => relationType(r) === "officeDocument");
  let part = office === undefined ? undefined : resolveTarget("", office.Target);
  let types: ContentTypes | undefined;
  if (part === undefined || archive.get(part) === undefined) {
    // Root relationships missing or naming no part: [Content_Types].xml still says which part is the workbook.
    types = await readContentTypes(archive, lib);
    part = (types === undefined ? undefined : mainPartOf(types)) ?? part;
  }
  const main = part ?? "xl/workbook.xml";
  const notWorkbook = (): InputFileError => {
    const type = types === undefined ? "" : (contentTypeOf(types, main) ?? "");
    const what =
      main.startsWith("word/") || /wordprocessingml|ms-word/i.test(type)
        ? "a Word document"
        : main.startsWith("ppt/") || /presentationml|ms-powerpoint/i.test(type)
          ? "a PowerPoint presentation"
          : "a zip archive";
    return new InputFileError(file, `is ${what}, not an XLSX workbook: save the table as .xlsx or CSV`);
  };
  const entry = archive.get(main);
  if (entry === undefined) throw notWorkbook();
  const parsed = workbookParser();
  await walkPart(archive, entry, lib, parsed.walker);
  if (!parsed.result.isWorkbook) throw notWorkbook();
  const rels = await readRels(archive, lib, relsPartOf(main));
  const byId = new Map(rels.map((r) => [r.Id, r]));

  const sheets: SheetInfo[] = parsed.result.sheets.map((s, i) => {
    const rel = s.rId === undefined ? undefined : byId.get(s.rId);
    return {
      name: s.name === "" ? `Sheet${i + 1}` : s.name,
      kind: rel !== undefined && relationType(rel) === "worksheet" ? "worksheet" : "other",
      hidden: s.state === "hidden" || s.state === "veryHidden",
      path: rel === undefined ? undefined : resolveTarget(main, rel.Target),
    };
  });

  const partOf = (type: string): ZipEntry | undefined => {
    const rel = rels.find((r) => relationType(r) === type);
    return rel === undefined ? undefined : archive.get(resolveTarget(main, rel.Target));
  };
  let formats: NumberFormat[] = [];
  const stylesEntry = partOf("styles");
  if (stylesEntry !== undefined) {
    const styles = stylesParser();
    await walkPart(archive, stylesEntry, lib, styles.walker);
    formats = styles.formats();
  }
  const stringsEntry = partOf("sharedStrings");
  const sharedStrings = stringsEntry === undefined ? [] : await readSharedStrings(archive, stringsEntry, lib);
  return { sheets, ctx: { sharedStrings, date1904: parsed.result.date1904 }, formats };
}

/**
 * The shared-strings table as plain text: rich-text runs concatenated, phonetic guides (`<rPh>`, Japanese
 * readings) left out. This table is the one part of a workbook held in memory whole.
 */
async function readSharedStrings(archive: ZipArchive, entry: ZipEntry, lib: Excel): Promise<string[]> {
  const strings: string[] = [];
  let text = "";
  let inText = false;
  let phonetic = 0;
  const walker = new PartWalker(SPREADSHEETML, {
    open(name) {
      if (name === "si") text = "";
      else if (name === "t") inText = phonetic === 0;
      else if (name === "rPh") phonetic += 1;
    },
    close(name) {
      if (name === "t") inText = false;
      else if (name === "rPh") phonetic -= 1;
      else if (name === "si") strings.push(decodeEscapes(text));
    },
    text(value) {
      if (!inText) return;
      text += value;
      // Many runs of one string: each is bounded by `bounded`, their sum here. Cells check the text's length.
      if (text.length > LIMITS.rowChars)
        throw new LimitExceeded(
          "cell_too_long",
          `shared string ${strings.length} holds more than ${LIMITS.cellChars.toLocaleString("en")} characters, the most a cell holds`,
        );
    },
  });
  await walkPart(archive, entry, lib, walker);
  return strings;
}
