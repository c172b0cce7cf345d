import { describe, expect, it } from "vitest";
import { invoiceFieldOf, matchInvoiceHeader } from "../src/invoices/aliases.js";
import {
  checkIban,
  detectDateFormat,
  parseAmount,
  parseDate,
  parseDiscount,
  parseVatRate,
  quantityProblem,
  unitPriceProblem,
} from "../src/invoices/values.js";

describe("invoice header aliases (FR, EN, IT, DE, ES)", () => {
  it.each([
    ["N° facture", "number"],
    ["Numero fattura", "number"],
    ["Rechnungsnummer", "number"],
    ["Número de factura", "number"],
    ["Invoice number", "number"],
    ["Date d'émission", "issue_date"],
    ["Data emissione", "issue_date"],
    ["Rechnungsdatum", "issue_date"],
    ["Fecha de emisión", "issue_date"],
    ["Date d'échéance", "due_date"],
    ["Fälligkeitsdatum", "due_date"],
    ["Prix unitaire HT", "unit_price"],
    ["Prezzo unitario", "unit_price"],
    ["Einzelpreis", "unit_price"],
    ["Precio unitario", "unit_price"],
    ["Taux de TVA", "vat_rate"],
    ["Aliquota IVA", "vat_rate"],
    ["MwSt-Satz", "vat_rate"],
    ["Tipo de IVA", "vat_rate"],
    ["TVA", "vat_rate"],
    ["Partita IVA", "client_vat_number"],
    ["Client VAT number", "client_vat_number"],
    ["Quantité", "quantity"],
    ["Menge", "quantity"],
    ["Désignation", "title"],
    ["Bon de commande", "purchase_order"],
    ["IBAN", "payment_iban"],
    ["Remise", "discount"],
    ["Statut", "status"],
    ["Début de prestation", "performance_start_date"],
    ["Leistungsende", "performance_end_date"],
    ["Imposta di bollo", "stamp_duty_amount"],
  ])("%s → %s", (column, field) => {
    expect(invoiceFieldOf(column)).toBe(field);
  });

  it("maps a header, first column wins, unknown columns listed", () => {
    const m = matchInvoiceHeader([
      "N° facture",
      "Client",
      "Désignation",
      "Qté",
      "PU HT",
      "TVA",
      "Libellé",
      "Notes",
    ]);
    expect(m.mapping).toMatchObject({
      number: "N° facture",
      client_name: "Client",
      title: "Désignation",
      quantity: "Qté",
      unit_price: "PU HT",
      vat_rate: "TVA",
    });
    expect(m.shadowed).toEqual([{ column: "Libellé", field: "title", by: "Désignation" }]);
    expect(m.unmapped).toEqual(["Notes"]);
  });
});

