import { describe, expect, it } from "vitest";
import { matchInvoiceHeader } from "../src/invoices/aliases.js";
import { groupInvoiceRows } from "../src/invoices/group.js";
import {
  detectInvoiceDateFormat,
  normalizeInvoice,
  type InvoiceDefaults,
  type NormalizedInvoice,
} from "../src/invoices/normalize.js";
import { invoicePayloadSchema } from "../src/invoices/schema.js";
import type { SourceRow } from "../src/parse/source-row.js";
import { PROBLEMS, type ProblemCode } from "../src/problems.js";

const IBAN = "FR1420041010050500013M02606";
const FR_ORG: InvoiceDefaults = { orgCountry: "FR", dateFormat: "dmy" };
const IT_ORG: InvoiceDefaults = { orgCountry: "IT", dateFormat: "dmy" };

type Fields = Record<string, string>;

const BASE: Fields = {
  "N° facture": "F-2024-001",
  "TVA client": "FR32123456789",
  "Date d'émission": "31/01/2024",
  "Date d'échéance": "01/03/2024",
  IBAN: "FR14 2004 1010 0505 0001 3M02 606",
  Désignation: "Conseil",
  Quantité: "1,5",
  "Prix unitaire HT": "1 200,00 €",
  "Taux de TVA": "20 %",
};

/** Normalizes the rows as one file: header → mapping → groups → the first invoice. */
function normalize(lines: Fields[], defaults: InvoiceDefaults = FR_ORG): NormalizedInvoice {
  const columns = [...new Set(lines.flatMap((l) => Object.keys(l)))];
  const { mapping } = matchInvoiceHeader(columns);
  const rows: SourceRow[] = lines.map((fields, i) => ({
    file: "invoices.csv",
    recordNo: i + 1,
    line: i + 2,
    fields,
    problems: [],
  }));
  const [group] = groupInvoiceRows(rows, mapping);
  if (group === undefined) expect.fail("no invoice");
  return normalizeInvoice(group, mapping, defaults);
}

