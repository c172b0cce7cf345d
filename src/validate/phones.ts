// Reading a phone cell into Qonto's phone object ({country_code: "+33", number: "612345678"}).

import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

export interface Phone {
  country_code: string;
  number: string;
}

export type PhoneReading = { ok: true; phone: Phone } | { ok: false; message: string };

/** The phone of a cell, read with the client's country (or, without one, the organization's) as default region. */
export function readPhone(cell: string, clientCountry: string | undefined, orgCountry: string): PhoneReading {
  const parsed = parsePhoneNumberFromString(cell, (clientCountry ?? orgCountry) as CountryCode);
  if (parsed?.isValid())
    return {
      ok: true,
      phone: { country_code: `+${parsed.countryCallingCode}`, number: parsed.nationalNumber },
    };
  return { ok: false, message: `"${cell}" is not a valid phone number; it is not sent` };
}
