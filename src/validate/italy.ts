// The province codes the contract lists for billing_address.province_code (create-client.openapi.md).
export const ITALIAN_PROVINCES: ReadonlySet<string> = new Set(
  (
    "AG AL AN AO AP AQ AR AT AV BA BG BI BL BN BO BR BS BT BZ CA CB CE CH CL CN CO CR CS CT CZ EN FC FE FG FI FM FR " +
    "GE GO GR IM IS KR LC LE LI LO LT LU MB MC ME MI MN MO MS MT NA NO NU OR PA PC PD PE PG PI PN PO PR PT PU PV PZ " +
    "RA RC RE RG RI RM RN RO SA SI SO SP SR SS SU SV TA TE TN TO TP TR TS TV UD VA VB VC VE VI VR VT VV"
  ).split(" "),
);

/** The Italian name of each province in the contract's list, by code. */
export const ITALIAN_PROVINCE_NAMES: Readonly<Record<string, string>> = {
  AG: "Agrigento",
  AL: "Alessandria",
  AN: "Ancona",
  AO: "Aosta",
  AP: "Ascoli Piceno",
  AQ: "L'Aquila",
  AR: "Arezzo",
  AT: "Asti",
  AV: "Avellino",
  BA: "Bari",
  BG: "Bergamo",
  BI: "Biella",
  BL: "Belluno",
  BN: "Benevento",
  BO: "Bologna",
  BR: "Brindisi",
  BS: "Brescia",
  BT: "Barletta-Andria-Trani",
  BZ: "Bolzano",
  CA: "Cagliari",
  CB: "Campobasso",
  CE: "Caserta",
  CH: "Chieti",
  CL: "Caltanissetta",
  CN: "Cuneo",
  CO: "Como",
  CR: "Cremona",
  CS: "Cosenza",
  CT: "Catania",
  CZ: "Catanzaro",
  EN: "Enna",
  FC: "Forlì-Cesena",
  FE: "Ferrara",
  FG: "Foggia",
  FI: "Firenze",
  FM: "Fermo",
  FR: "Frosinone",
  GE: "Genova",
  GO: "Gorizia",
  GR: "Grosseto",
  IM: "Imperia",
  IS: "Isernia",
  KR: "Crotone",
  LC: "Lecco",
  LE: "Lecce",
  LI: "Livorno",
  LO: "Lodi",
  LT: "Latina",
  LU: "Lucca",
  MB: "Monza e Brianza",
  MC: "Macerata",
  ME: "Messina",
  MI: "Milano",
  MN: "Mantova",
  MO: "Modena",
  MS: "Massa-Carrara",
  MT: "Matera",
  NA: "Napoli",
  NO: "Novara",
  NU: "Nuoro",
  OR: "Oristano",
  PA: "Palermo",
  PC: "Piacenza",
  PD: "Padova",
  PE: "Pescara",
  PG: "Perugia",
  PI: "Pisa",
  PN: "Pordenone",
  PO: "Prato",
  PR: "Parma",
  PT: "Pistoia",
  PU: "Pesaro e Urbino",
  PV: "Pavia",
  PZ: "Potenza",
  RA: "Ravenna",
  RC: "Reggio Calabria",
  RE: "Reggio Emilia",
  RG: "Ragusa",
  RI: "Rieti",
  RM: "Roma",
  RN: "Rimini",
  RO: "Rovigo",
  SA: "Salerno",
  SI: "Siena",
  SO: "Sondrio",
  SP: "La Spezia",
  SR: "Siracusa",
  SS: "Sassari",
  SU: "Sud Sardegna",
  SV: "Savona",
  TA: "Taranto",
  TE: "Teramo",
  TN: "Trento",
  TO: "Torino",
  TP: "Trapani",
  TR: "Terni",
  TS: "Trieste",
  TV: "Treviso",
  UD: "Udine",
  VA: "Varese",
  VB: "Verbano-Cusio-Ossola",
  VC: "Vercelli",
  VE: "Venezia",
  VI: "Vicenza",
  VR: "Verona",
  VT: "Viterbo",
  VV: "Vibo Valentia",
};

