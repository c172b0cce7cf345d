import { detectHeaderRow, headerScore } from "../map/header.js";

// Where a table sits among a sheet's or file's first rows, and what its columns are called. Pure, shared by the
// CSV and XLSX readers, so that both read a title block, an indented table or an unnamed column the same way.

/** The header row among the first non-empty rows: the one naming known fields, else the first that looks like one. */
export function findHeaderRow(rows: readonly (readonly string[])[], known: ReadonlySet<string>): number {
  return detectHeaderRow(rows, known) ?? guessHeaderRow(rows);
}

/**
 * A header whose names are not client fields (a foreign export, a mapping file still to write), guessed from the
 * rows' shape. Title and note lines above a table ("Lots of people", "Source: ...", a unit line, words spread over
 * cells) are narrower than the table; a header is text and as wide as the data under it. In order:
 * 1. the first all-text row at least as wide as the rows below it usually are (their most common width);
 * 2. else the last all-text row above the first row holding numbers (a header over numeric data whose first
 *    column has no name, as R and pandas write an index column);
 * 3. else the first row at least half as wide as the widest.
 * Rows of one cell are never a header when a wider row exists. 0 when nothing qualifies. Pure.
 */
export function guessHeaderRow(rows: readonly (readonly string[])[]): number {
  const widths = rows.map(filledCount);
  const widest = Math.max(0, ...widths);
  const floor = Math.min(2, widest);
  const numeric = rows.map((cells) => cells.some(isNumberLike));
  // The width most rows from `i` on have: a table of one column (a list of names, one holding a comma) has no
  // header to look for below its first row, and none of its rows may be skipped as a title.
  const usual = (from: number) => commonest(widths.slice(from).filter((x) => x > 0));
  for (let i = 0; i < widths.length; i++) {
    const w = widths[i] ?? 0;
    if (w < floor || numeric[i] === true) continue;
    const body = usual(i + 1);
    if (body >= 2 && w >= body) return i;
  }
  const firstNumbers = widths.findIndex((w, i) => w >= floor && numeric[i] === true);
  if (firstNumbers > 0 && usual(firstNumbers) >= 2)
    for (let i = firstNumbers - 1; i >= 0; i--)
      if ((widths[i] ?? 0) >= floor && numeric[i] !== true) return i;
  if (usual(0) >= 2) {
    const needed = Math.max(floor, Math.ceil(widest / 2));
    const at = widths.findIndex((w) => w >= needed);
    if (at >= 0) return at;
  }
  const filled = widths.findIndex((w) => w > 0);
  return filled < 0 ? 0 : filled;
}

/** A cell a header would not hold: a number, an amount, a percentage or a date. */
function isNumberLike(cell: string): boolean {
  const t = cell.trim();
  return /^[-+(]?\d[\d\s.,'’]*[)%]?$/.test(t) || /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(t);
}

/** The most frequent value; the larger one on a tie. */
function commonest(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [v, n] of counts) if (n > bestCount || (n === bestCount && v > best)) [best, bestCount] = [v, n];
  return best;
}

function filledCount(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (c !== undefined && c.trim() !== "") n++;
  return n;
}

export interface TableColumns {
  /** 0-based index of the header's first named cell: a table may start in column B or further right. */
  first: number;
  /** Column names, for cells first, first + 1, ... */
  names: string[];
}

/** Why a header row cannot name a table's columns; `col` is the 0-based cell index, when one is at fault. */
export interface HeaderFault {
  col?: number;
  message: string;
}

/**
 * Names a table's columns from its header cells. The table starts at the first non-empty cell, or further left
 * where the data under it does (`dataFrom`); empty cells left of it are margin. It ends at the last one (trailing empty cells are what spreadsheets leave behind). A column
 * with no name inside the table is called after its position (`(column C)`): its cells are kept and reported as
 * an unmapped column rather than refusing the file. A repeated name is refused when it names a field we read (two
 * "Email" columns: which one is meant?), otherwise the later ones are told apart by position. `label` names a
 * position as the reader does ("C" in a sheet, "3" in a CSV line). Pure.
 */
export function tableColumns(
  cells: readonly (string | undefined)[],
  known: ReadonlySet<string>,
  label: (index: number) => string,
  dataFrom = Infinity,
): TableColumns | HeaderFault {
  const trimmed = Array.from(cells, (c) => (c ?? "").trim());
  let last = trimmed.length - 1;
  while (last >= 0 && trimmed[last] === "") last--;
  if (last < 0) return { message: "the header row is empty" };
  // Data left of the header's first name (row labels under an empty corner cell) belongs to the table.
  const first = Math.min(
    trimmed.findIndex((c) => c !== ""),
    dataFrom,
  );
  const names: string[] = [];
  const seen = new Map<string, number>();
  const taken = new Set(trimmed.map((c) => c.toLowerCase()));
  for (let i = first; i <= last; i++) {
    let name = trimmed[i] ?? "";
    if (name === "") name = unique(`(column ${label(i)})`, taken);
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) {
      if (headerScore([name], known) > 0)
        return {
          col: i,
          message: `header "${name}" repeats column ${label(earlier)}; each column needs its own name`,
        };
      name = unique(`${name} (column ${label(i)})`, taken);
    }
    seen.set(name.toLowerCase(), i);
    taken.add(name.toLowerCase());
    names.push(name);
  }
  return { first, names };
}