describe("normalizeInvoice: accepted invoices", () => {
  it("builds the contract's payload and the client reference", () => {
    const result = normalize([
      BASE,
      { ...BASE, Désignation: "Déplacement", Quantité: "2", "Prix unitaire HT": "45", "Taux de TVA": "0,2" },
    ]);
    if (!result.ok) expect.fail(JSON.stringify(result.problems));
    expect(result.payload).toEqual({
      issue_date: "2024-01-31",
      due_date: "2024-03-01",
      currency: "EUR",
      number: "F-2024-001",
      payment_methods: { iban: IBAN },
      items: [
        {
          title: "Conseil",
          quantity: "1.5",
          unit_price: { value: "1200.00", currency: "EUR" },
          vat_rate: "0.2",
        },
        {
          title: "Déplacement",
          quantity: "2",
          unit_price: { value: "45.00", currency: "EUR" },
          vat_rate: "0.2",
        },
      ],
    });
    expect(result.payload).not.toHaveProperty("client_id");
    expect(result.clientRef).toEqual({ vat_number: "FR32123456789" });
    expect(result.problems).toEqual([]);
  });

  it("takes optional fields, a default IBAN and status words", () => {
    const { IBAN: _, ...noIban } = BASE;
    const result = normalize(
      [
        {
          ...noIban,
          Statut: "Brouillon",
          "Bon de commande": "PO-7",
          "Début de prestation": "01.01.2024",
          "Fin de prestation": "2024-01-31",
          Remise: "10%",
          Unité: "jour",
          "Motif d'exonération": "s262",
          Email: "Compta@Example.com",
        },
      ],
      { ...FR_ORG, paymentIban: IBAN },
    );
    if (!result.ok) expect.fail(JSON.stringify(result.problems));
    expect(result.payload).toMatchObject({
      status: "draft",
      purchase_order: "PO-7",
      performance_start_date: "2024-01-01",
      performance_end_date: "2024-01-31",
      payment_methods: { iban: IBAN },
    });
    expect(result.payload.items[0]).toMatchObject({
      unit: "jour",
      vat_exemption_reason: "S262",
      discount: { type: "percentage", value: "0.1" },
    });
    expect(result.clientRef).toEqual({ vat_number: "FR32123456789", email: "compta@example.com" });
  });

  it("an Italian organization may send Italian-only fields", () => {
    const result = normalize(
      [{ ...BASE, "Taux de TVA": "22 %", "Imposta di bollo": "2", Ritenuta: "20%" }],
      IT_ORG,
    );
    if (!result.ok) expect.fail(JSON.stringify(result.problems));
    expect(result.payload).toMatchObject({ stamp_duty_amount: "2.00", withholding_tax: { rate: "0.2" } });
  });

  it.each([
    ["TC22 4 %", { type: "TC22", rate: "0.04" }],
    ["tc01: 0,04", { type: "TC01", rate: "0.04" }],
  ])("an Italian welfare fund %s is its type and rate", (cell, welfare) => {
    const result = normalize([{ ...BASE, "Taux de TVA": "22 %", "Cassa previdenziale": cell }], IT_ORG);
    if (!result.ok) expect.fail(JSON.stringify(result.problems));
    expect(result.payload.welfare_fund).toEqual(welfare);
  });

  it.each(["4 %", "TC23 4 %"])("a welfare fund %s without a valid type (TC01 to TC22) is refused", (cell) => {
    const result = normalize([{ ...BASE, "Cassa previdenziale": cell }], IT_ORG);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({
      code: "invoice_field_missing",
      column: "Cassa previdenziale",
    });
  });

  it("reads a file's dates in its detected order", () => {
    const lines = [{ ...BASE, "Date d'émission": "01/31/2024", "Date d'échéance": "03/01/2024" }];
    const rows = lines.map((fields, i) => ({
      file: "f",
      recordNo: i + 1,
      line: i + 2,
      fields,
      problems: [],
    }));
    const detected = detectInvoiceDateFormat(rows, matchInvoiceHeader(Object.keys(BASE)).mapping);
    expect(detected.format).toBe("mdy");
    const result = normalize(lines, { ...FR_ORG, dateFormat: "mdy" });
    expect(result.ok && [result.payload.issue_date, result.payload.due_date]).toEqual([
      "2024-01-31",
      "2024-03-01",
    ]);
  });
});

