import { describe, expect, it } from "vitest";
import { memoize } from "../src/validate/memo.js";
import { parseAmount } from "../src/invoices/values.js";

describe("a cell's reading, remembered", () => {
  it("reads each distinct cell once and gives what the function gives", () => {
    const read: string[] = [];
    const price = memoize((cell) => {
      read.push(cell);
      return parseAmount(cell, { minDecimals: 2 });
    });
    const cells = ["1,00 €", "2,5", "1,00 €", "abc", "2,5", "abc"];
    expect(cells.map(price)).toEqual(cells.map((c) => parseAmount(c, { minDecimals: 2 })));
    expect(read).toEqual(["1,00 €", "2,5", "abc"]);
  });

  it("past its limit starts over, and still answers right", () => {
    const read: string[] = [];
    const upper = memoize((cell) => {
      read.push(cell);
      return cell.toUpperCase();
    }, 2);
    expect(["a", "b", "c", "a", "c"].map(upper)).toEqual(["A", "B", "C", "A", "C"]);
    expect(read).toEqual(["a", "b", "c", "a"]);
  });
});
