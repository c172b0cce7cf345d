import { describe, expect, it } from "vitest";
import { delimiterOfReport, reportDelimiter } from "../src/report/reporter.js";

describe("results.csv and errors.csv open in the user's spreadsheet as the input did", () => {
  it.each([
    [{ delimiter: ";" }, ";"],
    [{ delimiter: ";", lang: "en" as const }, ";"],
    [{ delimiter: ",", lang: "fr" as const }, ","],
    [{ delimiter: "\t", lang: "de" as const }, "\t"],
    // XLSX input: no delimiter of its own; French, Italian, Spanish and German Excel expect ";".
    [{}, ","],
    [{ lang: "en" as const }, ","],
    [{ lang: "fr" as const }, ";"],
    [{ lang: "it" as const }, ";"],
    [{ lang: "es" as const }, ";"],
    [{ lang: "de" as const }, ";"],
  ])("%j → %j", (info, delimiter) => {
    expect(reportDelimiter(info)).toBe(delimiter);
  });

  it.each([
    ["\uFEFFrecord;line;outcome", ";"],
    ["record,line,outcome", ","],
    ["record\tline\toutcome", "\t"],
    ["record|line", "|"],
    ["", ","],
    ["something else;x", ","],
  ])("a report starting %j is read with %j", (line, delimiter) => {
    expect(delimiterOfReport(line)).toBe(delimiter);
  });
});
