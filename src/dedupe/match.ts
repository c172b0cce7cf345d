/**
 * The one definition of "these two records are the same client", used for in-file duplicates, for matching rows
 * against the clients in Qonto (listed or looked up), for `apply`'s re-check and for the look-up after a lost
 * create. A shared key (keys.ts) proposes a match; `judge` decides it from what else both records say.
 */
import { foldHeader } from "../map/aliases.js";
import { hashA } from "./hash.js";
import {
  clientKeys,
  compact,
  isPerson,
  MATCH_KEYS,
  type ClientKeys,
  type KeySource,
  type MatchKey,
} from "./keys.js";

/**
 * What a record says beyond its name, each value as a 32-bit fingerprint (0: the record has none), so that a
 * million rows' evidence fits in typed arrays. Two different values sharing a fingerprint is a chance of 1 in 4
 * billion per comparison, and comparisons are made only between records that already share a key.
 */
export interface Evidence {
  person: boolean;
  vat: number;
  tin: number;
  /** The SIREN a French tax id (SIREN or SIRET) starts with: a SIRET and its company's SIREN agree. */
  siren: number;
  einvoicing: number;
  email: number;
  phone: number;
  street: number;
}

export const EVIDENCE_FIELDS = ["vat", "tin", "siren", "einvoicing", "email", "phone", "street"] as const;

const fingerprint = (value: string | undefined): number =>
  value === undefined || value === "" ? 0 : hashA(value) || 1;

// Common street-type abbreviations, as folded words: "113 all. des Pins" and "113 allée des Pins" are one address.
const STREET_WORDS: Record<string, string> = {
  av: "avenue",
  ave: "avenue",
  bd: "boulevard",
  bld: "boulevard",
  blvd: "boulevard",
  boul: "boulevard",
  r: "rue",
  all: "allee",
  ch: "chemin",
  chem: "chemin",
  pl: "place",
  imp: "impasse",
  rte: "route",
  fbg: "faubourg",
  sq: "square",
  qu: "quai",
  crs: "cours",
  pza: "piazza",
  p: "piazza",
  c: "calle",
  cl: "calle",
  avda: "avenida",
  str: "strasse",
  rd: "road",
  ln: "lane",
  dr: "drive",
};

/** A street address as two records are compared by it: accents, case, punctuation and abbreviations ignored. */
export function streetKey(street: string | null | undefined): string {
  return foldHeader(street ?? "")
    .split(" ")
    .map((w) => STREET_WORDS[w] ?? w.replace(/str$/, "strasse"))
    .join(" ")
    .trim();
}

export function evidenceOf(source: KeySource, keys: ClientKeys = clientKeys(source)): Evidence {
  const tin = keys.tax_identification_number;
  const phone = source.phone?.number
    ? compact(`${source.phone.country_code ?? ""}${source.phone.number}`)
    : "";
  return {
    person: isPerson(source),
    vat: fingerprint(keys.vat_number),
    tin: fingerprint(tin),
    siren: tin !== undefined && /^\d{9}(\d{5})?$/.test(tin) ? fingerprint(tin.slice(0, 9)) : 0,
    einvoicing: fingerprint(keys.e_invoicing_address),
    email: fingerprint(keys.email),
    phone: fingerprint(phone),
    street: fingerprint(streetKey(source.billing_address?.street_address ?? source.address)),
  };
}

export type Verdict = { same: true } | { same: false; why: string };

/** Both have a value and the values differ. */
const differ = (a: number, b: number): boolean => a !== 0 && b !== 0 && a !== b;
const agree = (a: number, b: number): boolean => a !== 0 && a === b;

// A SIRET and its company's SIREN agree; two SIRETs of one company are two establishments, and differ.
function tinsDiffer(a: Evidence, b: Evidence): boolean {
  if (!differ(a.tin, b.tin)) return false;
  const oneIsSiren = a.tin === a.siren || b.tin === b.siren;
  return !(oneIsSiren && agree(a.siren, b.siren));
}

/**
 * Whether two records that share the key `by` are one client.
 * - Legal identifiers (VAT number, tax id, e-invoicing address) that both records have and that differ make two
 *   clients, whatever else they share: one e-mail for an accountant's several companies, one VAT number for a
 *   company's two establishments (two SIRETs or e-invoicing addresses).
 * - Two different e-mails make two clients, unless a legal identifier matched: a company's contact address
 *   changes, its VAT number does not.
 * - Name and zip code alone: two companies are one when nothing above differs; two people (individuals,
 *   freelancers) only when something else agrees too (street, phone, e-mail, an identifier), or when neither has
 *   anything else to compare: namesakes in one zip code are common.
 */
export function judge(by: MatchKey, a: Evidence, b: Evidence): Verdict {
  const conflicts: string[] = [];
  if (differ(a.vat, b.vat)) conflicts.push("VAT numbers");
  if (tinsDiffer(a, b)) conflicts.push("tax ids");
  if (differ(a.einvoicing, b.einvoicing)) conflicts.push("e-invoicing addresses");
  const identifierAgrees = agree(a.vat, b.vat) || agree(a.tin, b.tin) || agree(a.einvoicing, b.einvoicing);
  if (!identifierAgrees && differ(a.email, b.email)) conflicts.push("e-mails");
  if (conflicts.length > 0) return { same: false, why: `their ${conflicts.join(" and ")} differ` };
  if (by !== "name_zip" || (!a.person && !b.person)) return { same: true };
  const corroborated =
    agree(a.street, b.street) || agree(a.phone, b.phone) || agree(a.email, b.email) || identifierAgrees;
  if (corroborated || (!hasMore(a) && !hasMore(b))) return { same: true };
  return { same: false, why: "nothing else in common (a person's namesake)" };
}

/** A record that says more than a name and a zip code. */
function hasMore(e: Evidence): boolean {
  return (e.vat | e.tin | e.einvoicing | e.email | e.phone | e.street) !== 0;
}

/** --match-on: the keys that may propose a match. Judging always uses everything both records say. */
export const MATCH_ON_NAMES: Record<string, MatchKey> = {
  vat: "vat_number",
  tin: "tax_identification_number",
  einvoicing: "e_invoicing_address",
  email: "email",
  name: "name_zip",
};

export type MatchOn = ReadonlySet<MatchKey>;
export const ALL_KEYS: MatchOn = new Set(MATCH_KEYS);

/** "vat,tin,email" → the keys; an unknown word is an error naming the words allowed. */
export function parseMatchOn(text: string): { ok: true; keys: MatchOn } | { ok: false; error: string } {
  const words = text
    .split(",")
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w !== "");
  const unknown = words.filter((w) => MATCH_ON_NAMES[w] === undefined);
  const allowed = Object.keys(MATCH_ON_NAMES).join(", ");
  if (unknown.length > 0)
    return { ok: false, error: `unknown key ${unknown.map((w) => `"${w}"`).join(", ")}; use ${allowed}` };
  if (words.length === 0) return { ok: false, error: `name at least one key: ${allowed}` };
  return { ok: true, keys: new Set(words.map((w) => MATCH_ON_NAMES[w] as MatchKey)) };
}

/** The keys as --match-on writes them, in match order ("vat,tin,einvoicing,email,name" for all). */
export function formatMatchOn(keys: MatchOn): string {
  return Object.entries(MATCH_ON_NAMES)
    .filter(([, key]) => keys.has(key))
    .map(([word]) => word)
    .join(",");
}
