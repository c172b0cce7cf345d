import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import stdnumPackage from "stdnum";
import { z } from "zod";

// The peer of the whole pipeline (issue 21): what a competent engineer would write in an afternoon instead, on the
// bench's file. One thread: csv-parse, stdnum's check digits, libphonenumber-js (max metadata, as we use), a zod
// schema of the payload, a Map for duplicates, one results CSV. No positions, no plan, no other report file, no
// address or name rules: it is the floor a full pipeline is compared with, not a second importer.

const { stdnum } = stdnumPackage;
type Check = { validate(value: string): { isValid: boolean } };
// stdnum names each country's VAT validator in its own language; the bench file has French and Italian ones.
const VAT_NAMES: Record<string, string> = {
  FR: "tva",
  IT: "iva",
  DE: "vat",
  ES: "nif",
  BE: "vat",
  NL: "btw",
};
const vatOf = (country: string): Check | undefined =>
  (stdnum as Record<string, Record<string, Check | undefined> | undefined>)[country]?.[
    VAT_NAMES[country] ?? "vat"
  ];

const COUNTRIES: Record<string, CountryCode> = { France: "FR", Italia: "IT" };

const Payload = z.object({
  kind: z.enum(["company", "individual"]),
  name: z.string().min(1).max(250).optional(),
  first_name: z.string().min(1).max(60).optional(),
  last_name: z.string().min(1).max(60).optional(),
  email: z.email().optional(),
  phone: z.string().optional(),
  vat_number: z.string().optional(),
  billing_address: z.object({
    street_address: z.string().max(250),
    zip_code: z.string().max(20),
    city: z.string().max(100),
    country_code: z.string().length(2),
  }),
});

/** Reads `file` (the bench's generated CSV), writes `out`, returns the rows read. */
export async function peer(file: string, out: string): Promise<number> {
  const seen = new Map<string, number>();
  const output = stringify({ header: true, columns: ["record", "outcome", "reason"] });
  const sink = createWriteStream(out);
  output.pipe(sink);
  let record = 0;
  const parser = createReadStream(file).pipe(parse({ bom: true, delimiter: ";", columns: true }));
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    record += 1;
    const country = COUNTRIES[row["Pays"] ?? ""] ?? "FR";
    const company = (row["Raison sociale"] ?? "") !== "";
    const reasons: string[] = [];
    const vat = (row["N° TVA"] ?? "").replace(/\s/g, "");
    if (vat !== "" && !(vatOf(vat.slice(0, 2).toUpperCase())?.validate(vat).isValid ?? false))
      reasons.push("vat");
    let phone: string | undefined;
    if ((row["Téléphone"] ?? "") !== "") {
      const parsed = parsePhoneNumberFromString(row["Téléphone"] ?? "", country);
      if (parsed?.isValid()) phone = parsed.number;
      else reasons.push("phone");
    }
    const payload = Payload.safeParse({
      kind: company ? "company" : "individual",
      ...(company ? { name: row["Raison sociale"] } : { first_name: row["Prénom"], last_name: row["Nom"] }),
      ...(row["Email"] ? { email: row["Email"] } : {}),
      ...(phone === undefined ? {} : { phone }),
      ...(vat === "" ? {} : { vat_number: vat }),
      billing_address: {
        street_address: row["Adresse"] ?? "",
        zip_code: row["Code postal"] ?? "",
        city: row["Ville"] ?? "",
        country_code: country,
      },
    });
    if (!payload.success) reasons.push(...payload.error.issues.map((i) => i.path.join(".")));
    const key = vat || (row["Email"] ?? "").toLowerCase();
    const first = seen.get(key);
    let outcome = "would_create";
    if (reasons.length > 0) outcome = "invalid";
    else if (first !== undefined) outcome = "duplicate_in_file";
    else seen.set(key, record);
    if (!output.write([record, outcome, reasons.join(" ")])) await once(output, "drain");
  }
  output.end();
  await once(sink, "close");
  return record;
}
