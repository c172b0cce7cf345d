import { foldHeader, SOURCE_FIELDS, type SourceField } from "./aliases.js";

/** Which source column feeds each canonical field. */
export type ColumnMapping = Partial<Record<SourceField, string>>;

export interface HeaderMatch {
  mapping: ColumnMapping;
  /** Source columns that feed nothing; reported once, before the first row. */
  unmapped: string[];
  /** Columns a mapping file told us to leave out. */
  ignored: string[];
  /** Columns whose name means a field another column already feeds (Email and E-mail): left out, and said. */
  shadowed: { column: string; field: SourceField; by: string }[];
}

/** What a mapping file says about columns (see mapping-file.ts). */
export interface ExplicitColumns {
  columns: Partial<Record<string, SourceField | null>>;
  ignore: readonly string[];
}

const ALIAS_INDEX: ReadonlyMap<string, SourceField> = (() => {
  const index = new Map<string, SourceField>();
  for (const [field, aliases] of Object.entries(SOURCE_FIELDS) as [SourceField, readonly string[]][]) {
    for (const alias of [field.replace(/_/g, " "), ...aliases]) {
      const key = foldHeader(alias);
      if (!index.has(key)) index.set(key, field);
    }
  }
  return index;
})();

/**
 * Matches header names to canonical fields: a mapping file's columns first, then the aliases; the first column
 * that claims a field keeps it.
 */
export function matchHeader(
  columns: readonly string[],
  explicit: ExplicitColumns = { columns: {}, ignore: [] },
): HeaderMatch {
  return matchColumns(columns, explicit, (column) => ALIAS_INDEX.get(foldHeader(column)));
}

/**
 * The rule matchHeader and matchInvoiceHeaderWith share, for any set of fields: a mapping file's columns first,
 * then what `fieldOf` says of the others; the first column that claims a field keeps it.
 */
export function matchColumns<F extends string>(
  columns: readonly string[],
  explicit: { columns: Partial<Record<string, F | null>>; ignore: readonly string[] },
  fieldOf: (column: string) => F | undefined,
): {
  mapping: Partial<Record<F, string>>;
  unmapped: string[];
  ignored: string[];
  shadowed: { column: string; field: F; by: string }[];
} {
  const mapping: Partial<Record<F, string>> = {};
  const ignored = columns.filter((c) => explicit.ignore.includes(c) || explicit.columns[c] === null);
  const explicitFields = new Set(Object.values(explicit.columns).filter((f) => f != null));
  for (const column of columns) {
    const field = explicit.columns[column];
    if (field != null && mapping[field] === undefined) mapping[field] = column;
  }
  const unmapped: string[] = [];
  const shadowed: { column: string; field: F; by: string }[] = [];
  for (const column of columns) {
    if (ignored.includes(column) || explicit.columns[column] != null) continue;
    const field = fieldOf(column);
    if (field === undefined) unmapped.push(column);
    // A field the mapping file assigns is not taken again by an alias.
    else if (mapping[field] === undefined && !explicitFields.has(field)) mapping[field] = column;
    else shadowed.push({ column, field, by: mapping[field] ?? "" });
  }
  return { mapping, unmapped, ignored, shadowed };
}

/** A header that cannot produce a single client: no name columns at all (constants count as columns). */
export function mappingGaps(
  mapping: ColumnMapping,
  constants: Partial<Record<SourceField, string>> = {},
): string[] {
  const has = (f: SourceField) => mapping[f] !== undefined || constants[f] !== undefined;
  const hasName = has("name") || has("full_name") || (has("first_name") && has("last_name"));
  return hasName ? [] : ["no column for the client's name (company name, full name, or first and last name)"];
}

/**
 * Among the first rows of a sheet, the one that looks most like a header: the row whose cells name the most
 * distinct known fields, at least two, or at least one of the columns a mapping file names (a mapping file is
 * written for a header, so a row holding its names is that header). Title rows ("Export clients 2024") above it
 * score less. Undefined when no row qualifies; the caller then guesses from the rows' shape.
 */
export function detectHeaderRow(
  rows: readonly (readonly string[])[],
  known: ReadonlySet<string> = NO_NAMES,
): number | undefined {
  let best: number | undefined;
  let bestScore = 0;
  rows.forEach((cells, i) => {
    const score = headerScore(cells, known);
    const qualifies = score >= 2 || (score === 1 && cells.some((c) => known.has(c.trim())));
    if (qualifies && score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** How many distinct known fields a row's cells name; a mapping file's column names (`known`) count too. */
export function headerScore(cells: readonly string[], known: ReadonlySet<string> = NO_NAMES): number {
  const fields = new Set<string>();
  for (const cell of cells) {
    if (known.has(cell.trim())) fields.add(`column:${cell.trim()}`);
    else {
      const field = ALIAS_INDEX.get(foldHeader(cell));
      if (field !== undefined) fields.add(field);
    }
  }
  return fields.size;
}

/** A column as `inspect` shows it: the field it feeds, or why it feeds none. */
export interface InspectedColumn<F extends string> {
  column: string;
  field: F | null;
  ignored: boolean;
  /** Not imported: the column named here already feeds its field. */
  sameFieldAs?: string;
}

/** Every column of a header with what a match made of it; `ours` says which are our own (an errors file's), ignored. */
export function inspectedColumns<F extends string>(
  columns: readonly string[],
  match: {
    mapping: Partial<Record<F, string>>;
    ignored: readonly string[];
    shadowed: readonly { column: string; by: string }[];
  },
  ours: (column: string) => boolean = () => false,
): InspectedColumn<F>[] {
  const fieldOf = new Map(
    (Object.entries(match.mapping) as [F, string | undefined][]).map(([field, column]) => [column, field]),
  );
  return columns.map((column) => {
    const shadow = match.shadowed.find((s) => s.column === column);
    return {
      column,
      field: fieldOf.get(column) ?? null,
      ignored: match.ignored.includes(column) || ours(column),
      ...(shadow === undefined ? {} : { sameFieldAs: shadow.by }),
    };
  });
}

/** inspect's line for a column; `noField` is what it says of a column that matches no field. */
export function inspectedColumnLine<F extends string>(
  c: InspectedColumn<F>,
  shown: string,
  noField: string,
): string {
  const what =
    c.field !== null
      ? `-> ${c.field}`
      : c.ignored
        ? "(ignored)"
        : c.sameFieldAs !== undefined
          ? `(not imported: same field as "${c.sameFieldAs}")`
          : `(not imported: ${noField})`;
  return `  ${shown}  ${what}`;
}
