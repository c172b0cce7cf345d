import { describe, expect, it } from "vitest";
import { invoiceJournalOptions } from "../src/invoices/recorded.js";
import { parseVatRate } from "../src/invoices/values.js";
import {
  VAT_RATES,
  allowedVatRates,
  checkVatRate,
  formatVatRates,
  parseVatRatesOption,
  percentOfFraction,
} from "../src/invoices/vat-rates.js";
import {
  rawInvoiceOptionsOfJournal,
  resolveInvoiceOptions,
  type RawInvoiceOptions,
} from "../src/options/invoices.js";
import { PROBLEMS } from "../src/problems.js";

/** A cell as a line's rate is read (parseVatRate), then checked against the organization's rates. */
function check(cell: string, country: string, extra: string[] = []): string | undefined | "unparsed" {
  const parsed = parseVatRate(cell);
  if (!parsed.ok) return "unparsed";
  const allowed = allowedVatRates(country, extra);
  return allowed === undefined ? undefined : checkVatRate(parsed.value, cell, allowed);
}

describe("a line's VAT rate must be one of the organization country's", () => {
  // Each written as a file may write it: "%" or not, comma or point, a fraction below 1.
  it.each([
    ["FR", ["20 %", "20", "0.2", "0,2", "20,0", "10 %", "5,5 %", "5.5", "0.055", "2,1 %", "0 %", "0"]],
    ["FR", ["13 %", "10", "2,1", "0,9 %"]], // Corsica
    ["FR", ["8,5 %", "2.1", "1,75 %", "1,05 %", "1.75", "1.05"]], // Guadeloupe, Martinique, Réunion
    ["IT", ["22 %", "22", "0.22", "10", "5 %", "4", "0"]],
    ["ES", ["21 %", "21", "10", "5", "4 %", "0"]],
    ["DE", ["19 %", "19", "0,19", "7 %", "7", "0"]],
  ])("%s charges %j", (country, cells) => {
    for (const cell of cells) expect([cell, check(cell, country)]).toEqual([cell, undefined]);
  });

  it.each([
    [
      "FR",
      "33 %",
      '"33 %" (33 %) is not a VAT rate in France (20, 13, 10, 8.5, 5.5, 2.1, 1.75, 1.05, 0.9 or 0 %)',
    ],
    ["FR", "0.33", '"0.33" (33 %) is not a VAT rate in France'],
    ["FR", "19", '"19" (19 %) is not a VAT rate in France'],
    ["FR", "19,6 %", '"19,6 %" (19.6 %) is not a VAT rate in France'], // before 2014
    ["FR", "7", '"7" (7 %) is not a VAT rate in France'],
    ["IT", "20 %", '"20 %" (20 %) is not a VAT rate in Italy (22, 10, 5, 4 or 0 %)'],
    ["ES", "7 %", '"7 %" (7 %) is not a VAT rate in Spain (21, 10, 5, 4 or 0 %)'], // IGIC is not VAT
    ["DE", "16", '"16" (16 %) is not a VAT rate in Germany (19, 7 or 0 %)'], // 2020 only
  ])("%s refuses %s", (country, cell, message) => {
    const refused = check(cell, country);
    expect(refused).toContain(message);
    expect(refused).toContain("another rate is allowed with --vat-rates");
  });

  it.each([
    ["0.9", "FR", 'for 0.9 % write "0.9 %"'],
    ["0,9", "FR", 'for 0.9 % write "0,9 %"'],
    ["0.5", "FR", undefined],
  ])(
    "%s read as a fraction (%s) is refused; the message says how to write the percent",
    (cell, country, hint) => {
      const refused = check(cell, country);
      expect(refused).toContain("is not a VAT rate");
      if (hint === undefined) expect(refused).not.toContain("write");
      else expect(refused).toContain(hint);
    },
  );

  it("--vat-rates extends the country's rates", () => {
    expect(check("12,5 %", "FR")).toBeDefined();
    expect(check("12,5 %", "FR", ["0.125", "0.03"])).toBeUndefined();
    expect(check("3", "FR", ["0.125", "0.03"])).toBeUndefined();
    expect(check("20 %", "FR", ["0.125"])).toBeUndefined();
    expect(check("33 %", "FR", ["0.125"])).toContain("(33 %) is not a VAT rate in France");
  });

  it("a country without a list is not checked, unless --vat-rates gives its rates (and 0)", () => {
    expect(allowedVatRates("BE")).toBeUndefined();
    expect(check("33 %", "BE")).toBeUndefined();
    expect(check("21 %", "BE", ["0.21", "0.06"])).toBeUndefined();
    expect(check("0", "BE", ["0.21", "0.06"])).toBeUndefined();
    expect(check("20 %", "BE", ["0.21", "0.06"])).toContain(
      '"20 %" (20 %) is not a VAT rate among those given with --vat-rates (21, 6 or 0 %)',
    );
  });

  it("the lists are the contract's fractions, and the problem's hint shows each", () => {
    expect(allowedVatRates("FR")?.rates).toEqual([
      "0.2",
      "0.13",
      "0.1",
      "0.085",
      "0.055",
      "0.021",
      "0.0175",
      "0.0105",
      "0.009",
      "0",
    ]);
    const names: Record<string, string> = { FR: "France", IT: "Italy", ES: "Spain", DE: "Germany" };
    for (const [country, rates] of Object.entries(VAT_RATES))
      expect(PROBLEMS.vat_rate_not_allowed.hint).toContain(`${names[country]} ${rates.join(", ")}`);
  });
});

describe("--vat-rates", () => {
  it.each([
    ["12.5,3", ["0.125", "0.03"]],
    ["12.5 %, 3%", ["0.125", "0.03"]],
    ["0.9", ["0.009"]],
    ["19.6,19.6", ["0.196"]],
  ])("%s → %j", (text, rates) => {
    expect(parseVatRatesOption(text)).toEqual({ ok: true, rates });
    expect(parseVatRatesOption(formatVatRates(rates))).toEqual({ ok: true, rates });
  });

  it.each(["", "abc", "100", "12.5;3", "-3", "3,,4"])("%j is refused", (text) => {
    const parsed = parseVatRatesOption(text);
    expect(parsed.ok).toBe(false);
  });

  it.each([
    ["0.2", "20"],
    ["0.055", "5.5"],
    ["0.009", "0.9"],
    ["0.0105", "1.05"],
    ["0", "0"],
    ["0.125", "12.5"],
  ])("the fraction %s is %s %", (fraction, percent) => {
    expect(percentOfFraction(fraction)).toBe(percent);
  });
});

describe("--vat-rates in an invoices run's journal", () => {
  const resolved = (raw: RawInvoiceOptions) => {
    const r = resolveInvoiceOptions({ file: "f.csv", dryRun: true, ...raw }, {});
    if (r.options === undefined) throw new Error(r.errors.join("; "));
    return r.options;
  };
  it("is recorded when given, and a resume (--resume) runs with the same rates", () => {
    const options = resolved({ vatRates: "12.5, 3 %" });
    const recorded = invoiceJournalOptions(options);
    expect(recorded.vatRates).toBe("12.5,3");
    expect(resolved(rawInvoiceOptionsOfJournal(recorded)).extraVatRates).toEqual(["0.125", "0.03"]);
  });
  it("is not recorded when not given, so that runs made before the option still resume", () => {
    const recorded = invoiceJournalOptions(resolved({}));
    expect(recorded).not.toHaveProperty("vatRates");
    expect(resolved(rawInvoiceOptionsOfJournal(recorded)).extraVatRates).toEqual([]);
  });
});
