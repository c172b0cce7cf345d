import { stdnumValidator } from "./identifiers.js";

// The SIREN's and SIRET's check digits come from stdnum, like the tax identifiers' (identifiers.ts): SIRET has
// an exception for La Poste that a plain Luhn check would get wrong.
const SIREN = stdnumValidator("FR", "siren");
const SIRET = stdnumValidator("FR", "siret");

export type EinvoicingCheck = { ok: true; value: string } | { ok: false; message: string };

// The lengths the French e-invoicing directory (Annuaire) allows after the SIREN; letters and digits only, since
// "_" separates the parts.
const ROUTING_CODE = /^[A-Za-z0-9]{1,30}$/;
const SUFFIX = /^[A-Za-z0-9]{1,35}$/;

const FORMATS =
  "SIREN, SIREN_SIRET, SIREN_SIRET_routing code or SIREN_suffix, like 123456782 or 123456782_12345678200010";

/**
 * A French e-invoicing address in one of the contract's formats, spaces removed: `siren` (9 digits),
 * `siren_siret` (the SIRET, 14 digits, begins with the SIREN), `siren_siret_routingCode` (routing code: 1 to 30
 * letters or digits) or `siren_suffix` (1 to 35 letters or digits; 14 digits are read as a SIRET). The SIREN and
 * the SIRET must pass their check digits. The letters' case is kept: the directory, not us, says whether it
 * matters. Whether the address exists in the directory only Qonto can tell.
 */
export function checkEinvoicingAddress(raw: string): EinvoicingCheck {
  const value = raw.replace(/\s+/g, "");
  const shown = raw.trim();
  if (/^\d{14}$/.test(value))
    return {
      ok: false,
      message: `"${shown}" is a SIRET, not an e-invoicing address: write it after its SIREN, like ${value.slice(0, 9)}_${value}`,
    };
  const [siren = "", second, routing, ...rest] = value.split("_");
  if (!/^\d{9}$/.test(siren) || rest.length > 0)
    return { ok: false, message: `"${shown}" is not an e-invoicing address: expected ${FORMATS}` };
  if (!SIREN.validate(siren).isValid)
    return {
      ok: false,
      message: `"${shown}": the check digit of the SIREN ${siren} does not match (a typo in the number?)`,
    };
  if (second === undefined) return { ok: true, value };

  // Fourteen digits after the SIREN are a SIRET, even without a routing code: a suffix that looks exactly like a
  // SIRET would be ambiguous in the directory too.
  if (/^\d{14}$/.test(second)) {
    if (!second.startsWith(siren))
      return { ok: false, message: `"${shown}": the SIRET ${second} does not begin with the SIREN ${siren}` };
    if (!SIRET.validate(second).isValid)
      return {
        ok: false,
        message: `"${shown}": the check digit of the SIRET ${second} does not match (a typo in the number?)`,
      };
    if (routing === undefined || ROUTING_CODE.test(routing)) return { ok: true, value };
    return {
      ok: false,
      message: `"${shown}": the routing code after the SIRET has 1 to 30 letters or digits, not "${routing}"`,
    };
  }
  if (routing !== undefined)
    return {
      ok: false,
      message: `"${shown}": a routing code comes after a SIRET (14 digits), not after "${second}"`,
    };
  if (SUFFIX.test(second)) return { ok: true, value };
  return {
    ok: false,
    message: `"${shown}": the suffix after the SIREN has 1 to 35 letters or digits, not "${second}"`,
  };
}

/**
 * An Italian SDI recipient code (codice destinatario), spaces removed and upper-cased: 7 letters or digits for a
 * company or a professional ("0000000" when the invoices go to a PEC address, "XXXXXXX" for a foreign client), 6
 * for a public administration office (codice univoco ufficio). A lone "0" is read as "0000000": the code is
 * digits only, so Excel stores it as the number 0.
 */
export function checkRecipientCode(raw: string): EinvoicingCheck {
  const value = raw.replace(/\s+/g, "").toUpperCase();
  const shown = raw.trim();
  if (value === "0") return { ok: true, value: "0000000" };
  if (/^[A-Z0-9]{6,7}$/.test(value)) return { ok: true, value };
  if (value.includes("@"))
    return {
      ok: false,
      message: `"${shown}" is a PEC address, not a recipient code: a client who receives by PEC has the code 0000000`,
    };
  return {
    ok: false,
    message: `"${shown}" is not an SDI recipient code: 7 letters or digits for a company (0000000 when it receives by PEC), 6 for a public administration`,
  };
}
