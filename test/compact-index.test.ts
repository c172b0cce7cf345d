import { describe, expect, it } from "vitest";
import { CompactKeyIndex } from "../src/dedupe/compact-index.js";

describe("CompactKeyIndex (in-file duplicates)", () => {
  it("finds the first record that carried a key, in match order, and records a new row under all its keys", () => {
    const index = new CompactKeyIndex(4);
    expect(index.findOrAdd({ email: "a@x.fr", name_zip: "acme|75011" }, 1)).toBeUndefined();
    expect(index.findOrAdd({ vat_number: "FR123", email: "b@x.fr" }, 2)).toBeUndefined();
    expect(index.findOrAdd({ email: "a@x.fr" }, 3)).toEqual({ item: 1, key: "email" });
    expect(index.findOrAdd({ vat_number: "FR123", email: "a@x.fr" }, 4)).toEqual({
      item: 2,
      key: "vat_number",
    });
    expect(index.findOrAdd({ name_zip: "acme|75011" }, 5)).toEqual({ item: 1, key: "name_zip" });
  });

  it("a duplicate row is not recorded: its other keys stay free", () => {
    const index = new CompactKeyIndex(2);
    expect(index.findOrAdd({ email: "a@x.fr", vat_number: "FR1" }, 1)).toBeUndefined();
    expect(index.findOrAdd({ email: "b@x.fr", vat_number: "FR1" }, 2)).toEqual({
      item: 1,
      key: "vat_number",
    });
    expect(index.findOrAdd({ email: "b@x.fr" }, 3)).toBeUndefined();
  });

  it("a value under one key does not match the same value under another", () => {
    const index = new CompactKeyIndex();
    index.findOrAdd({ vat_number: "123456789" }, 1);
    expect(index.findOrAdd({ tax_identification_number: "123456789" }, 2)).toBeUndefined();
  });

  it("agrees with a plain map over 200,000 rows while it grows", () => {
    const index = new CompactKeyIndex(2);
    const reference = new Map<string, number>();
    const mismatches: number[] = [];
    for (let i = 1; i <= 200_000; i++) {
      const keys = { email: `c${i % 150_000}@example.fr`, vat_number: `FR${(i * 7919) % 180_000}` };
      // VAT numbers are tried before e-mails; a row that repeats one is not recorded.
      const expected = reference.get(`vat:${keys.vat_number}`) ?? reference.get(`email:${keys.email}`);
      if (index.findOrAdd(keys, i)?.item !== expected) mismatches.push(i);
      if (expected === undefined) {
        reference.set(`vat:${keys.vat_number}`, i);
        reference.set(`email:${keys.email}`, i);
      }
    }
    expect(mismatches).toEqual([]);
    expect(reference.size).toBeGreaterThan(200_000);
  });
});
