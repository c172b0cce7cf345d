import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator } from "../src/emulator/index.js";
import { runCli } from "./helpers/cli.js";
import { toCsv } from "./helpers/data.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };
const AUTH = `${KEY.login}:${KEY.secretKey}`;

interface Summary {
  report_dir: string;
  outcomes: Record<string, number>;
  all_rows_accounted_for: boolean;
  problems: Record<string, number>;
}

describe("plan, then apply", () => {
  it("a dry run writes plan.json; apply carries it out after checking Qonto changed nothing it relies on", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-plan-"));
    const rows = Array.from({ length: 10 }, (_, i) => [`Entreprise ${i}`, `c${i}@example.fr`]);
    await writeFile(join(dir, "clients.csv"), toCsv(["Raison sociale", "Email"], rows));
    const emulator = await startEmulator({
      seedClients: [
        { id: "kept", kind: "company", name: "Entreprise 8", email: "c8@example.fr" },
        { id: "gone", kind: "company", name: "Entreprise 9", email: "c9@example.fr" },
      ],
    });
    try {
      const base = ["--base-url", emulator.url, "--report-dir", join(dir, "reports"), "--json"];
      const dry = await runCli(["clients", join(dir, "clients.csv"), "--dry-run", ...base], ENV);
      const planned = JSON.parse(dry.stdout) as Summary;
      expect(planned.outcomes).toMatchObject({ would_create: 8, skipped_existing: 2 });
      const planFile = join(planned.report_dir, "plan.json");
      const plan = JSON.parse(await readFile(planFile, "utf8")) as {
        format: string;
        input: { sha256: string };
        options_hash: string;
        complete: boolean;
        rows: { record: number; plan: { action: string; payload?: { name: string } } }[];
      };
      expect(plan.format).toBe("qonto-import-plan/1");
      expect(plan.input.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(plan.options_hash).toMatch(/^[0-9a-f]{16}$/);
      expect(plan.complete).toBe(true);
      expect(plan.rows.map((r) => r.plan.action)).toEqual([
        ...Array<string>(8).fill("create"),
        "skipped_existing",
        "skipped_existing",
      ]);
      expect(plan.rows[0]?.plan.payload?.name).toBe("Entreprise 0");
      expect(emulator.clients()).toHaveLength(2); // a plan writes nothing

      // Qonto changes after the plan: someone creates one of the planned clients, and deletes one the plan skips.
      await fetch(`${emulator.url}/v2/clients`, {
        method: "POST",
        headers: { authorization: AUTH, "content-type": "application/json" },
        body: JSON.stringify({ kind: "company", name: "Entreprise 3", email: "c3@example.fr" }),
      });
      await fetch(`${emulator.url}/v2/clients/gone`, { method: "DELETE", headers: { authorization: AUTH } });

      const applied = await runCli(["apply", planFile, ...base], ENV);
      const summary = JSON.parse(applied.stdout) as Summary;
      expect(summary.all_rows_accounted_for).toBe(true);
      expect(summary.outcomes).toMatchObject({ created: 7, skipped_existing: 2, needs_review: 1 });
      expect(summary.problems["plan_outdated"]).toBe(2);
      expect(applied.code).toBe(1); // the row left for review
      const emails = emulator.clients().map((c) => c.email);
      expect(emails).toHaveLength(9);
      expect(new Set(emails).size).toBe(9);
      expect(emails).not.toContain("c9@example.fr"); // the deleted client is not brought back by a skip

      // Applying the same plan again creates nothing twice: every planned client is there now.
      const again = await runCli(["apply", planFile, ...base, "--new-run"], ENV);
      expect((JSON.parse(again.stdout) as Summary).outcomes).toMatchObject({
        created: 0,
        skipped_existing: 9,
      });
      expect(emulator.clients()).toHaveLength(9);
    } finally {
      await emulator.close();
    }
  });

  it.each([
    ["not JSON", "this is not a plan\n", "line 1"],
    [
      "cut short",
      '{"format":"qonto-import-plan/1","input":{"file":"a.csv","sha256":"x"},"options":{},"existing_clients_checked":true,"created_at":"2026-01-01T00:00:00Z",\n"rows": [\n',
      "ends early",
    ],
  ])("refuses a plan that is %s, with one line and exit 2, sending nothing", async (_name, text, message) => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-plan-"));
    await writeFile(join(dir, "plan.json"), text);
    const emulator = await startEmulator();
    try {
      const result = await runCli(["apply", join(dir, "plan.json"), "--base-url", emulator.url], ENV);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain("plan.json");
      expect(result.stderr).toContain(message);
      expect(emulator.stats().total).toBe(0);
    } finally {
      await emulator.close();
    }
  });
});
