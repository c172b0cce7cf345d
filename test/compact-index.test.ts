import { describe, expect, it } from "vitest";
import { CompactKeyIndex } from "../src/dedupe/compact-index.js";

describe("CompactKeyIndex (in-file duplicates)", () => {
  it("finds the first record that carried a key, in match order", () => {
    const index = new CompactKeyIndex(4);
    index.add({ email: "a@x.fr", name_zip: "acme|75011" }, 1);
    index.add({ vat_number: "FR123", email: "a@x.fr" }, 2); // its e-mail is record 1's: record 1 stays
    expect(index.find({ email: "a@x.fr" })).toEqual({ item: 1, key: "email" });
    expect(index.find({ vat_number: "FR123", email: "a@x.fr" })).toEqual({ item: 2, key: "vat_number" });
    expect(index.find({ name_zip: "acme|75011" })).toEqual({ item: 1, key: "name_zip" });
    expect(index.find({ email: "b@x.fr" })).toBeUndefined();
  });

  it("findOrAdd finds an earlier carrier, or records the row under all its keys", () => {
    const index = new CompactKeyIndex(2);
    expect(index.findOrAdd({ email: "a@x.fr", vat_number: "FR1" }, 1)).toBeUndefined();
    expect(index.findOrAdd({ email: "b@x.fr", vat_number: "FR1" }, 2)).toEqual({
      item: 1,
      key: "vat_number",
    });
    // Record 2 was a duplicate, so its e-mail was not recorded.
    expect(index.find({ email: "b@x.fr" })).toBeUndefined();
    expect(index.findOrAdd({ email: "c@x.fr" }, 3)).toBeUndefined();
    expect(index.find({ email: "c@x.fr" })).toEqual({ item: 3, key: "email" });
  });

  it("a value under one key does not match the same value under another", () => {
    const index = new CompactKeyIndex();
    index.add({ vat_number: "123456789" }, 1);
    expect(index.find({ tax_identification_number: "123456789" })).toBeUndefined();
  });

  it("agrees with a plain map over 200,000 rows while it grows", () => {
    const index = new CompactKeyIndex(2);
    const reference = new Map<string, number>();
    const mismatches: number[] = [];
    for (let i = 1; i <= 200_000; i++) {
      const keys = { email: `c${i % 150_000}@example.fr`, vat_number: `FR${(i * 7919) % 180_000}` };
      // VAT numbers are tried before e-mails.
      const expected = reference.get(`vat:${keys.vat_number}`) ?? reference.get(`email:${keys.email}`);
      if (index.find(keys)?.item !== expected) mismatches.push(i);
      index.add(keys, i);
      if (!reference.has(`email:${keys.email}`)) reference.set(`email:${keys.email}`, i);
      if (!reference.has(`vat:${keys.vat_number}`)) reference.set(`vat:${keys.vat_number}`, i);
    }
    expect(mismatches).toEqual([]);
    expect(reference.size).toBeGreaterThan(300_000);
  });
});
