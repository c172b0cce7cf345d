import { hashA, hashB } from "./hash.js";
import type { Candidate } from "./index.js";
import { MATCH_KEYS, type ClientKeys, type MatchKey } from "./keys.js";
import { ALL_KEYS, EVIDENCE_FIELDS, type Evidence, type MatchOn } from "./match.js";

const CHAIN = 0x80000000;

// Evidence of a row, flattened: the fingerprints in EVIDENCE_FIELDS order, then 1 for a person.
const STRIDE = EVIDENCE_FIELDS.length + 1;

/**
 * A key value shared by more rows than this (one accountant's e-mail on thousands of companies) is compared with
 * its latest rows only, so a pathological file stays linear; a row's own client is found by its strongest key
 * first, which such a value rarely is.
 */
export const MAX_CANDIDATES_PER_KEY = 1000;

/**
 * The in-file duplicate index: the rows kept so far, under each of their key values, with their evidence. A
 * migration file may hold a million rows, so nothing is kept as strings: each "key:value" is hashed to 64 bits
 * and stored in an open-addressing table of typed arrays, each slot heading a chain of the rows carrying that
 * value (namesakes and shared e-mails are several rows, judged one by one). Two different values sharing a 64-bit
 * hash is a chance of about 1 in 1.5 million for a million rows of five keys (n²/2⁶⁵); the judge's comparison of
 * the rows' other fields would still have to pass.
 */
export class CompactKeyIndex {
  private hi: Uint32Array;
  private lo: Uint32Array;
  /**
   * Per slot: 0 when empty; 1 + the row when one row carries the value (most values: no chain entry is spent on
   * them); CHAIN | (1 + the newest entry) when several do.
   */
  private heads: Uint32Array;
  private used = 0;
  /** Per entry: 1 + the next (older) entry of the chain, and the row. */
  private next: Uint32Array = new Uint32Array(1024);
  private entryRow: Uint32Array = new Uint32Array(1024);
  private entries = 0;
  /** Per row: its record number and its evidence. */
  private records: Uint32Array = new Uint32Array(256);
  private evidence: Uint32Array = new Uint32Array(256 * STRIDE);
  private rows = 0;

  constructor(private capacity = 1 << 14) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.heads = new Uint32Array(capacity);
  }

  /** The kept rows sharing a key --match-on allows, each once, with the first key (in match order) that found it. */
  find(keys: ClientKeys, matchOn: MatchOn = ALL_KEYS): Candidate<number>[] {
    const found: Candidate<number>[] = [];
    const seen = new Set<number>();
    for (const [key, h, l] of this.hashesOf(keys)) {
      if (!matchOn.has(key)) continue;
      const slot = this.slotOf(h, l);
      const head = slot < 0 ? 0 : (this.heads[slot] ?? 0);
      // One row carries the value itself, or a chain of them, newest first.
      let entry = (head & CHAIN) === 0 ? 0 : head & ~CHAIN;
      let row = (head & CHAIN) === 0 ? head - 1 : (this.entryRow[entry - 1] ?? 0);
      for (let n = 0; row >= 0 && n < MAX_CANDIDATES_PER_KEY; n++) {
        if (!seen.has(row)) {
          seen.add(row);
          found.push({ item: this.records[row] ?? 0, key, evidence: this.evidenceAt(row) });
        }
        entry = entry === 0 ? 0 : (this.next[entry - 1] ?? 0);
        row = entry === 0 ? -1 : (this.entryRow[entry - 1] ?? 0);
      }
    }
    return found;
  }

  /** Keeps a row under all its keys (every key, whatever --match-on says: judging may need them later). */
  add(keys: ClientKeys, recordNo: number, evidence: Evidence): void {
    const row = this.rows++;
    if (row >= this.records.length) {
      this.records = grown(this.records, this.records.length * 2);
      this.evidence = grown(this.evidence, this.records.length * STRIDE);
    }
    this.records[row] = recordNo;
    EVIDENCE_FIELDS.forEach((field, i) => (this.evidence[row * STRIDE + i] = evidence[field]));
    this.evidence[row * STRIDE + STRIDE - 1] = evidence.person ? 1 : 0;
    for (const [, h, l] of this.hashesOf(keys)) this.push(h, l, row);
  }

  // A row is looked up, then kept: its keys are hashed once for both (a million rows, five keys each).
  private lastHashed: { keys: ClientKeys; hashes: [MatchKey, number, number][] } | undefined;

  private hashesOf(keys: ClientKeys): [MatchKey, number, number][] {
    if (this.lastHashed?.keys === keys) return this.lastHashed.hashes;
    const hashes: [MatchKey, number, number][] = [];
    for (const key of MATCH_KEYS) {
      const value = keys[key];
      if (value === undefined) continue;
      const text = `${key}:${value}`;
      hashes.push([key, hashA(text), hashB(text)]);
    }
    this.lastHashed = { keys, hashes };
    return hashes;
  }

  private evidenceAt(row: number): Evidence {
    const at = (i: number) => this.evidence[row * STRIDE + i] ?? 0;
    return {
      vat: at(0),
      tin: at(1),
      siren: at(2),
      einvoicing: at(3),
      email: at(4),
      phone: at(5),
      street: at(6),
      person: at(STRIDE - 1) === 1,
    };
  }

  /** The slot holding this hash, or -1. */
  private slotOf(h: number, l: number): number {
    const mask = this.capacity - 1;
    for (let slot = h & mask; this.heads[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.hi[slot] === h && this.lo[slot] === l) return slot;
    }
    return -1;
  }

  private push(h: number, l: number, row: number): void {
    let slot = this.slotOf(h, l);
    if (slot < 0) {
      if ((this.used + 1) * 10 > this.capacity * 8) this.grow();
      const mask = this.capacity - 1;
      slot = h & mask;
      while (this.heads[slot] !== 0) slot = (slot + 1) & mask;
      this.hi[slot] = h;
      this.lo[slot] = l;
      this.heads[slot] = row + 1;
      this.used += 1;
      return;
    }
    const head = this.heads[slot] ?? 0;
    // A second row for the value: the first moves into a chain entry.
    const older = (head & CHAIN) === 0 ? this.entry(head - 1, 0) + 1 : head & ~CHAIN;
    this.heads[slot] = (CHAIN | (this.entry(row, older) + 1)) >>> 0;
  }

  /** A new chain entry for the row, followed by `next` (1 + an entry, or 0); its index. */
  private entry(row: number, next: number): number {
    if (this.entries >= this.next.length) {
      this.next = grown(this.next, this.next.length * 2);
      this.entryRow = grown(this.entryRow, this.next.length);
    }
    const entry = this.entries++;
    this.entryRow[entry] = row;
    this.next[entry] = next;
    return entry;
  }

  private grow(): void {
    const { hi, lo, heads } = this;
    this.capacity *= 2;
    this.hi = new Uint32Array(this.capacity);
    this.lo = new Uint32Array(this.capacity);
    this.heads = new Uint32Array(this.capacity);
    const mask = this.capacity - 1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i] ?? 0;
      if (head === 0) continue;
      const h = hi[i] ?? 0;
      let slot = h & mask;
      while (this.heads[slot] !== 0) slot = (slot + 1) & mask;
      this.hi[slot] = h;
      this.lo[slot] = lo[i] ?? 0;
      this.heads[slot] = head;
    }
  }
}

function grown(array: Uint32Array, length: number): Uint32Array {
  const out = new Uint32Array(length);
  out.set(array);
  return out;
}
