import type { Relationship } from "./ooxml.js";
import { ZipError, type ZipArchive, type ZipEntry } from "./zip.js";
import { area, parseRange, withinSheet, type CellRange } from "./xlsx-cells.js";
import { LimitExceeded, LIMITS } from "./xlsx-limits.js";
import { bounded, readRels, relationType, relsPartOf, type Excel } from "./xlsx-workbook.js";

// Merges and hyperlinks: stored after the rows in a sheet's XML, so read in a first pass.

interface MailtoLink extends CellRange {
  target: string;
  address: string;
}

export interface SheetExtras {
  merges: CellRange[];
  mailto: MailtoLink[];
}

export const NO_EXTRAS: SheetExtras = { merges: [], mailto: [] };

/**
 * The XML after `</sheetData>`, found by scanning the inflated bytes (no XML parse of the rows), passed on
 * decoded in pieces as it is inflated: it is never held whole.
 */
async function* sheetTail(chunks: AsyncIterable<Buffer>, part: string): AsyncGenerator<string> {
  const pattern = Buffer.from("sheetData");
  const decoder = new TextDecoder("utf-8");
  let carry: Buffer = Buffer.alloc(0);
  let found = false;
  for await (const chunk of chunks) {
    if (found) {
      yield decoder.decode(chunk, { stream: true });
      continue;
    }
    const buf = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    let end = -1;
    for (let at = buf.indexOf(pattern); at >= 0 && end < 0; at = buf.indexOf(pattern, at + 1)) {
      if (at + pattern.length + 8 > buf.length) break; // decided with the next chunk
      const before = buf.toString("latin1", Math.max(0, at - 40), at);
      const after = buf.toString("latin1", at + pattern.length, at + pattern.length + 8);
      const close = /<\/(?:[\w.-]+:)?$/.test(before) && /^\s*>/.exec(after);
      const empty = /<(?:[\w.-]+:)?$/.test(before) && /^\s*\/>/.exec(after);
      const match = close || empty;
      if (match) end = at + pattern.length + match[0].length;
    }
    if (end >= 0) {
      found = true;
      yield decoder.decode(buf.subarray(end), { stream: true });
    } else carry = buf.subarray(Math.max(0, buf.length - 64));
  }
  if (!found) throw new ZipError(`${part} ends before its rows do: the file is damaged`);
  yield decoder.decode();
}

function xmlAttributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    attrs.set(m[1] ?? "", decodeEntities(m[2] ?? m[3] ?? ""));
  return attrs;
}