describe("normalizeInvoice: refused invoices name the record, the column and the code", () => {
  const cases: {
    name: string;
    lines: Fields[];
    defaults?: InvoiceDefaults;
    code: ProblemCode;
    column?: string;
    record: number;
  }[] = [
    {
      name: "bad issue date",
      lines: [{ ...BASE, "Date d'émission": "31/02/2024" }],
      code: "invoice_date_invalid",
      column: "Date d'émission",
      record: 1,
    },
    {
      name: "no due date",
      lines: [{ ...BASE, "Date d'échéance": "" }],
      code: "invoice_field_missing",
      column: "Date d'échéance",
      record: 1,
    },
    {
      name: "ambiguous file date",
      lines: [{ ...BASE, "Date d'émission": "03/04/2024" }],
      defaults: { ...FR_ORG, dateFormat: "ambiguous" },
      code: "date_format_ambiguous",
      column: "Date d'émission",
      record: 1,
    },
    {
      name: "ambiguous amount",
      lines: [BASE, { ...BASE, "Prix unitaire HT": "1,234" }],
      code: "amount_invalid",
      column: "Prix unitaire HT",
      record: 2,
    },
    {
      name: "bad quantity",
      lines: [{ ...BASE, Quantité: "beaucoup" }],
      code: "amount_invalid",
      column: "Quantité",
      record: 1,
    },
    {
      name: "bad VAT rate",
      lines: [{ ...BASE, "Taux de TVA": "120%" }],
      code: "vat_rate_invalid",
      column: "Taux de TVA",
      record: 1,
    },
    {
      name: "bad IBAN",
      lines: [{ ...BASE, IBAN: "FR15 2004 1010 0505 0001 3M02 606" }],
      code: "iban_invalid",
      column: "IBAN",
      record: 1,
    },
    {
      name: "no IBAN at all",
      lines: [{ ...BASE, IBAN: "" }],
      code: "invoice_field_missing",
      column: "IBAN",
      record: 1,
    },
    {
      name: "not euros",
      lines: [{ ...BASE, Devise: "USD" }],
      code: "invoice_currency_not_eur",
      column: "Devise",
      record: 1,
    },
    {
      name: "price in dollars",
      lines: [{ ...BASE, "Prix unitaire HT": "$12" }],
      code: "invoice_currency_not_eur",
      column: "Prix unitaire HT",
      record: 1,
    },
    {
      name: "unknown status",
      lines: [{ ...BASE, Statut: "payée" }],
      code: "invoice_status_invalid",
      column: "Statut",
      record: 1,
    },
    {
      name: "no client",
      lines: [{ ...BASE, "TVA client": "" }],
      code: "invoice_client_missing",
      column: "TVA client",
      record: 1,
    },
    {
      name: "line without title",
      lines: [BASE, { ...BASE, Désignation: "" }],
      code: "invoice_field_missing",
      column: "Désignation",
      record: 2,
    },
    {
      name: "rows disagree",
      lines: [BASE, { ...BASE, "Date d'échéance": "02/03/2024" }],
      code: "invoice_rows_disagree",
      column: "Date d'échéance",
      record: 1,
    },
    {
      name: "end without start",
      lines: [{ ...BASE, "Fin de prestation": "31/01/2024" }],
      code: "performance_period_invalid",
      column: "Fin de prestation",
      record: 1,
    },
    {
      name: "start after end",
      lines: [{ ...BASE, "Début de prestation": "01/02/2024", "Fin de prestation": "31/01/2024" }],
      code: "performance_period_invalid",
      column: "Début de prestation",
      record: 1,
    },
    {
      name: "number too long",
      lines: [{ ...BASE, "N° facture": "F".repeat(41) }],
      code: "field_too_long",
      column: "N° facture",
      record: 1,
    },
    {
      name: "purchase order too long",
      lines: [{ ...BASE, "Bon de commande": "P".repeat(41) }],
      code: "field_too_long",
      column: "Bon de commande",
      record: 1,
    },
    {
      name: "terms too long",
      lines: [{ ...BASE, "Conditions générales": "T".repeat(526) }],
      code: "field_too_long",
      column: "Conditions générales",
      record: 1,
    },
    {
      name: "Italian field for a French organization",
      lines: [{ ...BASE, "Imposta di bollo": "2,00" }],
      code: "italian_field_not_allowed",
      column: "Imposta di bollo",
      record: 1,
    },
    {
      name: "no invoice number",
      lines: [{ ...BASE, "N° facture": "" }],
      code: "invoice_number_missing",
      column: "N° facture",
      record: 1,
    },
    {
      name: "an absolute discount above the line's amount (1.5 × 1,200.00)",
      lines: [BASE, { ...BASE, Remise: "1 800,01 €" }],
      code: "amount_invalid",
      column: "Remise",
      record: 2,
    },
    {
      name: "due before issued (31/01 → 30/01)",
      lines: [{ ...BASE, "Date d'échéance": "30/01/2024" }],
      code: "invoice_due_before_issue",
      column: "Date d'échéance",
      record: 1,
    },
    {
      name: "due before issued, the due date given on the second line",
      lines: [
        { ...BASE, "Date d'échéance": "" },
        { ...BASE, "Date d'émission": "", "Date d'échéance": "2023-12-31" },
      ],
      code: "invoice_due_before_issue",
      column: "Date d'échéance",
      record: 2,
    },
    {
      name: "a zero quantity",
      lines: [BASE, { ...BASE, Quantité: "0" }],
      code: "quantity_not_positive",
      column: "Quantité",
      record: 2,
    },
    {
      name: "a negative quantity (a discount written as a line)",
      lines: [BASE, { ...BASE, Désignation: "Remise fidélité", Quantité: "-1", "Prix unitaire HT": "50" }],
      code: "quantity_not_positive",
      column: "Quantité",
      record: 2,
    },
    {
      name: "a negative unit price",
      lines: [BASE, { ...BASE, Désignation: "Avoir", Quantité: "1", "Prix unitaire HT": "-50,00 €" }],
      code: "unit_price_negative",
      column: "Prix unitaire HT",
      record: 2,
    },
    {
      name: "33 %, not a French rate",
      lines: [BASE, { ...BASE, "Taux de TVA": "33 %" }],
      code: "vat_rate_not_allowed",
      column: "Taux de TVA",
      record: 2,
    },
    {
      name: "0.9 read as 90 %",
      lines: [{ ...BASE, "Taux de TVA": "0.9" }],
      code: "vat_rate_not_allowed",
      column: "Taux de TVA",
      record: 1,
    },
    {
      name: "20 % for an Italian organization",
      lines: [{ ...BASE, "Taux de TVA": "20 %" }],
      defaults: IT_ORG,
      code: "vat_rate_not_allowed",
      column: "Taux de TVA",
      record: 1,
    },
    {
      name: "a rate beside those --vat-rates adds",
      lines: [{ ...BASE, "Taux de TVA": "12 %" }],
      defaults: { ...FR_ORG, extraVatRates: ["0.125"] },
      code: "vat_rate_not_allowed",
      column: "Taux de TVA",
      record: 1,
    },
    {
      name: "no line at all",
      lines: [{ ...BASE, Désignation: "", Quantité: "", "Prix unitaire HT": "", "Taux de TVA": "" }],
      code: "invoice_field_missing",
      column: "Désignation",
      record: 1,
    },
  ];

  it.each(cases)("$name → $code", ({ lines, defaults, code, column, record }) => {
    const result = normalize(lines, defaults);
    expect(result.ok).toBe(false);
    const found = result.problems.filter((p) => p.code === code);
    expect(found, JSON.stringify(result.problems)).not.toHaveLength(0);
    expect(found[0]).toMatchObject({ column, recordNo: record, severity: PROBLEMS[code].severity });
  });

  it("each rule refuses the invoice with the reason for people", () => {
    const message = (lines: Fields[], code: ProblemCode, defaults?: InvoiceDefaults) =>
      normalize(lines, defaults).problems.find((p) => p.code === code)?.message;
    expect(message([{ ...BASE, "Date d'échéance": "30/01/2024" }], "invoice_due_before_issue")).toBe(
      "due_date: the invoice is due (2024-01-30) before it is issued (2024-01-31)",
    );
    expect(message([{ ...BASE, Quantité: "-2" }], "quantity_not_positive")).toBe(
      "the quantity -2 is negative: write a discount in the discount column, and a refund as a credit note in Qonto",
    );
    expect(message([{ ...BASE, "Taux de TVA": "33 %" }], "vat_rate_not_allowed")).toBe(
      '"33 %" (33 %) is not a VAT rate in France (20, 13, 10, 8.5, 5.5, 2.1, 1.75, 1.05, 0.9 or 0 %); another rate is allowed with --vat-rates',
    );
  });

  it.each([
    ["due on the day it is issued", { "Date d'échéance": "31/01/2024" }, FR_ORG],
    ["a free line (unit price 0)", { "Prix unitaire HT": "0" }, FR_ORG],
    ["a fractional quantity", { Quantité: "0,25" }, FR_ORG],
    ["Corsica's 0,9 %", { "Taux de TVA": "0,9 %" }, FR_ORG],
    ["a rate --vat-rates adds", { "Taux de TVA": "12,5 %" }, { ...FR_ORG, extraVatRates: ["0.125"] }],
    ["any rate in a country without a list", { "Taux de TVA": "21 %" }, { ...FR_ORG, orgCountry: "BE" }],
    ["Germany's 19 %", { "Taux de TVA": "19" }, { ...FR_ORG, orgCountry: "DE" }],
  ] as const)("%s is accepted", (_name, cells, defaults) => {
    const result = normalize([{ ...BASE, ...cells }], defaults);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("lines-less invoice rows (header-only rows) are skipped; no line at all is invoice_items_missing", () => {
    const empty = { ...BASE, Désignation: "", Quantité: "", "Prix unitaire HT": "", "Taux de TVA": "" };
    const ok = normalize([empty, BASE]);
    expect(ok.ok && ok.payload.items).toHaveLength(1);
    const none = normalize([empty, empty]);
    expect(none.ok).toBe(false);
    expect(none.problems.map((p) => p.code)).toEqual(["invoice_items_missing"]);
  });

  it("an invoice whose number is duplicated in the file is refused", () => {
    const result = normalize([BASE, { ...BASE, "N° facture": "F2" }, BASE]);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code)).toContain("invoice_number_duplicate_in_file");
  });
});

