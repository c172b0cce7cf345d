import { describe, expect, it } from "vitest";
import { checkEinvoicingAddress, checkRecipientCode } from "../src/validate/einvoicing.js";

describe("checkEinvoicingAddress", () => {
  it.each([
    // siren
    ["732829320", "732829320"],
    [" 732 829 320 ", "732829320"],
    // siren_siret
    ["732829320_73282932000074", "732829320_73282932000074"],
    ["732 829 320_732 829 320 00074", "732829320_73282932000074"],
    ["123456782_12345678200010", "123456782_12345678200010"],
    // La Poste's SIRETs do not follow the Luhn rule; stdnum knows the exception.
    ["356000000_35600000049837", "356000000_35600000049837"],
    // siren_siret_routingCode
    ["732829320_73282932000074_00001", "732829320_73282932000074_00001"],
    ["732829320_73282932000074_SERVICEACHATS", "732829320_73282932000074_SERVICEACHATS"],
    ["732829320_73282932000074_" + "A".repeat(30), "732829320_73282932000074_" + "A".repeat(30)],
    // siren_suffix, letters' case kept
    ["732829320_00002", "732829320_00002"],
    ["732829320_Compta", "732829320_Compta"],
    ["732829320_" + "9".repeat(35), "732829320_" + "9".repeat(35)],
  ])("%j is %j", (raw, value) => {
    expect(checkEinvoicingAddress(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ["", "is not an e-invoicing address"],
    ["73282932", "is not an e-invoicing address"],
    ["7328293201", "is not an e-invoicing address"],
    ["FR732829320", "is not an e-invoicing address"],
    // The contract's own example fails the SIREN's check digit.
    ["987654321", "the check digit of the SIREN 987654321 does not match"],
    ["732829321_00002", "the check digit of the SIREN 732829321 does not match"],
    [
      "73282932000074",
      "is a SIRET, not an e-invoicing address: write it after its SIREN, like 732829320_73282932000074",
    ],
    ["732829320-73282932000074", "is not an e-invoicing address"],
    ["732829320_12345678200010", "the SIRET 12345678200010 does not begin with the SIREN 732829320"],
    ["732829320_73282932000075", "the check digit of the SIRET 73282932000075 does not match"],
    ["732829320_73282932000074_", "the routing code after the SIRET has 1 to 30 letters or digits"],
    [
      "732829320_73282932000074_" + "A".repeat(31),
      "the routing code after the SIRET has 1 to 30 letters or digits",
    ],
    [
      "732829320_73282932000074_SERVICE-ACHATS",
      "the routing code after the SIRET has 1 to 30 letters or digits",
    ],
    ["732829320_00002_00001", 'a routing code comes after a SIRET (14 digits), not after "00002"'],
    ["732829320_73282932000074_00001_X", "is not an e-invoicing address"],
    ["732829320_", "the suffix after the SIREN has 1 to 35 letters or digits"],
    ["732829320_" + "9".repeat(36), "the suffix after the SIREN has 1 to 35 letters or digits"],
    ["732829320_compta.fr", "the suffix after the SIREN has 1 to 35 letters or digits"],
  ])("%j is refused: %s", (raw, message) => {
    const result = checkEinvoicingAddress(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe("checkRecipientCode", () => {
  it.each([
    ["ABC1234", "ABC1234"],
    ["abc1234", "ABC1234"],
    [" ABC 1234 ", "ABC1234"],
    ["0000000", "0000000"],
    // Excel stores the PEC code, digits only, as the number 0.
    ["0", "0000000"],
    ["XXXXXXX", "XXXXXXX"],
    ["M5UXCR1", "M5UXCR1"],
    ["UFXXYZ", "UFXXYZ"],
    ["uf9z1k", "UF9Z1K"],
    ["999999", "999999"],
  ])("%j is %j", (raw, value) => {
    expect(checkRecipientCode(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ["", "is not an SDI recipient code"],
    ["ABC12", "is not an SDI recipient code"],
    ["ABC12345", "is not an SDI recipient code"],
    ["ABC-123", "is not an SDI recipient code"],
    ["00", "is not an SDI recipient code"],
    ["fatture@pec.example.it", "is a PEC address, not a recipient code"],
  ])("%j is refused: %s", (raw, message) => {
    const result = checkRecipientCode(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