function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (all, e: string) => {
    const lower = e.toLowerCase();
    if (lower === "amp") return "&";
    if (lower === "lt") return "<";
    if (lower === "gt") return ">";
    if (lower === "quot") return '"';
    if (lower === "apos") return "'";
    const code = lower.startsWith("#x") ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/** The address of a mailto: link, without the scheme and any ?subject=...; undefined for other links. Pure. */
export function mailtoAddress(target: string): string | undefined {
  const m = /^\s*mailto:([^?]*)/i.exec(target);
  if (m === null) return undefined;
  try {
    return decodeURIComponent(m[1] ?? "").trim();
  } catch {
    return (m[1] ?? "").trim();
  }
}

/**
 * Merged ranges and mailto: links of a sheet, from the XML that follows its rows, fed in pieces of any size.
 * LIMITS are enforced as they come: ranges beyond XFD1048576, more merges than LIMITS.merges, more cells merged
 * or linked than LIMITS.mergedCells are refused. They are refused rather than clipped: a spreadsheet program
 * writes none of them, and clipping would change what cells hold without a word.
 */
class ExtrasCollector {
  private carry = "";
  private readonly merges: CellRange[] = [];
  private readonly mailto: MailtoLink[] = [];
  private mergedCells = 0;
  private linkedCells = 0;

  /** `targets`: hyperlink targets by relationship id. */
  constructor(private readonly targets: ReadonlyMap<string, string>) {}

  feed(text: string): void {
    let xml = this.carry + text;
    // A tag cut by the piece's end waits for the next piece (its length is bounded by `bounded`).
    const open = xml.lastIndexOf("<");
    if (open >= 0 && xml.indexOf(">", open) < 0) {
      this.carry = xml.slice(open);
      xml = xml.slice(0, open);
    } else this.carry = "";
    if (!xml.includes("mergeCell") && !xml.includes("hyperlink")) return;
    for (const m of xml.matchAll(/<(?:[\w.-]+:)?(mergeCell|hyperlink)\b([^>]*)>/g)) {
      const attrs = xmlAttributes(m[2] ?? "");
      const ref = attrs.get("ref") ?? "";
      const range = parseRange(ref);
      if (range === undefined) continue;
      if (m[1] === "mergeCell") this.merge(ref, range);
      else this.link(ref, range, attrs);
    }
  }

  private merge(ref: string, range: CellRange): void {
    if (!withinSheet(range))
      throw new LimitExceeded(
        "merge_beyond_sheet",
        `the merged range ${ref} lies beyond XFD1048576, the last cell a worksheet has`,
      );
    const cells = area(range);
    if (cells === 1) return;
    if (this.merges.length >= LIMITS.merges)
      throw new LimitExceeded(
        "too_many_merges",
        `it has more than ${LIMITS.merges.toLocaleString("en")} merged ranges`,
      );
    this.mergedCells += cells;
    if (this.mergedCells > LIMITS.mergedCells)
      throw new LimitExceeded(
        "merged_area",
        `its merged ranges cover more than ${LIMITS.mergedCells.toLocaleString("en")} cells`,
      );
    this.merges.push(range);
  }

  private link(ref: string, range: CellRange, attrs: ReadonlyMap<string, string>): void {
    let target: string | undefined;
    for (const [k, v] of attrs) if (k === "id" || k.endsWith(":id")) target = this.targets.get(v);
    target ??= attrs.get("location");
    const address = target === undefined ? undefined : mailtoAddress(target);
    if (address === undefined || address === "" || target === undefined) return;
    if (!withinSheet(range))
      throw new LimitExceeded(
        "link_beyond_sheet",
        `the link on ${ref} lies beyond XFD1048576, the last cell a worksheet has`,
      );
    this.linkedCells += area(range);
    if (this.mailto.length >= LIMITS.links || this.linkedCells > LIMITS.mergedCells)
      throw new LimitExceeded(
        "too_many_links",
        `its mailto: links number more than ${LIMITS.links.toLocaleString("en")} or cover more than ${LIMITS.mergedCells.toLocaleString("en")} cells`,
      );
    this.mailto.push({ ...range, target, address });
  }

  finish(): SheetExtras {
    if (this.merges.length === 0 && this.mailto.length === 0) return NO_EXTRAS;
    this.merges.sort((a, b) => a.r1 - b.r1);
    this.mailto.sort((a, b) => a.r1 - b.r1);
    return { merges: this.merges, mailto: this.mailto };
  }
}

/** Hyperlink targets by relationship id. */
function hyperlinkTargets(rels: readonly Relationship[]): Map<string, string> {
  return new Map(rels.filter((r) => relationType(r) === "hyperlink").map((r) => [r.Id, r.Target]));
}

/** Merged ranges and mailto: hyperlinks of a sheet, from the XML that follows its rows. Pure. */
export function parseSheetExtras(tail: string, rels: readonly Relationship[]): SheetExtras {
  const collector = new ExtrasCollector(hyperlinkTargets(rels));
  collector.feed(tail);
  return collector.finish();
}

/**
 * Applies merges and mailto: links to rows read in order. Every cell of a merged range takes the text of its
 * top-left cell, across columns and down rows alike (a company name merged over three contact rows is the
 * company of each). A mailto: link on a cell with no text, or whose text is the link itself, gives the address.
 */
export class RowFiller {
  private nextMerge = 0;
  private nextLink = 0;
  private merges: (CellRange & { text: string })[] = [];
  private links: MailtoLink[] = [];

  constructor(private readonly extras: SheetExtras) {}

  apply(r: number, cells: string[]): void {
    const { merges, mailto } = this.extras;
    while (this.nextMerge < merges.length && (merges[this.nextMerge]?.r1 ?? Infinity) <= r) {
      const m = merges[this.nextMerge++];
      // A merge whose first row holds no cells has nothing to spread.
      if (m !== undefined && m.r2 >= r) this.merges.push({ ...m, text: "" });
    }
    while (this.nextLink < mailto.length && (mailto[this.nextLink]?.r1 ?? Infinity) <= r) {
      const l = mailto[this.nextLink++];
      if (l !== undefined && l.r2 >= r) this.links.push(l);
    }
    if (this.merges.length > 0) {
      this.merges = this.merges.filter((m) => m.r2 >= r);
      for (const m of this.merges) {
        if (m.r1 === r) m.text = cells[m.c1] ?? "";
        if (m.text === "") continue;
        for (let c = m.r1 === r ? m.c1 + 1 : m.c1; c <= m.c2; c++) cells[c] = m.text;
      }
    }
    if (this.links.length > 0) {
      this.links = this.links.filter((l) => l.r2 >= r);
      for (const l of this.links)
        for (let c = l.c1; c <= l.c2; c++) {
          const text = cells[c] ?? "";
          if (text.trim() === "" || text.trim().toLowerCase() === l.target.trim().toLowerCase())
            cells[c] = l.address;
        }
    }
  }
}

export async function readExtras(archive: ZipArchive, entry: ZipEntry, lib: Excel): Promise<SheetExtras> {
  // Hyperlink targets are in the sheet's relationships, when it has any.
  const relsPart = relsPartOf(entry.name);
  const targets =
    archive.get(relsPart) === undefined
      ? new Map<string, string>()
      : hyperlinkTargets(await readRels(archive, lib, relsPart));
  const collector = new ExtrasCollector(targets);
  for await (const text of sheetTail(bounded(archive.read(entry), entry.name), entry.name))
    collector.feed(text);
  return collector.finish();
}
