import { foldHeader } from "../map/aliases.js";

// What makes two records the same client, in the order the match is tried. Qonto has no uniqueness rule,
// so these keys are ours: the strongest identifiers first, the weakest (name with zip code) last.
export const MATCH_KEYS = [
  "vat_number",
  "tax_identification_number",
  "e_invoicing_address",
  "email",
  "name_zip",
] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];

/** The fields keys are computed from: shared by a create payload and a client returned by Qonto. */
export interface KeySource {
  kind?: string | null;
  name?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  vat_number?: string | null;
  tax_identification_number?: string | null;
  e_invoicing_address?: string | null;
  billing_address?: { zip_code?: string | null } | null;
  zip_code?: string | null;
}

export type ClientKeys = Partial<Record<MatchKey, string>>;

const compact = (value: string | null | undefined): string =>
  (value ?? "").replace(/[^0-9A-Za-z]/g, "").toUpperCase();

/** Display name as Qonto builds it: the company name, or first name + " " + last name for a person. */
export function displayName(source: KeySource): string {
  if (source.kind === "company" || (source.first_name == null && source.last_name == null))
    return (source.name ?? "").trim();
  return `${source.first_name ?? ""} ${source.last_name ?? ""}`.trim();
}

export function clientKeys(source: KeySource): ClientKeys {
  const keys: ClientKeys = {};
  const vat = compact(source.vat_number);
  // "EL" is Greece's VAT prefix and GR its country code: one company, two spellings.
  if (vat.length > 2) keys.vat_number = vat.replace(/^EL/, "GR");
  const tin = compact(source.tax_identification_number);
  if (tin !== "") keys.tax_identification_number = tin;
  // Only spaces go: "_" separates the SIREN from the SIRET or suffix. The payload keeps the letters' case, and
  // Qonto's copy may differ in it, so case is ignored.
  const einvoicing = (source.e_invoicing_address ?? "").replace(/\s+/g, "").toUpperCase();
  if (einvoicing !== "") keys.e_invoicing_address = einvoicing;
  const email = (source.email ?? "").trim().toLowerCase();
  if (email !== "") keys.email = email;
  const name = foldHeader(displayName(source));
  const zip = compact(source.billing_address?.zip_code ?? source.zip_code);
  if (name !== "" && zip !== "") keys.name_zip = `${name}|${zip}`;
  return keys;
}
