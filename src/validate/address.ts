import { problem, type Problem } from "../problems.js";
import { normalizeProvince } from "./italy.js";
import type { ClientAddress, ClientCreatePayload } from "./schema.js";
import { normalizeZip } from "./zip.js";

// A client's address from its cells (zip code, Italian province, country), and what it lacks for Qonto to invoice
// the client.

export interface AddressCells {
  street: string;
  zip: string;
  city: string;
  province: string;
  country: string | undefined;
}

export function normalizeAddress(
  cells: AddressCells,
  columns: { street?: string; zip?: string; city?: string; province?: string },
  problems: Problem[],
): ClientAddress | undefined {
  let zip = "";
  if (cells.zip !== "") {
    const check = normalizeZip(cells.zip, cells.country);
    if (check.ok) zip = check.value;
    else problems.push(problem("zip_invalid", check.message, columns.zip));
  }

  let province: string | undefined;
  if (cells.province !== "") {
    if (cells.country === "IT") {
      // Codes in any case and the provinces' names ("Milano", "Reggio Emilia") are accepted.
      province = normalizeProvince(cells.province);
      if (province === undefined)
        problems.push(
          problem(
            "province_invalid",
            `"${cells.province}" is not an Italian province or province code`,
            columns.province,
          ),
        );
    } else
      // Qonto's province field is for Italian addresses: its values are the contract's Italian province codes.
      problems.push(
        problem(
          "province_not_sent",
          `"${cells.province}" is not sent: Qonto takes a province only for Italian addresses`,
          columns.province,
        ),
      );
  }

  const address: ClientAddress = {};
  if (cells.street !== "") address.street_address = cells.street;
  if (cells.city !== "") address.city = cells.city;
  if (zip !== "") address.zip_code = zip;
  if (province !== undefined && province !== "") address.province_code = province;
  if (cells.country !== undefined) address.country_code = cells.country;
  return Object.keys(address).length === 0 ? undefined : address;
}

/**
 * What the contract says a client needs before it can be invoiced, beyond currency and locale (always set here):
 * a billing address with street, city, zip code and country, and for an Italian organization a province.
 */
export function invoiceGaps(payload: ClientCreatePayload, orgCountry: string): string[] {
  const address = payload.billing_address ?? {};
  const gaps: string[] = [];
  if (address.street_address === undefined) gaps.push("street");
  if (address.city === undefined) gaps.push("city");
  if (address.zip_code === undefined) gaps.push("zip code");
  if (address.country_code === undefined) gaps.push("country");
  if (orgCountry === "IT" && address.country_code === "IT" && address.province_code === undefined)
    gaps.push("province");
  return gaps;
}
