import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator } from "../src/emulator/index.js";
import { runCli } from "./helpers/cli.js";
import { frVat, siren, toCsv } from "./helpers/data.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };

// 2,000 clients: 20 pages of the list.
const seedClients = Array.from({ length: 2000 }, (_, i) => ({
  kind: "company",
  name: `Client ${i}`,
  email: `client${i}@example.fr`,
  vat_number: frVat(siren(i * 31 + 5)),
  billing_address: { street_address: `${i} rue A`, zip_code: "75001", city: "Paris", country_code: "FR" },
}));

describe("existing clients: the whole list, or look-ups by filter, whichever takes fewer requests", () => {
  it.each([
    {
      name: "4 rows against 20 pages (16 look-ups at most): each row's client is looked up by filter",
      rows: [
        ["Client 7", "", frVat(siren(7 * 31 + 5)), "1 rue B", "69001"], // matches by VAT
        ["Nouveau", "client42@example.fr", "", "2 rue C", "69002"], // matches by e-mail
        ["Client 1499", "", "", "1499 rue A", "75001"], // matches by name and zip code only
        ["Inconnue SARL", "inconnue@example.fr", "", "3 rue D", "69003"], // new
      ],
      listsPages: false,
    },
    {
      name: "5 rows against 20 pages: listing is no dearer",
      rows: Array.from({ length: 5 }, (_, i) => [`Client ${i}`, `client${i}@example.fr`, "", "x", "75001"]),
      listsPages: true,
    },
  ])("$name", async ({ rows, listsPages }) => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-tgt-"));
    const logFile = join(dir, "requests.ndjson");
    await writeFile(
      join(dir, "clients.csv"),
      toCsv(
        ["Raison sociale", "Email", "N° TVA", "Adresse", "Code postal", "Ville", "Pays"],
        rows.map((r) => [...r, "Paris", "FR"]),
      ),
    );
    const emulator = await startEmulator({ seedClients, logFile });
    try {
      const result = await runCli(
        [
          "clients",
          join(dir, "clients.csv"),
          "--base-url",
          emulator.url,
          "--report-dir",
          join(dir, "r"),
          "--json",
        ],
        ENV,
      );
      const summary = JSON.parse(result.stdout) as { outcomes: Record<string, number> };
      const pages = emulator.stats().byRoute["GET /v2/clients"] ?? 0;
      if (listsPages) {
        expect(summary.outcomes).toMatchObject({ skipped_existing: 5, created: 0 });
        expect(pages).toBeGreaterThanOrEqual(20);
      } else {
        expect(summary.outcomes).toMatchObject({ skipped_existing: 3, created: 1 });
        expect(emulator.clients()).toHaveLength(2001);
        // One request for the count, then at most four look-ups a row: fewer than 20 pages.
        expect(pages).toBeLessThanOrEqual(1 + 4 * rows.length);
        expect(result.stderr).toMatch(/looking each row's client up/);
      }
    } finally {
      await emulator.close();
    }
  });
});
