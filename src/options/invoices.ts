// The invoices command's options: an import's, and its own flags.
import { resolve } from "node:path";
import { checkIban } from "../invoices/values.js";
import { parseVatRatesOption } from "../invoices/vat-rates.js";
import {
  nonEmpty,
  rawOptionsOfJournal,
  resolveImportOptions,
  type Env,
  type ImportOptions,
  type RawImportOptions,
} from "./import.js";

/** The invoices command's own flags, on top of an import's. */
export interface RawInvoiceOptions extends RawImportOptions {
  /** Report folders of clients runs whose clients invoices may name (--clients-report, repeatable). */
  clientsReport?: string[];
  paymentIban?: string;
  status?: string;
  dateFormat?: string;
  /** VAT rates allowed on top of the organization country's: percents, "12.5,3". */
  vatRates?: string;
}

export interface InvoiceImportOptions extends ImportOptions {
  clientsReports: string[];
  /** IBAN for invoices without one. */
  paymentIban?: string;
  /** Status for invoices without one (the contract's default: unpaid). */
  status?: "draft" | "unpaid";
  /** Day/month order of the file's dates, when detection cannot tell (dmy or mdy). */
  dateFormat?: "dmy" | "mdy";
  /** VAT rates a line may have on top of the organization country's, as the contract's fractions ("0.125"). */
  extraVatRates: string[];
}

export interface ResolvedInvoices {
  options?: InvoiceImportOptions;
  warnings: string[];
  errors: string[];
}

/** As resolveImportOptions, plus the invoice flags; the clients-only flags are not offered by the command. */
export function resolveInvoiceOptions(raw: RawInvoiceOptions, env: Env): ResolvedInvoices {
  const base = resolveImportOptions(raw, env, "invoices");
  const { errors, warnings } = base;
  let status: "draft" | "unpaid" | undefined;
  if (raw.status !== undefined) {
    if (raw.status === "draft" || raw.status === "unpaid") status = raw.status;
    else errors.push(`--status must be draft or unpaid, not "${raw.status}"`);
  }
  let dateFormat: "dmy" | "mdy" | undefined;
  if (raw.dateFormat !== undefined) {
    if (raw.dateFormat === "dmy" || raw.dateFormat === "mdy") dateFormat = raw.dateFormat;
    else errors.push(`--date-format must be dmy (day first) or mdy (month first), not "${raw.dateFormat}"`);
  }
  let iban: string | undefined;
  if (nonEmpty(raw.paymentIban) !== undefined) {
    const checked = checkIban(raw.paymentIban ?? "");
    if (checked.ok) iban = checked.value;
    else errors.push(`--payment-iban: ${checked.message}`);
  }
  let extraVatRates: string[] = [];
  if (nonEmpty(raw.vatRates) !== undefined) {
    const parsed = parseVatRatesOption(raw.vatRates ?? "");
    if (parsed.ok) extraVatRates = parsed.rates;
    else errors.push(parsed.error);
  }
  if (errors.length > 0 || base.options === undefined) return { warnings, errors };
  const options: InvoiceImportOptions = {
    ...base.options,
    clientsReports: (raw.clientsReport ?? []).map((f) => resolve(f)),
    extraVatRates,
  };
  if (iban !== undefined) options.paymentIban = iban;
  if (status !== undefined) options.status = status;
  if (dateFormat !== undefined) options.dateFormat = dateFormat;
  return { options, warnings, errors };
}

/** The options an invoices run's journal recorded (invoiceJournalOptions), as flags again. */
export function rawInvoiceOptionsOfJournal(stored: Record<string, unknown>): RawInvoiceOptions {
  const raw: RawInvoiceOptions = { ...rawOptionsOfJournal(stored), clearEmpty: false };
  delete raw.onMatch;
  const text = (key: string) => (typeof stored[key] === "string" ? stored[key] : undefined);
  const reports = stored.clientsReports;
  if (Array.isArray(reports)) raw.clientsReport = reports.filter((r): r is string => typeof r === "string");
  const iban = text("paymentIban");
  if (iban !== undefined) raw.paymentIban = iban;
  const status = text("status");
  if (status !== undefined) raw.status = status;
  const dateFormat = text("dateFormat");
  if (dateFormat !== undefined) raw.dateFormat = dateFormat;
  const vatRates = text("vatRates");
  if (vatRates !== undefined) raw.vatRates = vatRates;
  return raw;
}
