import { parseReport } from "./helpers/report-csv.js";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator } from "../src/emulator/index.js";
import { runCli } from "./helpers/cli.js";
import { frVat, siren, toCsv } from "./helpers/data.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };
const HEADER = [
  "Type",
  "Raison sociale",
  "Prénom",
  "Nom",
  "Email",
  "Téléphone",
  "N° TVA",
  "Adresse",
  "Code postal",
  "Ville",
];

// A small pool of common French names over three zip codes: in 600 people, namesakes in one zip code are many.
const FIRST = [
  "Céline",
  "Marie",
  "Nathalie",
  "Isabelle",
  "Sophie",
  "Jean",
  "Pierre",
  "Michel",
  "Philippe",
  "Nicolas",
];
const LAST = [
  "Benoît",
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
  "Leroy",
];
const ZIPS: [string, string][] = [
  ["13001", "Marseille"],
  ["75011", "Paris"],
  ["69001", "Lyon"],
];
const STREETS = [
  "allée des Pins",
  "chemin du Roy",
  "rue de la République",
  "avenue Foch",
  "boulevard Voltaire",
];

interface Person {
  first: string;
  last: string;
  email: string;
  phone: string;
  street: string;
  zip: string;
  city: string;
}

function people(n: number): Person[] {
  return Array.from({ length: n }, (_, i) => {
    const first = FIRST[(i * 7) % FIRST.length]!;
    const last = LAST[(i * 3 + Math.floor(i / 10)) % LAST.length]!;
    const [zip, city] = ZIPS[i % ZIPS.length]!;
    return {
      first,
      last,
      email: `${first}.${last}${i}@example.org`.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(),
      phone: `06 ${String(10 + (i % 89)).padStart(2, "0")} ${String(i)
        .padStart(6, "0")
        .replace(/(\d\d)(\d\d)(\d\d)/, "$1 $2 $3")}`,
      street: `${(i % 150) + 1} ${STREETS[i % STREETS.length]!}`,
      zip,
      city,
    };
  });
}

const personRow = (p: Person): string[] => [
  "Particulier",
  "",
  p.first,
  p.last,
  p.email,
  p.phone,
  "",
  p.street,
  p.zip,
  p.city,
];

async function importFile(url: string, csv: string, extra: string[] = []) {
  const dir = await mkdtemp(join(tmpdir(), "qonto-match-"));
  await writeFile(join(dir, "clients.csv"), csv);
  const reports = join(dir, "reports");
  const result = await runCli(
    ["clients", join(dir, "clients.csv"), "--base-url", url, "--report-dir", reports, ...extra],
    ENV,
  );
  const [run] = await readdir(reports);
  const rows = parseReport(await readFile(join(reports, run!, "results.csv")), {
    bom: true,
    columns: true,
  }) as Record<string, string>[];
  return { result, rows };
}