describe("dates", () => {
  it.each([
    ["2024-01-31", "dmy", "2024-01-31"],
    ["2024-01-31T00:00:00", "dmy", "2024-01-31"],
    ["31/01/2024", "dmy", "2024-01-31"],
    ["01/31/2024", "mdy", "2024-01-31"],
    ["03/04/2024", "dmy", "2024-04-03"],
    ["03/04/2024", "mdy", "2024-03-04"],
    ["31.01.2024", "dmy", "2024-01-31"],
    ["03.04.2024", "mdy", "2024-04-03"], // dotted dates are always day first
    ["31-01-2024", "dmy", "2024-01-31"],
    ["1/2/2024", "dmy", "2024-02-01"],
    ["45292", "dmy", "2024-01-01"], // Excel serial
    ["45351", "dmy", "2024-02-29"],
    ["45292.5", "dmy", "2024-01-01"],
    ["25569", "dmy", "1970-01-01"],
    ["29/02/2024", "dmy", "2024-02-29"],
  ] as const)("%s (%s) → %s", (value, format, expected) => {
    expect(parseDate(value, format)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["29/02/2023", "dmy"],
    ["31/04/2024", "dmy"],
    ["13/13/2024", "dmy"],
    ["01/02/24", "dmy"],
    ["2024", "dmy"], // a year, not serial 2024 (1905)
    ["12", "dmy"],
    ["99999", "dmy"],
    ["2024-02-30", "dmy"],
    ["tomorrow", "dmy"],
    ["31/01/2024", "mdy"],
  ] as const)("%s (%s) is refused", (value, format) => {
    expect(parseDate(value, format).ok).toBe(false);
  });

  it.each([
    [["31/01/2024", "05/02/2024"], "dmy"],
    [["01/31/2024", "02/05/2024"], "mdy"],
    [["05.02.2024", "03.04.2024"], "dmy"], // dotted: day first, no ambiguity
    [["2024-01-05", "45292", ""], "dmy"], // nothing depends on the order
    [["01/01/2024", "12/12/2024"], "dmy"], // day equals month: same both ways
    [["05/02/2024", "03/04/2024"], "ambiguous"], // every day ≤ 12: never guessed
    [["13/01/2024", "01/13/2024"], "ambiguous"], // both orders in one file
  ] as const)("detectDateFormat(%j) → %s", (samples, format) => {
    const detected = detectDateFormat(samples);
    expect(detected.format).toBe(format);
    expect(detected.reason).not.toBe("");
  });
});

describe("amounts → the contract's decimal strings", () => {
  it.each([
    ["12.50", "12.50"],
    ["12,50", "12.50"],
    ["12,5", "12.50"],
    ["12", "12.00"],
    ["1 234,56", "1234.56"],
    ["1\u00a0234,56", "1234.56"],
    ["1\u202f234,56 €", "1234.56"],
    ["1.234,56", "1234.56"],
    ["1,234.56", "1234.56"],
    ["1'234.50", "1234.50"],
    ["1.234.567", "1234567.00"],
    ["1,234,567.891", "1234567.891"],
    ["0,125", "0.125"],
    ["1234.567", "1234.567"],
    ["1 234,567", "1234.567"],
    ["€12.50", "12.50"],
    ["12.50 EUR", "12.50"],
    ["EUR 12.50", "12.50"],
    ["-12,50", "-12.50"],
    ["12,50-", "-12.50"],
    ["(12.50)", "-12.50"],
    ["−12.50 €", "-12.50"],
    ["-€12.50", "-12.50"],
    ["007", "7.00"],
    [".5", "0.50"],
    ["-0", "0.00"],
  ])("%s → %s", (raw, expected) => {
    const parsed = parseAmount(raw, { minDecimals: 2 });
    expect(parsed).toMatchObject({ ok: true, value: { value: expected } });
  });

  it("returns the currency written in the cell", () => {
    expect(parseAmount("$10")).toEqual({ ok: true, value: { value: "10", currency: "USD" } });
    expect(parseAmount("10 €")).toEqual({ ok: true, value: { value: "10", currency: "EUR" } });
    expect(parseAmount("1,5")).toEqual({ ok: true, value: { value: "1.5" } });
  });

  it.each([
    ["1,234", "ambiguous"],
    ["12.500", "ambiguous"],
    ["999,000", "ambiguous"],
    ["1.2.3", "groups of three"],
    ["1 23,5", "groups of three"],
    ["12,", "no digits after"],
    ["abc", "not an amount"],
    ["", "empty"],
    ["12..5", ""],
  ])("%s is refused (%s)", (raw, reason) => {
    const parsed = parseAmount(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(reason);
  });
});

describe('VAT rate → the contract\'s fraction (vat_rate "0.1" is 10 %)', () => {
  it.each([
    ["20%", "0.2"],
    ["20 %", "0.2"],
    ["20", "0.2"],
    ["20,0", "0.2"],
    ["0.2", "0.2"],
    ["0,20", "0.2"],
    ["5,5 %", "0.055"],
    ["5.5", "0.055"],
    ["0.055", "0.055"],
    ["2.1", "0.021"],
    ["2,1%", "0.021"],
    ["10", "0.1"],
    ["22", "0.22"],
    ["19", "0.19"],
    ["1", "0.01"], // 1 is 1 %, not 100 %
    ["1%", "0.01"],
    ["0", "0"],
    ["0%", "0"],
    ["0.5", "0.5"], // below 1: a fraction
  ])("%s → %s", (raw, expected) => {
    expect(parseVatRate(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(["100", "100%", "150", "-20", "20 percent", "", "abc", "1,000.5"])("%s is refused", (raw) => {
    expect(parseVatRate(raw).ok).toBe(false);
  });
});

describe("a line's quantity is above zero, its unit price zero or more (a discount is not a negative line)", () => {
  // As a cell is read: parseAmount, then the check.
  const quantity = (cell: string) => {
    const parsed = parseAmount(cell);
    return parsed.ok ? quantityProblem(parsed.value.value) : "unparsed";
  };
  const price = (cell: string) => {
    const parsed = parseAmount(cell, { minDecimals: 2 });
    return parsed.ok ? unitPriceProblem(parsed.value.value) : "unparsed";
  };
  it.each(["1", "0,5", "0.001", "1 000", "2,50", "10"])("quantity %s is sent", (cell) => {
    expect(quantity(cell)).toBeUndefined();
  });
  it.each([
    ["0", "the quantity is 0"],
    ["0,00", "the quantity is 0"],
    ["-0", "the quantity is 0"],
    ["-1", "the quantity -1 is negative: write a discount in the discount column"],
    ["(2)", "the quantity -2 is negative"],
    ["1,5-", "the quantity -1.5 is negative"],
    ["\u22123", "the quantity -3 is negative"],
  ])("quantity %s is refused: %s", (cell, message) => {
    expect(quantity(cell)).toContain(message);
  });
  it.each(["0", "0,00 €", "12,50", "1 234,56 €"])("unit price %s is sent", (cell) => {
    expect(price(cell)).toBeUndefined();
  });
  it.each([
    ["-12,50 €", "the unit price -12.50 is negative"],
    ["(5)", "the unit price -5.00 is negative"],
  ])("unit price %s is refused: %s", (cell, message) => {
    expect(price(cell)).toContain(message);
  });
});

describe("discounts", () => {
  it.each([
    ["10%", { type: "percentage", value: "0.1" }],
    ["12,5 %", { type: "percentage", value: "0.125" }],
    ["100%", { type: "percentage", value: "1" }],
    ["5", { type: "absolute", value: "5.00" }],
    ["5,00 €", { type: "absolute", value: "5.00", currency: "EUR" }],
  ] as const)("%s → %j", (raw, expected) => {
    expect(parseDiscount(raw)).toEqual({ ok: true, value: expected });
  });
  it.each(["150%", "-5", "x%"])("%s is refused", (raw) => {
    expect(parseDiscount(raw).ok).toBe(false);
  });
});

describe("IBAN (ISO 13616 mod 97)", () => {
  it.each([
    ["FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606"],
    ["fr1420041010050500013m02606", "FR1420041010050500013M02606"],
    ["DE89 3704 0044 0532 0130 00", "DE89370400440532013000"],
    ["IT60 X054 2811 1010 0000 0123 456", "IT60X0542811101000000123456"],
    ["ES91 2100 0418 4502 0005 1332", "ES9121000418450200051332"],
    ["GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"],
    ["BE68 5390 0754 7034", "BE68539007547034"],
  ])("%s → %s", (raw, expected) => {
    expect(checkIban(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["FR15 2004 1010 0505 0001 3M02 606", "check digits"],
    ["DE89 3704 0044 0532 0130 0", "22 characters"],
    ["XX89370400440532013000", "not a country"],
    ["12345", "not an IBAN"],
    ["", "not an IBAN"],
  ])("%s is refused (%s)", (raw, reason) => {
    const checked = checkIban(raw);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toContain(reason);
  });
});
