import { headerScore } from "../map/header.js";

export const DELIMITERS = [",", ";", "\t", "|"] as const;

/** Records read for the vote: enough to outweigh a dozen title lines, few enough to stay well under a millisecond. */
const VOTE_RECORDS = 100;
/** Records whose cells may name known columns: title rows above a header are a handful at most. */
const HEADER_RECORDS = 20;

/**
 * Picks the delimiter of a CSV sample (the decoded head of a file), by three rules, strongest first:
 *
 * 1. the one that splits some early record into the most known column names (at least two; the columns a mapping
 *    file names count too), so that a title line such as "Clients, export du 12/03" cannot mislead it;
 * 2. the one that gives the same number of fields (more than one) to most records, records further down weighing
 *    more: the table's body outvotes the title, unit and key/value lines above it ("Region:;Deutschland" under a
 *    title with commas). At least two records must agree, or there is no body to vote; a record whose quotes the
 *    delimiter leaves askew ("a;b" split by ';') does not vote for it;
 * 3. failing both, the one the first line holding any delimiter holds most often (a header alone, a single column).
 *
 * Delimiters inside quoted values never count, and a quote counts as one only where it opens a value, as csv-parse
 * reads it (12" screen is text). Pure, for tests.
 */
export function sniffDelimiter(sample: string, known: ReadonlySet<string> = new Set()): string {
  return knownNamesDelimiter(sample, known) ?? consistentDelimiter(sample) ?? firstLineDelimiter(sample);
}

function knownNamesDelimiter(sample: string, known: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestScore = 1;
  for (const d of DELIMITERS) {
    for (const { cells } of splitRecords(sample, d, HEADER_RECORDS)) {
      const score = headerScore(cells, known);
      if (score > bestScore) {
        best = d;
        bestScore = score;
      }
    }
  }
  return best;
}

/** How a delimiter splits a sample: the usual number of fields, and how much of the sample has it (0 to 1). */
export interface DelimiterVote {
  delimiter: string;
  fields: number;
  share: number;
  /** Records with that number of fields. */
  records: number;
}

/**
 * Rule 2 of sniffDelimiter, for each delimiter: record i of n weighs i + 1, so the last records of a head count
 * most; a delimiter's usual field count is the one (more than one field) with the most weight, and its share the
 * part of all the weight it holds. Pure, for tests.
 */
export function delimiterVotes(sample: string): DelimiterVote[] {
  return DELIMITERS.map((delimiter) => {
    const records = splitRecords(sample, delimiter, VOTE_RECORDS);
    // The head of a large file ends part-way through a record, which then has too few fields.
    if (records.length >= 3 && records.length < VOTE_RECORDS && !/[\r\n]$/.test(sample)) records.pop();
    const weightOf = new Map<number, { weight: number; records: number }>();
    let total = 0;
    records.forEach(({ cells, clean }, i) => {
      total += i + 1;
      if (cells.length < 2 || !clean) return;
      const tally = weightOf.get(cells.length) ?? { weight: 0, records: 0 };
      tally.weight += i + 1;
      tally.records += 1;
      weightOf.set(cells.length, tally);
    });
    let vote: DelimiterVote = { delimiter, fields: 1, share: 0, records: 0 };
    for (const [fields, { weight, records: count }] of weightOf) {
      const share = total === 0 ? 0 : weight / total;
      if (share > vote.share || (share === vote.share && fields > vote.fields))
        vote = { delimiter, fields, share, records: count };
    }
    return vote;
  });
}

function consistentDelimiter(sample: string): string | undefined {
  const votes = delimiterVotes(sample).filter((v) => v.records >= 2);
  const top = Math.max(0, ...votes.map((v) => v.share));
  let best: DelimiterVote | undefined;
  // A share close to the best goes to the delimiter that makes more fields: a ';' table whose rows each hold one
  // decimal comma ("12,50") splits into two fields by ',' about as consistently as into eight by ';'.
  for (const vote of votes)
    if (vote.share >= top - CLOSE_SHARES && (best === undefined || vote.fields > best.fields)) best = vote;
  return best?.delimiter;
}

/** Shares this close are a tie: one line more or less that agrees is no reason to prefer a delimiter. */
const CLOSE_SHARES = 0.1;

/** A record as a delimiter splits it; `clean` when its quotes sit as that delimiter needs them. */
export interface SplitRecord {
  cells: string[];
  /**
   * False when a quote stands inside an unquoted value, or a closing quote is followed by something else than the
   * delimiter or a line break: what splitting by the wrong delimiter does to a quoted value ("a;b" split by ';').
   */
  clean: boolean;
}

/**
 * The records of a sample as a delimiter would split them, blank lines left out, at most `max`. A quote opens a
 * quoted value only at the start of a value; inside one, "" is a quote and a line break stays in the value.
 */
export function splitRecords(sample: string, delimiter: string, max: number): SplitRecord[] {
  const records: SplitRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let clean = true;
  let inQuotes = false;
  let atStart = true;
  let afterQuote = false;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]?.trim() !== "") records.push({ cells, clean });
    cells = [];
    cell = "";
    clean = true;
    atStart = true;
    afterQuote = false;
  };
  for (let i = 0; i < sample.length && records.length < max; i++) {
    const ch = sample[i];
    if (inQuotes) {
      if (ch !== '"') cell += ch;
      else if (sample[i + 1] === '"') {
        cell += '"';
        i++;
      } else {
        inQuotes = false;
        afterQuote = true;
      }
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
      atStart = true;
      afterQuote = false;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && sample[i + 1] === "\n") i++;
      endRecord();
    } else if (ch === '"' && atStart) {
      inQuotes = true;
      atStart = false;
    } else {
      if (ch === '"' || afterQuote) clean = false;
      cell += ch;
      atStart = false;
      afterQuote = false;
    }
  }
  if (records.length < max && (cell !== "" || cells.length > 0 || inQuotes)) endRecord();
  return records;
}

/**
 * The header is the first line holding a delimiter: blank lines and a title line ("Liste des clients") above it
 * have none. Its delimiter is the one that splits it into the most fields, a split that leaves its quotes askew
 * losing to one that does not; ',' when no line holds any.
 */
function firstLineDelimiter(sample: string): string {
  const perDelimiter = DELIMITERS.map((d) => splitRecords(sample, d, HEADER_RECORDS));
  for (let i = 0; i < HEADER_RECORDS; i++) {
    let best: string | undefined;
    let bestFields = 1;
    let bestClean = false;
    DELIMITERS.forEach((d, k) => {
      const record = perDelimiter[k]?.[i];
      const fields = record?.cells.length ?? 0;
      const clean = record?.clean ?? false;
      if (fields > 1 && ((clean && !bestClean) || (clean === bestClean && fields > bestFields))) {
        best = d;
        bestFields = fields;
        bestClean = clean;
      }
    });
    if (best !== undefined) return best;
  }
  return ",";
}
