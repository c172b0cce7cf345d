import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clientKeys } from "../src/dedupe/keys.js";
import type { PlannedRow } from "../src/dedupe/plan.js";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator } from "../src/emulator/index.js";
import { formatSummary } from "../src/report/console.js";
import { OUTCOMES, type Outcome } from "../src/report/outcome.js";
import type { Summary } from "../src/report/summary.js";
import { applyRow, INTERRUPTED } from "../src/upload/apply.js";
import type { QontoApi } from "../src/upload/client.js";
import { CLI, cliEnv } from "./helpers/cli.js";
import { toCsv } from "./helpers/data.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };

const payload = { kind: "company" as const, name: "ACME", email: "a@acme.fr", currency: "EUR", locale: "FR" };
const planned: PlannedRow = {
  row: { file: "f.csv", recordNo: 1, line: 2, fields: {}, problems: [] },
  plan: { action: "create", payload, keys: clientKeys(payload) },
  problems: [],
  label: { name: "ACME", vat: "", email: "a@acme.fr" },
} as PlannedRow;

describe("a row the run never sent", () => {
  it.each([
    [INTERRUPTED, "not_sent"],
    ["Qonto refused the credentials (401 on POST /v2/clients)", "failed"],
  ])("after the stop %j is %s, and nothing is sent", async (reason, outcome) => {
    let sent = 0;
    const api = {
      createClient: () => {
        sent += 1;
        return Promise.reject(new Error("must not be sent"));
      },
    } as unknown as QontoApi;
    const result = await applyRow(planned, { api, accountedIds: new Set(), stop: { reason } });
    expect(result.outcome).toBe(outcome);
    expect(result.problems.map((p) => p.code)).toEqual(["not_attempted"]);
    expect(sent).toBe(0);
  });
});

function interrupted(outcomes: Partial<Record<Outcome, number>>): Summary {
  const all = Object.fromEntries(OUTCOMES.map((o) => [o, outcomes[o] ?? 0])) as Record<Outcome, number>;
  const rows = Object.values(all).reduce((a, b) => a + b, 0);
  return {
    tool: { name: "qonto-import", version: "0" },
    input: { file: "big.csv", sha256: "", rows },
    dry_run: false,
    options: {},
    outcomes: all,
    all_rows_accounted_for: true,
    problems: { not_attempted: outcomes.not_sent ?? 0 },
    requests: { total: 100, retries: 0, rate_limited: 0, by_status: {} },
    started_at: "",
    finished_at: "",
    duration_ms: 1000,
    stopped_early: INTERRUPTED,
  };
}

describe("the console after Ctrl-C", () => {
  it.each([
    ["en", "2900  not sent (interrupted)", "Next: run the same command again to finish"],
    ["fr", "2900  non envoyés (interruption)", "Ensuite : relancez la même commande pour terminer"],
  ] as const)("counts the rows never sent as such, and says only to run again (%s)", (lang, count, next) => {
    const text = formatSummary(interrupted({ created: 100, not_sent: 2900 }), "r", undefined, lang);
    expect(text).toContain(count);
    const steps = text.split("\n").slice(text.split("\n").findIndex((l) => l.startsWith(next)));
    expect(steps).toHaveLength(1);
    expect(text).not.toContain("errors.csv");
  });

  it("still names the rows to fix when some are invalid", () => {
    const text = formatSummary(interrupted({ created: 100, invalid: 3, not_sent: 2897 }), "r");
    expect(text).toMatch(/Next: run the same command again/);
    expect(text).toMatch(/fix 3 rows in .*errors\.csv/);
  });

  it("a real run interrupted says so: rows created, the rest not sent, every row one outcome", async () => {
    const { spawn } = await import("node:child_process");
    const dir = await mkdtemp(join(tmpdir(), "qonto-int-"));
    const rows = Array.from({ length: 3000 }, (_, i) => [`Entreprise ${i}`, `c${i}@example.fr`]);
    await writeFile(join(dir, "big.csv"), toCsv(["Raison sociale", "Email"], rows));
    const emulator = await startEmulator({ rateLimits: [{ limit: 20_000, windowMs: 10_000 }] });
    try {
      const child = spawn(
        process.execPath,
        [
          CLI,
          "clients",
          join(dir, "big.csv"),
          "--base-url",
          emulator.url,
          "--report-dir",
          dir,
          "--concurrency",
          "2",
        ],
        { env: cliEnv(ENV) },
      );
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      // Interrupted once some rows are in: how many depends on the machine, what is said does not.
      while ((emulator.requestCount().byRoute["POST /v2/clients"] ?? 0) < 100)
        await new Promise((r) => setTimeout(r, 20));
      child.kill("SIGINT");
      expect(await exited).toBe(130);
      const created = emulator.clients().length;
      expect(stderr).toContain(`${String(created).padStart(4)}  created in Qonto`);
      expect(stderr).toContain(`${String(3000 - created).padStart(4)}  not sent (interrupted)`);
      expect(stderr).not.toMatch(/\d+  failed/);
      expect(stderr).toContain("Every row has exactly one outcome (3000 in, 3000 reported).");
      expect(stderr.slice(stderr.indexOf("Next: "))).toMatch(
        /^Next: run the same command again to finish[^\n]*\n?$/,
      );
    } finally {
      await emulator.close();
    }
  }, 60_000);
});
