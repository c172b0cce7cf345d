import { MATCH_KEYS, type ClientKeys, type MatchKey } from "./keys.js";

/**
 * The in-file duplicate index: which record first carried each key value. A migration file may hold a million
 * rows, so the keys are not kept as strings: each "key:value" is hashed to 64 bits and stored, with its record
 * number, in an open-addressing table of typed arrays (12 bytes a slot). Two different values sharing a 64-bit hash
 * is a chance of about 1 in 1.5 million for a million rows of five keys (n²/2⁶⁵); it would show as a
 * duplicate_in_file naming the row it thinks is repeated, so a person can see it.
 */
export class CompactKeyIndex {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private records: Uint32Array;
  private used = 0;

  constructor(private capacity = 1 << 14) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.records = new Uint32Array(capacity);
  }

  /**
   * The first earlier record sharing a key (keys tried in match order); when there is none, the row is recorded
   * under all its keys. Each key is hashed once.
   */
  findOrAdd(keys: ClientKeys, recordNo: number): { item: number; key: MatchKey } | undefined {
    const hashes: [number, number][] = [];
    for (const key of MATCH_KEYS) {
      const value = keys[key];
      if (value === undefined) continue;
      const text = `${key}:${value}`;
      const h = hashA(text);
      const l = hashB(text);
      const found = this.lookup(h, l);
      if (found !== 0) return { item: found, key };
      hashes.push([h, l]);
    }
    for (const [h, l] of hashes) {
      if ((this.used + 1) * 10 > this.capacity * 8) this.grow();
      this.place(h, l, recordNo);
    }
    return undefined;
  }

  private lookup(h: number, l: number): number {
    const mask = this.capacity - 1;
    for (let slot = h & mask; this.records[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.hi[slot] === h && this.lo[slot] === l) return this.records[slot] ?? 0;
    }
    return 0;
  }

  private place(h: number, l: number, recordNo: number): void {
    const mask = this.capacity - 1;
    let slot = h & mask;
    while (this.records[slot] !== 0) {
      if (this.hi[slot] === h && this.lo[slot] === l) return; // the first carrier stays
      slot = (slot + 1) & mask;
    }
    this.hi[slot] = h;
    this.lo[slot] = l;
    this.records[slot] = recordNo;
    this.used += 1;
  }

  private grow(): void {
    const { hi, lo, records } = this;
    this.capacity *= 2;
    this.hi = new Uint32Array(this.capacity);
    this.lo = new Uint32Array(this.capacity);
    this.records = new Uint32Array(this.capacity);
    this.used = 0;
    for (let i = 0; i < records.length; i++) {
      const r = records[i] ?? 0;
      if (r !== 0) this.place(hi[i] ?? 0, lo[i] ?? 0, r);
    }
  }
}

// Two independent 32-bit string hashes (FNV-1a, and a murmur-style mix with another seed), together 64 bits.
function hashA(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function hashB(text: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