// Other names people write for a province: official long forms, English and German names, co-capitals of
// multi-city provinces, and the Sardinian provinces abolished in 2016 (with their old codes), mapped to the
// province that took over their territory, since the contract only knows the current codes.
const VARIANTS: Readonly<Record<string, string>> = {
  Milan: "MI",
  Rome: "RM",
  Turin: "TO",
  Naples: "NA",
  Florence: "FI",
  Genoa: "GE",
  Venice: "VE",
  Padua: "PD",
  Mantua: "MN",
  Syracuse: "SR",
  Aquila: "AQ",
  Spezia: "SP",
  "Reggio nell'Emilia": "RE",
  "Reggio di Calabria": "RC",
  Bozen: "BZ",
  "Bolzano-Bozen": "BZ",
  "Alto Adige": "BZ",
  "South Tyrol": "BZ",
  Südtirol: "BZ",
  Trentino: "TN",
  "Valle d'Aosta": "AO",
  "Val d'Aosta": "AO",
  "Vallée d'Aoste": "AO",
  "Aosta Valley": "AO",
  Monza: "MB",
  "Monza e della Brianza": "MB",
  "Monza Brianza": "MB",
  Forlì: "FC",
  Cesena: "FC",
  Pesaro: "PU",
  Urbino: "PU",
  "Pesaro-Urbino": "PU",
  Barletta: "BT",
  Andria: "BT",
  Trani: "BT",
  Massa: "MS",
  Carrara: "MS",
  Verbania: "VB",
  "Sardegna del Sud": "SU",
  "South Sardinia": "SU",
  Carbonia: "SU",
  "Carbonia-Iglesias": "SU",
  CI: "SU",
  "Sulcis Iglesiente": "SU",
  "Medio Campidano": "SU",
  VS: "SU",
  Ogliastra: "NU",
  OG: "NU",
  "Olbia-Tempio": "SS",
  OT: "SS",
  "Gallura Nord-Est Sardegna": "SS",
};

// Words an administrative name starts with ("Provincia di Milano", "Città metropolitana di Roma Capitale"), in
// folded form. Tried one at a time, never stripped blindly: "provinciadell" + "aquila" must not lose its "a".
const PREFIXES = [
  "provinciaautonomadi",
  "provinciadi",
  "provinciadel",
  "provinciadella",
  "provinciadell",
  "cittametropolitanadi",
  "liberoconsorziocomunaledi",
];
// "Roma Capitale" is the city's official name.
const SUFFIXES = ["capitale"];

// Lower case, without accents, spaces or punctuation: "Reggio nell'Emilia" and "reggio nell’emilia" meet.
function fold(value: string): string {
  // Most values are plain ASCII: the Unicode decomposition, costly on a million rows, is only for the others.
  const ascii = /^[\x00-\x7f]*$/.test(value) ? value : value.normalize("NFD").replace(/\p{M}/gu, "");
  return ascii.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

function buildIndex(): Map<string, string> {
  // The name table and the contract's list must agree: a missing or stray code is a bug to catch at start-up.
  const codes = Object.keys(ITALIAN_PROVINCE_NAMES);
  const missing = [...ITALIAN_PROVINCES].filter((code) => !(code in ITALIAN_PROVINCE_NAMES));
  const stray = codes.filter((code) => !ITALIAN_PROVINCES.has(code));
  if (missing.length > 0 || stray.length > 0)
    throw new Error(
      `Italian province names out of step with the codes: ${[...missing, ...stray].join(", ")}`,
    );
  const index = new Map<string, string>();
  const add = (name: string, code: string) => {
    const key = fold(name);
    const previous = index.get(key);
    if (previous !== undefined && previous !== code)
      throw new Error(`"${name}" names both ${previous} and ${code}`);
    if (!ITALIAN_PROVINCES.has(code)) throw new Error(`"${name}" points to an unknown province ${code}`);
    index.set(key, code);
  };
  for (const [code, name] of Object.entries(ITALIAN_PROVINCE_NAMES)) add(name, code);
  for (const [name, code] of Object.entries(VARIANTS)) add(name, code);
  return index;
}

const INDEX = buildIndex();

function lookUp(key: string): string | undefined {
  // A bare code ("mi", "M.I.") is the commonest case; a current code is in INDEX through ITALIAN_PROVINCES.
  if (key.length === 2) {
    const code = key.toUpperCase();
    return ITALIAN_PROVINCES.has(code) ? code : INDEX.get(key);
  }
  const direct = INDEX.get(key);
  if (direct !== undefined) return direct;
  for (const prefix of PREFIXES) {
    if (!key.startsWith(prefix)) continue;
    const found = lookUp(key.slice(prefix.length));
    if (found !== undefined) return found;
  }
  for (const suffix of SUFFIXES) {
    if (key.endsWith(suffix) && key.length > suffix.length) {
      const found = INDEX.get(key.slice(0, -suffix.length));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * The contract's two-letter code for an Italian province, from a code in any case (" mi ") or a province name in
 * Italian, English or a common variant ("Milano", "Milan", "Reggio nell'Emilia", "Provincia di Monza e della
 * Brianza"), case-, accent-, space- and punctuation-insensitive. "Milano (MI)" gives MI; a name and a code that
 * disagree ("Roma (MI)") give undefined. Undefined for anything else, including an ambiguous "Reggio".
 */
export function normalizeProvince(value: string): string | undefined {
  const trimmed = value.trim();
  // "Milano (MI)", a form Italian address books use: the code decides, unless the name says otherwise.
  const withCode = /^(.*?)\s*\(([^()]*)\)$/.exec(trimmed);
  if (withCode !== null) {
    const code = lookUp(fold(withCode[2] ?? ""));
    const nameKey = fold(withCode[1] ?? "");
    const named = nameKey === "" ? undefined : lookUp(nameKey);
    if (code === undefined) return named;
    return named === undefined || named === code ? code : undefined;
  }
  const key = fold(trimmed);
  return key === "" ? undefined : lookUp(key);
}
