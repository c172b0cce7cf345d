import { describe, expect, it } from "vitest";
import { matchHeader } from "../src/map/header.js";
import { normalizeRow } from "../src/validate/normalize.js";

const { mapping } = matchHeader(["Raison sociale", "Téléphone", "Pays"]);
const run = (phone: string, country: string, orgCountry: string) =>
  normalizeRow(
    {
      file: "f.csv",
      recordNo: 1,
      line: 2,
      fields: { "Raison sociale": "ACME", Téléphone: phone, Pays: country },
      problems: [],
    },
    mapping,
    { orgCountry, currency: "EUR" },
  );

/** The phone sent ("+33 142685300", null for none) and the problems on the phone column, as "code: message". */
function outcome(phone: string, country: string, org: string) {
  const result = run(phone, country, org);
  expect(result.ok).toBe(true);
  const sent = result.ok ? result.payload.phone : undefined;
  return {
    sent: sent === undefined ? null : `${sent.country_code} ${sent.number}`,
    problems: result.problems.filter((p) => p.column === "Téléphone").map((p) => `${p.code}: ${p.message}`),
  };
}

describe("phone cells as people write them", () => {
  it.each([
    // Written internationally with 00, a bracketed trunk 0, or the country code in brackets.
    ["0033 1 42 68 53 00", "FR", "FR", "+33 142685300"],
    ["+33 (0)1 42 68 53 00", "FR", "FR", "+33 142685300"],
    ["+33 0 6 12 34 56 78", "", "FR", "+33 612345678"],
    ["(+33) 6 12 34 56 78", "FR", "FR", "+33 612345678"],
    ["(+33) 06 12 34 56 78", "FR", "FR", "+33 612345678"],
    ["00 39 02 7200 1234", "IT", "IT", "+39 0272001234"],
    // Italy keeps its 0: in brackets it is still part of the number, and without it there is no number.
    ["+39 (0)2 7200 1234", "IT", "FR", "+39 0272001234"],
    ["+39 2 7200 1234", "IT", "IT", null],
    ["+41 (0)44 668 18 00", "CH", "FR", "+41 446681800"],
    // The client's country first; a number written internationally has its own, even with another 00 prefix.
    ["+41 44 668 18 00", "France", "FR", "+41 446681800"],
    ["0041 44 668 18 00", "USA", "FR", "+41 446681800"],
    ["011 41 44 668 18 00", "USA", "FR", "+41 446681800"],
    ["(212) 555-0123", "USA", "FR", "+1 2125550123"],
    // Then the organization's: a French organization's way of writing a number, for a client abroad.
    ["06 12 34 56 78", "Belgique", "FR", "+33 612345678"],
    ["0470 12 34 56", "Belgique", "FR", "+32 470123456"],
    ["312 345 6789", "Deutschland", "IT", "+39 3123456789"],
    // Labels, separators, Excel's numbers.
    ["Tél. : 01 42 68 53 00", "FR", "FR", "+33 142685300"],
    ["tel:+33142685300", "FR", "FR", "+33 142685300"],
    ["Tel. 030 1234567", "DE", "DE", "+49 301234567"],
    ["Mob. 06 12 34 56 78", "FR", "FR", "+33 612345678"],
    ["cell. 06 12 34 56 78", "FR", "FR", "+33 612345678"],
    ["+33\u00a06\u00a012\u00a034\u00a056\u00a078", "FR", "FR", "+33 612345678"],
    ["+33\u20096\u200912\u200934\u200956\u200978", "FR", "FR", "+33 612345678"],
    ["+33\u202f6\u202f12\u202f34\u202f56\u202f78", "FR", "FR", "+33 612345678"],
    ["06.12.34.56.78", "FR", "FR", "+33 612345678"],
    ["06/12/34/56/78", "FR", "FR", "+33 612345678"],
    ["030/1234567", "DE", "DE", "+49 301234567"],
    ["030 / 123 456 7", "DE", "DE", "+49 301234567"],
    ["612345678", "FR", "FR", "+33 612345678"],
    ["33612345678", "FR", "FR", "+33 612345678"],
  ])("%j (client %j, org %s) → %s, nothing to say", (phone, country, org, expected) => {
    const { sent, problems } = outcome(phone, country, org);
    expect(sent).toBe(expected);
    expect(problems).toEqual(expected === null ? [expect.stringMatching(/^phone_invalid: /)] : []);
  });

  it.each([
    ["01 42 68 53 00 poste 123", "FR", "+33 142685300", "123"],
    ["01 42 68 53 00 (poste 123)", "FR", "+33 142685300", "123"],
    ["+41 44 668 18 00 ext. 12", "CH", "+41 446681800", "12"],
    ["0142685300 ext 12", "FR", "+33 142685300", "12"],
    ["0142685300x12", "FR", "+33 142685300", "12"],
    ["(212) 555-0123 x 12", "USA", "+1 2125550123", "12"],
    ["02 7200 1234 int. 4", "IT", "+39 0272001234", "4"],
    ["02 7200 1234 interno 4", "IT", "+39 0272001234", "4"],
    ["030 1234567 Durchwahl 12", "DE", "+49 301234567", "12"],
    ["030 1234567 Apparat 12", "DE", "+49 301234567", "12"],
    ["+34 912 345 678 extensión 12", "ES", "+34 912345678", "12"],
    ["+1 212 555 0123 #12", "USA", "+1 2125550123", "12"],
    ["0142685300;ext=12", "FR", "+33 142685300", "12"],
    ["01 42 68 53 00, ext. 12", "FR", "+33 142685300", "12"],
  ])(
    "%j (client %j) → %s without its extension %s, and a note saying so",
    (phone, country, expected, ext) => {
      const { sent, problems } = outcome(phone, country, "FR");
      expect(sent).toBe(expected);
      expect(problems).toEqual([
        `field_not_sent: the extension ${ext} is not sent, Qonto's phone has none: "${phone}" is sent as ${expected}`,
      ]);
    },
  );

  it.each([
    ["01 42 68 53 00 / 06 12 34 56 78", "+33 142685300", '"06 12 34 56 78" is not sent'],
    ["01 42 68 53 00 ; 06 12 34 56 78", "+33 142685300", '"06 12 34 56 78" is not sent'],
    ["01 42 68 53 00, 06 12 34 56 78", "+33 142685300", '"06 12 34 56 78" is not sent'],
    ["01 42 68 53 00 ou 06 12 34 56 78", "+33 142685300", '"06 12 34 56 78" is not sent'],
    ["01 42 68 53 00 - 06 12 34 56 78", "+33 142685300", '"06 12 34 56 78" is not sent'],
    // A line break in the cell reaches the importer as a space.
    ["01 42 68 53 00\n06 12 34 56 78", "+33 142685300", '"06 12 34 56 78" is not sent'],
    ["Tél. 01 42 68 53 00 / Mob. 06 12 34 56 78", "+33 142685300", '"Mob. 06 12 34 56 78" is not sent'],
    [
      "01 42 68 / 06 12 34 56 78",
      "+33 612345678",
      '"01 42 68" (not a valid phone number) is not sent, Qonto\'s client has one phone',
    ],
    [
      "01 42 68 53 00 / 06 12 34 56 78 / 07 12 34 56 78",
      "+33 142685300",
      '"06 12 34 56 78", "07 12 34 56 78" are not sent',
    ],
  ])("%j → %s, the rest noted", (phone, expected, note) => {
    const { sent, problems } = outcome(phone, "FR", "FR");
    expect(sent).toBe(expected);
    expect(problems).toEqual([expect.stringContaining(note)]);
    expect(problems[0]).toMatch(/^field_not_sent: /);
  });

  it("an extension and a second number are two notes", () => {
    const { sent, problems } = outcome("01 42 68 53 00 poste 12 / 06 12 34 56 78", "FR", "FR");
    expect(sent).toBe("+33 142685300");
    expect(problems).toEqual([
      expect.stringContaining("the extension 12 is not sent"),
      expect.stringContaining('"06 12 34 56 78" is not sent'),
    ]);
  });

  it.each(["N/A", "-", "non communiqué", "poste 12", "01 42 68", "01 42 68 ; 06 12", "+999 123 456 789"])(
    "%j is no phone: one phone_invalid warning quoting the cell, nothing sent",
    (phone) => {
      const { sent, problems } = outcome(phone, "FR", "FR");
      expect(sent).toBe(null);
      expect(problems).toEqual([`phone_invalid: "${phone}" is not a valid phone number; it is not sent`]);
    },
  );
});