describe("namesakes and one client written three ways, through the real CLI into the emulator", () => {
  it("creates every distinct person once, namesakes included, and matches repeats and Qonto's client by their keys", async () => {
    const persons = people(600);
    const namesakes = new Map<string, number>();
    for (const p of persons)
      namesakes.set(
        `${p.first} ${p.last} ${p.zip}`,
        (namesakes.get(`${p.first} ${p.last} ${p.zip}`) ?? 0) + 1,
      );
    // The file is meant to hold many namesakes, or it proves nothing.
    expect([...namesakes.values()].filter((n) => n > 1).length).toBeGreaterThan(50);

    // 60 repeats written otherwise: the e-mail in capitals, the name in capitals, the phone in international form.
    const repeats = persons.slice(0, 60).map((p) => ({
      ...p,
      first: p.first.toUpperCase(),
      last: p.last.toUpperCase(),
      email: p.email.toUpperCase(),
    }));
    // One client written three ways: its VAT number with spaces, its name with another legal form, its e-mail in
    // another case; the second and third rows share the first's VAT number or e-mail, nothing differs.
    const vat = frVat(siren(4242));
    const acme: string[][] = [
      [
        "Société",
        "ACME SAS",
        "",
        "",
        "Contact@Acme.fr",
        "",
        vat.replace(/(..)(..)(...)(...)(...)/, "$1 $2 $3 $4 $5"),
        "1 rue de la Paix",
        "75002",
        "Paris",
      ],
      ["Société", "Acme S.A.S.", "", "", "contact@acme.fr", "", "", "1 rue de la Paix", "75002", "Paris"],
      ["Société", "ACME", "", "", "", "", vat, "", "75002", "Paris"],
    ];
    // Qonto already has a namesake of person 5 (same name and zip code, another e-mail and street), and person 7.
    const p5 = persons[5]!;
    const p7 = persons[7]!;
    const seed = [
      {
        kind: "individual",
        first_name: p5.first,
        last_name: p5.last,
        email: "homonyme@example.net",
        billing_address: {
          street_address: "9 impasse Verte",
          zip_code: p5.zip,
          city: p5.city,
          country_code: "FR",
        },
      },
      {
        kind: "individual",
        first_name: p7.first,
        last_name: p7.last,
        email: p7.email,
        billing_address: { zip_code: p7.zip, city: p7.city, country_code: "FR" },
      },
    ];
    const emulator = await startEmulator({ seedClients: seed });
    try {
      const rows = [...persons.map(personRow), ...acme, ...repeats.map(personRow)];
      const { result, rows: results } = await importFile(emulator.url, toCsv(HEADER, rows));
      expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
      expect(result.code).toBe(0);

      const byRecord = (n: number) => results[n - 1]!;
      const outcomes = (from: number, to: number) => results.slice(from - 1, to).map((r) => r.outcome);
      // Every person created but person 7, whom Qonto has.
      expect(outcomes(1, 600).filter((o) => o === "created")).toHaveLength(599);
      expect(byRecord(8)).toMatchObject({ outcome: "skipped_existing", matched_by: "email" });
      // Person 5's namesake in Qonto is named in a warning, not taken for them.
      expect(byRecord(6).outcome).toBe("created");
      expect(byRecord(6).problem_codes).toContain("possible_duplicate");
      expect(byRecord(6).problems).toContain(`resembles Qonto client ${p5.first} ${p5.last} [`);
      expect(byRecord(6).problems).toContain("same name and zip code, but their e-mails differ");
      // ACME once, its two other spellings duplicates of record 601.
      expect(outcomes(601, 603)).toEqual(["created", "duplicate_in_file", "duplicate_in_file"]);
      expect(results.slice(601, 603).map((r) => r.duplicate_of_record)).toEqual(["601", "601"]);
      // The repeats: duplicates of their first row (or of Qonto's client, for person 7).
      for (let i = 0; i < 60; i++) {
        const r = byRecord(604 + i);
        if (i === 7) expect(r.outcome).toBe("duplicate_in_file");
        else expect(r).toMatchObject({ outcome: "duplicate_in_file", duplicate_of_record: String(i + 1) });
      }

      // In Qonto: every e-mail once; 600 people plus Qonto's namesake, and one ACME.
      const clients = emulator.clients();
      const emails = clients.map((c) => String(c.email ?? "").toLowerCase());
      expect(new Set(emails).size).toBe(emails.length);
      expect(clients.filter((c) => c.kind === "individual")).toHaveLength(601);
      expect(clients.filter((c) => c.kind === "company")).toHaveLength(1);
    } finally {
      await emulator.close();
    }
  }, 120_000);

  it("--match-on vat,tin,email never matches on names: a company Qonto has by name alone is created", async () => {
    const emulator = await startEmulator({
      seedClients: [
        {
          kind: "company",
          name: "Boulangerie Martin SARL",
          billing_address: { zip_code: "75011", city: "Paris", country_code: "FR" },
        },
      ],
    });
    try {
      const csv = toCsv(HEADER, [
        ["Société", "Boulangerie Martin", "", "", "", "", "", "", "75011", "Paris"],
      ]);
      const byName = await importFile(emulator.url, csv, ["--dry-run"]);
      expect(byName.rows[0]).toMatchObject({ outcome: "skipped_existing", matched_by: "name and zip code" });
      const noNames = await importFile(emulator.url, csv, ["--match-on", "vat,tin,email"]);
      expect(noNames.result.code).toBe(0);
      expect(noNames.rows[0]?.outcome).toBe("created");
      expect(emulator.clients()).toHaveLength(2);
      const bad = await runCli(["clients", "x.csv", "--match-on", "vat,siret"], ENV);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--match-on: unknown key "siret"');
    } finally {
      await emulator.close();
    }
  }, 60_000);
});
