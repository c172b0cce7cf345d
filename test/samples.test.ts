import { parseReport } from "./helpers/report-csv.js";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_EMULATOR_CREDENTIALS,
  loadSeedFile,
  startEmulator,
  type RunningEmulator,
} from "../src/emulator/index.js";
import { ROOT, runCli } from "./helpers/cli.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;

// What a person reading samples/clients.csv expects of each row, and why.
const EXPECTED: Record<number, { outcome: string; codes?: string[]; duplicateOf?: number }> = {
  1: { outcome: "created" },
  2: { outcome: "created" },
  3: { outcome: "created" },
  4: { outcome: "created" },
  5: { outcome: "created" }, // Rome's zip "186" restored to 00186
  6: { outcome: "skipped_existing" }, // same VAT as a seeded client
  7: { outcome: "created" }, // "de La Fontaine", zip 1000 → 01000
  8: { outcome: "invalid", codes: ["province_invalid"] },
  9: { outcome: "invalid", codes: ["email_invalid"] },
  10: { outcome: "duplicate_in_file", duplicateOf: 1 },
  11: { outcome: "created" },
  12: { outcome: "created" },
  13: { outcome: "invalid", codes: ["kind_freelancer_not_allowed"] },
  14: { outcome: "invalid", codes: ["name_missing"] },
  15: { outcome: "created" },
  16: { outcome: "skipped_existing" },
  17: { outcome: "invalid", codes: ["country_unknown"] },
  18: { outcome: "skipped_existing" }, // same e-mail as a seeded client
  19: { outcome: "duplicate_in_file", duplicateOf: 2 }, // VAT written with spaces
  20: { outcome: "needs_review", codes: ["matches_several_clients"] }, // its e-mail is on two seeded clients
};

describe("samples/clients.csv into the demo's seeded emulator", () => {
  let emulator: RunningEmulator;
  let seedCount: number;
  beforeAll(async () => {
    const seed = await loadSeedFile(join(ROOT, "samples/existing-clients.json"));
    seedCount = seed.length;
    emulator = await startEmulator({ seedClients: seed });
  });
  afterAll(() => emulator.close());

  it("gives every row the outcome its content calls for", async () => {
    const reports = await mkdtemp(join(tmpdir(), "qonto-sample-"));
    const result = await runCli(
      [
        "clients",
        join(ROOT, "samples/clients.csv"),
        "--base-url",
        emulator.url,
        "--report-dir",
        reports,
        "--json",
      ],
      { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey },
    );
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as { report_dir: string };
    const rows = parseReport(await readFile(join(summary.report_dir, "results.csv")), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(rows).toHaveLength(Object.keys(EXPECTED).length);
    for (const row of rows) {
      const expected = EXPECTED[Number(row.record)]!;
      expect({ record: row.record, outcome: row.outcome }).toEqual({
        record: row.record,
        outcome: expected.outcome,
      });
      for (const code of expected.codes ?? []) expect(row.problem_codes?.split(" ")).toContain(code);
      if (expected.duplicateOf !== undefined)
        expect(row.duplicate_of_record).toBe(String(expected.duplicateOf));
      if (expected.outcome === "created") expect(row.qonto_client_id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const created = Object.values(EXPECTED).filter((e) => e.outcome === "created").length;
    expect(emulator.clients()).toHaveLength(seedCount + created);

    const rome = emulator.clients().find((c) => c.name === "Studio Bianchi & Associati");
    expect(rome?.billing_address).toMatchObject({
      zip_code: "00186",
      province_code: "RM",
      country_code: "IT",
    });
    const person = emulator.clients().find((c) => c.email === "jp.delafontaine@example.fr");
    expect(person).toMatchObject({
      kind: "individual",
      first_name: "Jean-Pierre",
      last_name: "de La Fontaine",
    });
    expect(person?.billing_address?.zip_code).toBe("01000");
  });
});
