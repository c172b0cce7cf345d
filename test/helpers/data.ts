// Generators of realistic identifiers with valid check digits, so later check-digit validation keeps them valid.

/** A 9-digit SIREN passing the Luhn check, derived from n. */
export function siren(n: number): string {
  const base = String(100_000_00 + (n % 899_999_99)).padStart(8, "0");
  for (let last = 0; last < 10; last++) {
    const s = base + String(last);
    let sum = 0;
    [...s].reverse().forEach((ch, i) => {
      let d = Number(ch);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    });
    if (sum % 10 === 0) return s;
  }
  throw new Error("unreachable");
}

/** French VAT number for a SIREN: FR + key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
export function frVat(sirenValue: string): string {
  const key = (12 + 3 * (Number(sirenValue) % 97)) % 97;
  return `FR${String(key).padStart(2, "0")}${sirenValue}`;
}

/** Writes rows as a semicolon CSV with a header. */
export function toCsv(header: string[], rows: string[][]): string {
  const esc = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...rows].map((r) => r.map(esc).join(";")).join("\n") + "\n";
}

/** The columns of a French invoices export, one line per invoice line. */
export const FR_INVOICE_HEADER = [
  "N° facture",
  "Nom client",
  "Date facture",
  "Date échéance",
  "Désignation",
  "Quantité",
  "Prix unitaire HT",
  "Taux TVA",
];