describe("the payload schema, the last gate before the network, holds the same rules", () => {
  const payload = {
    issue_date: "2024-01-31",
    due_date: "2024-03-01",
    currency: "EUR",
    number: "F-1",
    payment_methods: { iban: IBAN },
    items: [
      { title: "Conseil", quantity: "1", unit_price: { value: "10.00", currency: "EUR" }, vat_rate: "0.2" },
    ],
  };
  const item = (patch: Record<string, unknown>) => ({
    ...payload,
    items: [{ ...payload.items[0], ...patch }],
  });
  const FR_RATES = ["0.2", "0.1", "0.055", "0.021", "0"];
  it.each([
    ["accepted as is", payload, undefined],
    ["due on the issue date", { ...payload, due_date: "2024-01-31" }, undefined],
    ["due before issued", { ...payload, due_date: "2024-01-30" }, "due_date: invoice_due_before_issue"],
    ["a zero quantity", item({ quantity: "0.00" }), "items.0.quantity: invalid_format"],
    ["a negative quantity", item({ quantity: "-1" }), "items.0.quantity: invalid_format"],
    [
      "a negative unit price",
      item({ unit_price: { value: "-1.00", currency: "EUR" } }),
      "items.0.unit_price.value: invalid_format",
    ],
    ["a free line", item({ unit_price: { value: "0.00", currency: "EUR" } }), undefined],
    ["33 %", item({ vat_rate: "0.33" }), "items.0.vat_rate: vat_rate_not_allowed"],
  ])("%s", (_name, candidate, issue) => {
    const parsed = invoicePayloadSchema("FR", FR_RATES).safeParse(candidate);
    const issues = parsed.success
      ? []
      : parsed.error.issues.map(
          (i) => `${i.path.join(".")}: ${i.code === "custom" ? String(i.params?.problem) : i.code}`,
        );
    expect(issues).toEqual(issue === undefined ? [] : [issue]);
  });

  it("without a list of rates, any fraction below 1 passes", () => {
    expect(invoicePayloadSchema("BE").safeParse(item({ vat_rate: "0.33" })).success).toBe(true);
  });

  it("is built once per organization and rate list, and lists are not mixed", () => {
    // Compiling a schema costs more than checking an invoice: every invoice of a run shares one.
    expect(invoicePayloadSchema("FR", [...FR_RATES])).toBe(invoicePayloadSchema("FR", [...FR_RATES]));
    expect(invoicePayloadSchema("FR", FR_RATES)).not.toBe(invoicePayloadSchema("IT", FR_RATES));
    expect(invoicePayloadSchema("FR", ["0.33"]).safeParse(item({ vat_rate: "0.33" })).success).toBe(true);
    expect(invoicePayloadSchema("FR", FR_RATES).safeParse(item({ vat_rate: "0.33" })).success).toBe(false);
    expect(invoicePayloadSchema("FR").safeParse(item({ vat_rate: "0.33" })).success).toBe(true);
  });
});
