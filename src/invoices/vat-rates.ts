// The VAT rates of an organization's country, as data: a line's rate must be one of them, or one given with
// --vat-rates. The contract (shared/qonto-api/create-client-invoice.*) only says vat_rate is a string ("0.1" in its
// example); it lists no rates. Qonto's own invoicing offers a country's rates, so a rate no one in that country
// charges ("33 %" sent as "0.33") is a typo, and one that Qonto may refuse.
//
// Rates in percent, current in 2025, every rate any part of the country charges:
// - FR: 20, 10, 5.5, 2.1 (mainland); Corsica 13, 10, 2.1, 0.9; Guadeloupe, Martinique, Réunion 8.5, 2.1, 1.75,
//   1.05 (Guyane and Mayotte charge none: 0).
// - IT: 22, 10, 5, 4.
// - ES: 21, 10, 4, and 5, charged for some goods in some periods (electricity, gas, some foods, 2021–2024). The
//   Canary Islands' IGIC and Ceuta and Melilla's IPSI are not VAT: an organization there gives its rates with
//   --vat-rates.
// - DE: 19, 7.
// - 0 everywhere: a line exempt from VAT (with its exemption reason).
// Older rates (FR 19.6 and 7 before 2014, DE 16 and 5 in 2020) are not in the lists: --vat-rates allows them.
// Other countries have no list: their rates are not checked unless --vat-rates is given, which is then the list.

import { parseVatRate } from "./values.js";

export const VAT_RATES: Readonly<Record<string, readonly string[]>> = {
  FR: ["20", "13", "10", "8.5", "5.5", "2.1", "1.75", "1.05", "0.9", "0"],
  IT: ["22", "10", "5", "4", "0"],
  ES: ["21", "10", "5", "4", "0"],
  DE: ["19", "7", "0"],
};

/** The rates a line may have, as the contract's fractions ("0.2"); undefined: any rate (no list, none given). */
export interface AllowedVatRates {
  country: string;
  /** Fractions, in the list's order. */
  rates: readonly string[];
  /** Whether the country has a list of its own (otherwise the rates are --vat-rates' only). */
  builtIn: boolean;
}

/** The country's rates plus the extra ones (fractions); undefined when neither gives any. */
export function allowedVatRates(country: string, extra: readonly string[] = []): AllowedVatRates | undefined {
  const own = VAT_RATES[country];
  if (own === undefined && extra.length === 0) return undefined;
  const rates = [...(own ?? []).map(fractionOfPercent), ...extra];
  // 0 is every country's: a line exempt from VAT.
  if (!rates.includes("0")) rates.push("0");
  return { country, rates: [...new Set(rates)], builtIn: own !== undefined };
}

/**
 * Whether a line's rate (a fraction from parseVatRate, and the cell as written) is one the organization may
 * charge; the message says which rates are, and, for a cell such as "0.9" read as 90 %, how to write 0.9 %.
 */
export function checkVatRate(fraction: string, raw: string, allowed: AllowedVatRates): string | undefined {
  if (allowed.rates.includes(fraction)) return undefined;
  const list = allowed.rates.map(percentOfFraction);
  const last = list.pop();
  const where = allowed.builtIn ? `in ${countryName(allowed.country)}` : "among those given with --vat-rates";
  let message = `"${raw.trim()}" (${percentOfFraction(fraction)} %) is not a VAT rate ${where} (${list.length > 0 ? `${list.join(", ")} or ` : ""}${last ?? "0"} %)`;
  // "0.9" is read as the fraction 0.9 (90 %), not 0.9 %: say so when 0.9 % is a rate.
  const asPercent = /%/.test(raw) ? undefined : parseVatRate(`${raw.trim()}%`);
  if (asPercent?.ok === true && allowed.rates.includes(asPercent.value))
    message += `; for ${percentOfFraction(asPercent.value)} % write "${raw.trim()} %"`;
  return `${message}; another rate is allowed with --vat-rates`;
}

/**
 * The --vat-rates option: percents with a decimal point, separated by commas ("12.5,3", "5.5 %"). Each is a
 * fraction as the contract writes it, or the option's error.
 */
export function parseVatRatesOption(
  text: string,
): { ok: true; rates: string[] } | { ok: false; error: string } {
  const rates: string[] = [];
  for (const part of text.split(",")) {
    const value = part.trim();
    const parsed = /^\d+(\.\d+)?\s*%?$/.test(value)
      ? parseVatRate(`${value.replace(/\s*%$/, "")}%`)
      : undefined;
    if (parsed === undefined || !parsed.ok)
      return {
        ok: false,
        error: `--vat-rates: "${value}" is not a rate below 100 %; give percents with a decimal point, separated by commas, such as 12.5,3`,
      };
    rates.push(parsed.value);
  }
  return { ok: true, rates: [...new Set(rates)] };
}

/** The fractions as --vat-rates takes them: "0.125", "0.03" → "12.5,3". */
export function formatVatRates(fractions: readonly string[]): string {
  return fractions.map(percentOfFraction).join(",");
}

/** "5.5" (percent) → "0.055"; exact, on the digits. */
function fractionOfPercent(percent: string): string {
  const parsed = parseVatRate(`${percent}%`);
  if (!parsed.ok) throw new Error(`VAT_RATES holds "${percent}", which is not a rate`);
  return parsed.value;
}

/** "0.055" (fraction) → "5.5"; exact, on the digits. */
export function percentOfFraction(fraction: string): string {
  const [int = "0", frac = ""] = fraction.split(".");
  const digits = `${int}${frac.padEnd(2, "0")}`;
  const whole = digits.slice(0, int.length + 2).replace(/^0+(?=\d)/, "");
  const rest = digits.slice(int.length + 2).replace(/0+$/, "");
  return rest === "" ? whole : `${whole}.${rest}`;
}

function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}
