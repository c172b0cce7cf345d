import { clientKeys, MATCH_KEYS, type ClientKeys, type KeySource, type MatchKey } from "./keys.js";
import { ALL_KEYS, evidenceOf, judge, type Evidence, type MatchOn } from "./match.js";

export interface Candidate<T> {
  item: T;
  /** The first key (in MATCH_KEYS order) the item shares with the record. */
  key: MatchKey;
  evidence: Evidence;
}

/** A shared key's candidates, judged: the ones that are the record's client, and the ones that only look like it. */
export interface Judged<T> {
  same: Candidate<T>[];
  /** Candidates that share a key but are other clients, with why: the possible_duplicate warnings. */
  others: (Candidate<T> & { why: string })[];
}

/** Look-up from each key value to the records that carry it: existing Qonto clients, or earlier rows. */
export class KeyIndex<T> {
  private readonly byKey = new Map<string, { item: T; evidence: Evidence }[]>();

  add(keys: ClientKeys, item: T, evidence: Evidence): void {
    const entry = { item, evidence };
    for (const key of MATCH_KEYS) {
      const value = keys[key];
      if (value === undefined) continue;
      const slot = `${key}:${value}`;
      const list = this.byKey.get(slot);
      if (list === undefined) this.byKey.set(slot, [entry]);
      else if (!list.some((e) => e.item === item)) list.push(entry);
    }
  }

  /** Every distinct item that shares at least one of the keys --match-on allows, with the first key that found it. */
  find(keys: ClientKeys, matchOn: MatchOn = ALL_KEYS): Candidate<T>[] {
    const found: Candidate<T>[] = [];
    if (this.byKey.size === 0) return found;
    for (const key of MATCH_KEYS) {
      const value = keys[key];
      if (value === undefined || !matchOn.has(key)) continue;
      for (const { item, evidence } of this.byKey.get(`${key}:${value}`) ?? []) {
        if (!found.some((f) => f.item === item)) found.push({ item, key, evidence });
      }
    }
    return found;
  }

  /** The items a record with these keys and evidence is the same client as, and those it only resembles. */
  match(keys: ClientKeys, evidence: Evidence, matchOn: MatchOn = ALL_KEYS): Judged<T> {
    return judgeAll(this.find(keys, matchOn), evidence);
  }
}

export function judgeAll<T>(candidates: readonly Candidate<T>[], evidence: Evidence): Judged<T> {
  const judged: Judged<T> = { same: [], others: [] };
  for (const c of candidates) {
    const verdict = judge(c.key, evidence, c.evidence);
    if (verdict.same) judged.same.push(c);
    else judged.others.push({ ...c, why: verdict.why });
  }
  return judged;
}

export function indexClients<T extends KeySource>(clients: Iterable<T>): KeyIndex<T> {
  const index = new KeyIndex<T>();
  for (const client of clients) {
    const keys = clientKeys(client);
    index.add(keys, client, evidenceOf(client, keys));
  }
  return index;
}