function unique(name: string, taken: ReadonlySet<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name} ${n}`;
  return candidate;
}

export function isHeaderFault(x: TableColumns | HeaderFault): x is HeaderFault {
  return "message" in x;
}

/** A merged range: 1-based rows, 0-based columns (as the XLSX reader keeps them). */
export interface MergedRange {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** Header rows beyond this many below the first are data, however the merges fall. */
const MAX_HEADER_DEPTH = 4;

/**
 * The last row of a header that spans several rows, so that its lower rows are not read as data: a header cell
 * merged down ("Nom" over rows 3-4), or a group name merged across (B3:C3 "Adresse") above sub-names on the next
 * row ("Rue", "Ville") that sit only under such groups. `next(r)` gives a row's cells as stored. Pure.
 */
export function headerBlockEnd(
  headerRow: number,
  columns: { first: number; last: number },
  merges: readonly MergedRange[],
  next: (r: number) => readonly (string | undefined)[] | undefined,
): number {
  let end = headerRow;
  const inTable = (m: MergedRange) => m.c1 <= columns.last && m.c2 >= columns.first;
  for (;;) {
    const r = end;
    let down = end;
    const groups: MergedRange[] = [];
    for (const m of merges) {
      if (m.r1 > r || m.r2 < r || !inTable(m)) continue;
      if (m.r2 > r) down = Math.max(down, m.r2);
      else if (m.r1 === r && m.c2 > m.c1) groups.push(m);
    }
    if (down === r && groups.length > 0) {
      // Sub-names only under groups: the row below is the header's second level, not a record.
      const cells = next(r + 1);
      const filled: number[] = [];
      cells?.forEach((c, i) => {
        if (c !== undefined && c.trim() !== "" && i >= columns.first && i <= columns.last) filled.push(i);
      });
      // Columns under a group, marked once per group (a hostile sheet's many groups stay linear).
      const grouped: boolean[] = [];
      for (const g of groups)
        for (let c = Math.max(g.c1, columns.first); c <= Math.min(g.c2, columns.last); c++) grouped[c] = true;
      if (filled.length > 0 && filled.every((i) => grouped[i] === true)) down = r + 1;
    }
    if (down === r || down - headerRow > MAX_HEADER_DEPTH)
      return Math.min(down, headerRow + MAX_HEADER_DEPTH);
    end = down;
  }
}

/**
 * Column names of a header spread over rows `rows` (cells as stored, by row number). Per column, the texts down the
 * block, a group merged across (B3:C3 "Adresse") lending its text to the columns it covers: "Caloric contribution
 * (%)", "Adresse Ville". A lower part alone that names a known field and no other column ("Ville" under
 * "Adresse") is the name, so a grouped client header still maps. Pure.
 */
export function blockNames(
  rows: readonly { r: number; cells: readonly (string | undefined)[] }[],
  merges: readonly MergedRange[],
  width: number,
  isKnown: (name: string) => boolean,
): string[] {
  const textAt = (r: number, c: number) => (rows.find((row) => row.r === r)?.cells[c] ?? "").trim();
  // The first merge covering each cell of the block, by row: one pass over the merges, not one per cell.
  const covering = new Map<number, (MergedRange | undefined)[]>();
  for (const { r } of rows) {
    const byColumn: (MergedRange | undefined)[] = [];
    for (const m of merges) {
      if (m.r1 > r || m.r2 < r) continue;
      for (let c = Math.max(m.c1, 0); c <= Math.min(m.c2, width - 1); c++) byColumn[c] ??= m;
    }
    covering.set(r, byColumn);
  }
  const parts: string[][] = [];
  for (let c = 0; c < width; c++) {
    const texts: string[] = [];
    for (const { r } of rows) {
      let t = textAt(r, c);
      if (t === "") {
        const m = covering.get(r)?.[c];
        if (m !== undefined) t = textAt(m.r1, m.c1);
      }
      if (t !== "" && !texts.includes(t)) texts.push(t);
    }
    parts.push(texts);
  }
  const lower = parts.map((p) => p.at(-1) ?? "");
  const uses = new Map<string, number>();
  for (const s of lower) if (s !== "") uses.set(s.toLowerCase(), (uses.get(s.toLowerCase()) ?? 0) + 1);
  return parts.map((p, c) => {
    const s = lower[c] ?? "";
    if (p.length > 1 && isKnown(s) && uses.get(s.toLowerCase()) === 1) return s;
    return p.join(" ");
  });
}

/** The leftmost filled cell of some rows (the data under a header); Infinity when they are blank. Pure. */
export function leftmostFilled(rows: readonly (readonly (string | undefined)[])[]): number {
  let left = Infinity;
  for (const cells of rows)
    for (let i = 0; i < Math.min(cells.length, left); i++)
      if ((cells[i] ?? "").trim() !== "") {
        left = i;
        break;
      }
  return left;
}
