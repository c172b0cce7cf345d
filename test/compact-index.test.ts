import { describe, expect, it } from "vitest";
import { CompactKeyIndex, MAX_CANDIDATES_PER_KEY } from "../src/dedupe/compact-index.js";
import type { ClientKeys } from "../src/dedupe/keys.js";
import { evidenceOf, parseMatchOn } from "../src/dedupe/match.js";

const NONE = evidenceOf({});
const found = (index: CompactKeyIndex, keys: ClientKeys) => index.find(keys).map((c) => [c.item, c.key]);

describe("CompactKeyIndex (in-file duplicates)", () => {
  it("finds every kept row sharing a key, once, under the first key (in match order) that found it", () => {
    const index = new CompactKeyIndex(4);
    index.add({ email: "a@x.fr", name_zip: "acme|75011" }, 1, NONE);
    index.add({ vat_number: "FR123", email: "b@x.fr" }, 2, NONE);
    index.add({ email: "a@x.fr", vat_number: "FR456" }, 3, NONE);
    expect(found(index, { email: "a@x.fr" })).toEqual([
      [3, "email"],
      [1, "email"],
    ]);
    expect(found(index, { vat_number: "FR123", email: "a@x.fr" })).toEqual([
      [2, "vat_number"],
      [3, "email"],
      [1, "email"],
    ]);
    expect(found(index, { name_zip: "acme|75011", email: "a@x.fr" })).toEqual([
      [3, "email"],
      [1, "email"],
    ]);
    expect(found(index, { email: "c@x.fr" })).toEqual([]);
  });

  it("gives back each row's evidence as it was kept", () => {
    const index = new CompactKeyIndex();
    const evidence = evidenceOf({
      kind: "individual",
      first_name: "Céline",
      last_name: "Benoît",
      email: "celine@example.org",
      phone: { country_code: "+33", number: "648000000" },
      billing_address: { street_address: "113 allée des Pins", zip_code: "13001" },
    });
    index.add({ name_zip: "celine benoit|13001" }, 7, evidence);
    expect(index.find({ name_zip: "celine benoit|13001" })).toEqual([{ item: 7, key: "name_zip", evidence }]);
  });

  it("--match-on leaves the other keys out of the search", () => {
    const index = new CompactKeyIndex();
    index.add({ email: "a@x.fr", name_zip: "acme|75011" }, 1, NONE);
    const matchOn = parseMatchOn("vat,tin,email");
    if (!matchOn.ok) throw new Error(matchOn.error);
    expect(index.find({ name_zip: "acme|75011" }, matchOn.keys)).toEqual([]);
    expect(index.find({ email: "a@x.fr" }, matchOn.keys)).toHaveLength(1);
  });

  it("a value under one key does not match the same value under another", () => {
    const index = new CompactKeyIndex();
    index.add({ vat_number: "123456789" }, 1, NONE);
    expect(index.find({ tax_identification_number: "123456789" })).toEqual([]);
  });

  it(`a value shared by more than ${MAX_CANDIDATES_PER_KEY} rows gives its latest rows only`, () => {
    const index = new CompactKeyIndex();
    for (let i = 1; i <= MAX_CANDIDATES_PER_KEY + 5; i++) index.add({ email: "shared@x.fr" }, i, NONE);
    const rows = index.find({ email: "shared@x.fr" }).map((c) => c.item);
    expect(rows).toHaveLength(MAX_CANDIDATES_PER_KEY);
    expect(rows[0]).toBe(MAX_CANDIDATES_PER_KEY + 5);
  });

  it("agrees with a plain map over 200,000 rows while it grows", () => {
    const index = new CompactKeyIndex(2);
    const reference = new Map<string, number[]>();
    const mismatches: number[] = [];
    for (let i = 1; i <= 200_000; i++) {
      const keys = { email: `c${i % 150_000}@example.fr`, vat_number: `FR${(i * 7919) % 180_000}` };
      const expected = [
        ...new Set([
          ...(reference.get(`vat:${keys.vat_number}`) ?? []),
          ...(reference.get(`email:${keys.email}`) ?? []),
        ]),
      ].sort((a, b) => a - b);
      const got = index
        .find(keys)
        .map((c) => c.item)
        .sort((a, b) => a - b);
      if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push(i);
      index.add(keys, i, NONE);
      for (const k of [`vat:${keys.vat_number}`, `email:${keys.email}`])
        reference.set(k, [...(reference.get(k) ?? []), i]);
    }
    expect(mismatches).toEqual([]);
  });
});
