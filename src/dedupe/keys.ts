import { foldHeader } from "../map/aliases.js";

// What may make two records the same client, in the order the match is tried. Qonto has no uniqueness rule,
// so these keys are ours: the strongest identifiers first, the weakest (name with zip code) last. A shared key
// only proposes a match; `judge` (match.ts) decides it.
export const MATCH_KEYS = [
  "vat_number",
  "tax_identification_number",
  "e_invoicing_address",
  "email",
  "name_zip",
] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];

/** The fields keys and evidence are computed from: shared by a create payload and a client returned by Qonto. */
export interface KeySource {
  kind?: string | null;
  name?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  phone?: { country_code?: string | null; number?: string | null } | null;
  vat_number?: string | null;
  tax_identification_number?: string | null;
  e_invoicing_address?: string | null;
  billing_address?: { zip_code?: string | null; street_address?: string | null } | null;
  zip_code?: string | null;
  address?: string | null;
}

export type ClientKeys = Partial<Record<MatchKey, string>>;

export const compact = (value: string | null | undefined): string =>
  (value ?? "").replace(/[^0-9A-Za-z]/g, "").toUpperCase();

/** Display name as Qonto builds it: the company name, or first name + " " + last name for a person. */
export function displayName(source: KeySource): string {
  if (source.kind === "company" || (source.first_name == null && source.last_name == null))
    return (source.name ?? "").trim();
  return `${source.first_name ?? ""} ${source.last_name ?? ""}`.trim();
}

/** An individual or a freelancer; a client Qonto returns without a kind is a person when it has a person's names. */
export function isPerson(source: KeySource): boolean {
  if (source.kind === "company") return false;
  if (source.kind === "individual" || source.kind === "freelancer") return true;
  return source.first_name != null || source.last_name != null;
}

// Legal forms, as folded words: "ACME S.A.S." and "Acme SAS" and "ACME" are one company's name. Only at either
// end of the name, so a form inside a name ("Les Sa Voyages") stays.
const LEGAL_FORMS = new Set(
  [
    // FR
    "sa sas sasu sarl eurl sci snc scop scs sca selarl selas sel eirl ei scm gie sem earl gaec",
    // IT
    "srl srls spa sapa sas snc sc scarl scrl ss",
    // DE, AT, CH
    "gmbh ag kg ohg ug gbr ek ev kgaa mbh gmbh co kg",
    // ES
    "sl slu sa sll sc scp slne",
    // EN, NL, BE, LU
    "ltd limited llc llp lp plc inc incorporated corp corporation co company bv nv bvba sprl srl asbl sarl",
  ]
    .join(" ")
    .split(" "),
);

/**
 * A company name as a match key compares it: accents, case and punctuation ignored, the legal form at either end
 * left out ("SARL Dupont", "Dupont S.A.R.L." and "DUPONT" are one). A name that is only a legal form stays whole.
 */
export function companyNameKey(name: string): string {
  // Dots join the letters of a form ("S.A.R.L.", "S.p.A.", "e.K."); other punctuation separates words.
  const words = foldHeader(name.replace(/\.(?=\S)/g, "").replace(/\./g, " ")).split(" ");
  let start = 0;
  let end = words.length;
  while (end - start > 1 && LEGAL_FORMS.has(words[end - 1] ?? "")) end -= 1;
  while (end - start > 1 && LEGAL_FORMS.has(words[start] ?? "")) start += 1;
  return words.slice(start, end).join(" ");
}

/** The name a name-and-zip key compares: a company's without its legal form, a person's first and last names. */
export function nameKey(source: KeySource): string {
  const name = displayName(source);
  return isPerson(source) ? foldHeader(name) : companyNameKey(name);
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
  const name = nameKey(source);
  const zip = compact(source.billing_address?.zip_code ?? source.zip_code);
  if (name !== "" && zip !== "") keys.name_zip = `${name}|${zip}`;
  return keys;
}
