import { clientKeys, MATCH_KEYS, type ClientKeys, type KeySource, type MatchKey } from "./keys.js";

/** Look-up from each key value to the records that carry it: existing Qonto clients, or earlier rows. */
export class KeyIndex<T> {
  private readonly byKey = new Map<string, T[]>();

  add(keys: ClientKeys, item: T): void {
    for (const key of MATCH_KEYS) {
      const value = keys[key];
      if (value === undefined) continue;
      const slot = `${key}:${value}`;
      const list = this.byKey.get(slot);
      if (list === undefined) this.byKey.set(slot, [item]);
      else if (!list.includes(item)) list.push(item);
    }
  }

  /** Every distinct item that shares at least one key, with the first key (in MATCH_KEYS order) that matched it. */
  find(keys: ClientKeys): { item: T; key: MatchKey }[] {
    const found: { item: T; key: MatchKey }[] = [];
    if (this.byKey.size === 0) return found;
    for (const key of MATCH_KEYS) {
      const value = keys[key];
      if (value === undefined) continue;
      for (const item of this.byKey.get(`${key}:${value}`) ?? []) {
        if (!found.some((f) => f.item === item)) found.push({ item, key });
      }
    }
    return found;
  }
}

export function indexClients<T extends KeySource>(clients: Iterable<T>): KeyIndex<T> {
  const index = new KeyIndex<T>();
  for (const client of clients) index.add(clientKeys(client), client);
  return index;
}
