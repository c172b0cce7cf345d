import { describe, expect, it } from "vitest";
import { normalizeZip } from "../src/validate/zip.js";

describe("normalizeZip", () => {
  it.each([
    // Trimmed, spaces removed where they are not part of the code.
    ["75009", "FR", "75009"],
    [" 75009 ", "FR", "75009"],
    ["75 009", "FR", "75009"],
    ["75\u00a0009", "FR", "75009"],
    ["F-75009", "FR", "75009"],
    ["FR 75009", "FR", "75009"],
    ["98000", "MC", "98000"],
    ["MC 98000", "MC", "98000"],
    ["20121", "IT", "20121"],
    ["I-20121", "IT", "20121"],
    ["10115", "DE", "10115"],
    ["D-10115", "DE", "10115"],
    ["28013", "ES", "28013"],
    // Leading zeros Excel dropped, put back.
    ["1000", "FR", "01000"],
    ["6000", "FR", "06000"],
    ["118", "IT", "00118"],
    ["2012", "IT", "02012"],
    ["1067", "DE", "01067"],
    ["8001", "ES", "08001"],
    ["950", "PL", "00-950"],
    ["150", "NO", "0150"],
    ["2134", "US", "02134"],
    ["120", "VA", "00120"],
    // 4-digit codes.
    ["1000", "BE", "1000"],
    ["B-1000", "BE", "1000"],
    ["L-1234", "LU", "1234"],
    ["1010", "AT", "1010"],
    ["A-1010", "AT", "1010"],
    ["8001", "CH", "8001"],
    ["CH-8001", "CH", "8001"],
    // A space or a hyphen that is part of the code, written the way the country's post does.
    ["1012 AB", "NL", "1012 AB"],
    ["1012ab", "NL", "1012 AB"],
    ["1012  AB", "NL", "1012 AB"],
    ["1000-001", "PT", "1000-001"],
    ["1000001", "PT", "1000-001"],
    ["1000 001", "PT", "1000-001"],
    ["SW1A 1AA", "GB", "SW1A 1AA"],
    ["sw1a1aa", "GB", "SW1A 1AA"],
    ["M1 1AE", "GB", "M1 1AE"],
    ["EC1A1BB", "GB", "EC1A 1BB"],
    ["GY1 1AA", "GG", "GY1 1AA"],
    ["00950", "PL", "00-950"],
    ["00-950", "PL", "00-950"],
    ["11000", "CZ", "110 00"],
    ["010 01", "SK", "010 01"],
    ["11455", "SE", "114 55"],
    ["105 57", "GR", "105 57"],
    ["d02x285", "IE", "D02 X285"],
    ["VLT1117", "MT", "VLT 1117"],
    ["021341234", "US", "02134-1234"],
    // Elsewhere: kept as typed, spaces collapsed, upper-cased.
    ["K1A  0B1", "CA", "K1A 0B1"],
    ["100-0001", "JP", "100-0001"],
    ["12345", undefined, "12345"],
    ["", "FR", ""],
    ["   ", "IT", ""],
    // A country code in lower case.
    ["2012", "it", "02012"],
    // A value a loose rule does not recognize falls back to the generic rule.
    ["ABC", "PL", "ABC"],
  ])("%j in %s is %j", (raw, country, value) => {
    expect(normalizeZip(raw, country)).toEqual({ ok: true, value });
  });

  it.each([
    ["2", "IT", 'an Italian zip code has 5 digits, not "2"'],
    ["201211", "IT", 'an Italian zip code has 5 digits, not "201211"'],
    ["2O121", "IT", 'an Italian zip code has 5 digits, not "2O121"'],
    ["123", "FR", 'a French zip code has 5 digits (01000 to 98999), not "123"'],
    ["99000", "FR", 'a French zip code has 5 digits (01000 to 98999), not "99000"'],
    ["750090", "FR", 'a French zip code has 5 digits (01000 to 98999), not "750090"'],
    ["75009.0", "FR", 'a French zip code has 5 digits (01000 to 98999), not "75009.0"'],
    ["00123", "DE", 'a German zip code has 5 digits (01000 to 99999), not "00123"'],
    ["53000", "ES", 'a Spanish zip code has 5 digits (01000 to 52999), not "53000"'],
    ["06000", "MC", 'a Monaco zip code has 5 digits starting with 980, not "06000"'],
    // A 4-digit code never begins with 0 in these countries: a missing digit is a typo, not a dropped zero.
    ["123", "BE", 'a Belgian zip code has 4 digits (1000 to 9999), not "123"'],
    ["12345", "AT", 'an Austrian zip code has 4 digits (1000 to 9999), not "12345"'],
    ["800", "CH", 'a Swiss zip code has 4 digits (1000 to 9999), not "800"'],
    ["L-123", "LU", 'a Luxembourg zip code has 4 digits (1000 to 9999), not "L-123"'],
    ["1012", "NL", 'a Dutch zip code has 4 digits and 2 letters, like "1012 AB", not "1012"'],
    ["1012 SS", "NL", 'a Dutch zip code has 4 digits and 2 letters, like "1012 AB", not "1012 SS"'],
    ["1000", "PT", 'a Portuguese zip code has 4 digits, a hyphen and 3 digits, like "1000-001", not "1000"'],
    ["75009", "GB", 'a UK postcode looks like "SW1A 1AA", not "75009"'],
    ["SW1A", "GB", 'a UK postcode looks like "SW1A 1AA", not "SW1A"'],
    ["123456789012345678901", "CA", 'a zip code has at most 20 characters, not "123456789012345678901"'],
    [
      "12345678901234567890123",
      undefined,
      'a zip code has at most 20 characters, not "12345678901234567890123"',
    ],
    ["75009/A", undefined, 'a zip code has only letters, digits, spaces and hyphens, not "75009/A"'],
    ["CP 1234 #", "BR", 'a zip code has only letters, digits, spaces and hyphens, not "CP 1234 #"'],
  ])("%j in %s is refused", (raw, country, message) => {
    expect(normalizeZip(raw, country)).toEqual({ ok: false, message });
  });
});
