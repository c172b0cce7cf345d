import { describe, expect, it } from "vitest";
import { ITALIAN_PROVINCE_NAMES, ITALIAN_PROVINCES, normalizeProvince } from "../src/validate/italy.js";

describe("normalizeProvince", () => {
  it.each([
    // Codes, in any case and with stray spaces or dots.
    ["MI", "MI"],
    ["mi", "MI"],
    [" MI ", "MI"],
    ["Rm", "RM"],
    ["M.I.", "MI"],
    ["(TO)", "TO"],
    // Official names, case-, accent- and punctuation-insensitive.
    ["Milano", "MI"],
    ["MILANO", "MI"],
    ["Agrigento", "AG"],
    ["Vibo Valentia", "VV"],
    ["vibo-valentia", "VV"],
    ["Forlì-Cesena", "FC"],
    ["Forli Cesena", "FC"],
    ["FORLI'-CESENA", "FC"],
    ["Barletta-Andria-Trani", "BT"],
    ["Barletta Andria Trani", "BT"],
    ["Massa-Carrara", "MS"],
    ["Verbano-Cusio-Ossola", "VB"],
    ["Sud Sardegna", "SU"],
    ["La Spezia", "SP"],
    ["L'Aquila", "AQ"],
    ["L’Aquila", "AQ"],
    ["laquila", "AQ"],
    ["Ascoli Piceno", "AP"],
    ["Crotone", "KR"],
    // Variants: English and German names, long forms, co-capitals.
    ["Milan", "MI"],
    ["Roma", "RM"],
    ["Rome", "RM"],
    ["Reggio Emilia", "RE"],
    ["Reggio nell'Emilia", "RE"],
    ["Reggio Calabria", "RC"],
    ["Reggio di Calabria", "RC"],
    ["Torino", "TO"],
    ["Turin", "TO"],
    ["Napoli", "NA"],
    ["Naples", "NA"],
    ["Firenze", "FI"],
    ["Florence", "FI"],
    ["Genova", "GE"],
    ["Genoa", "GE"],
    ["Venezia", "VE"],
    ["Venice", "VE"],
    ["Padova", "PD"],
    ["Padua", "PD"],
    ["Bolzano", "BZ"],
    ["Bozen", "BZ"],
    ["Alto Adige", "BZ"],
    ["South Tyrol", "BZ"],
    ["Südtirol", "BZ"],
    ["Aosta", "AO"],
    ["Valle d'Aosta", "AO"],
    ["Vallée d'Aoste", "AO"],
    ["VALLEE D AOSTE", "AO"],
    ["Monza e Brianza", "MB"],
    ["Monza", "MB"],
    ["Monza e della Brianza", "MB"],
    ["Pesaro e Urbino", "PU"],
    ["Pesaro", "PU"],
    ["Pesaro-Urbino", "PU"],
    ["Mantua", "MN"],
    // Abolished Sardinian provinces, by name and by their old code.
    ["Carbonia-Iglesias", "SU"],
    ["Medio Campidano", "SU"],
    ["Ogliastra", "NU"],
    ["Olbia-Tempio", "SS"],
    ["CI", "SU"],
    ["og", "NU"],
    // Administrative long forms.
    ["Provincia di Milano", "MI"],
    ["Provincia della Spezia", "SP"],
    ["Provincia dell'Aquila", "AQ"],
    ["Provincia autonoma di Trento", "TN"],
    ["Città metropolitana di Roma Capitale", "RM"],
    ["Libero consorzio comunale di Agrigento", "AG"],
    // "Name (CODE)", as Italian address books write it.
    ["Milano (MI)", "MI"],
    ["Sesto San Giovanni (MI)", "MI"],
    ["Bolzano (Bozen)", "BZ"],
  ])("%j is %s", (value, code) => {
    expect(normalizeProvince(value)).toBe(code);
  });

  it.each([
    ["XX"],
    ["xx"],
    ["Paris"],
    [""],
    ["   "],
    ["Italia"],
    ["Lombardia"],
    // Ambiguous between Reggio Emilia and Reggio Calabria.
    ["Reggio"],
    // A region that holds two provinces.
    ["Trentino-Alto Adige"],
    ["M"],
    ["MIL"],
    ["Milanoo"],
    // A name and a code that disagree.
    ["Roma (MI)"],
    ["12"],
  ])("%j is unknown", (value) => {
    expect(normalizeProvince(value)).toBeUndefined();
  });

  it("has a name for each of the contract's 107 codes, and the name gives the code back", () => {
    expect(ITALIAN_PROVINCES.size).toBe(107);
    expect(Object.keys(ITALIAN_PROVINCE_NAMES).sort()).toEqual([...ITALIAN_PROVINCES].sort());
    for (const [code, name] of Object.entries(ITALIAN_PROVINCE_NAMES)) {
      expect(normalizeProvince(name)).toBe(code);
      expect(normalizeProvince(name.toUpperCase())).toBe(code);
      expect(normalizeProvince(code.toLowerCase())).toBe(code);
    }
  });
});
