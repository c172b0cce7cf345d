import { parseReport } from "./helpers/report-csv.js";
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_EMULATOR_CREDENTIALS,
  startEmulator,
  type EmulatorClient,
  type RunningEmulator,
} from "../src/emulator/index.js";
import type { JournalState } from "../src/journal/journal.js";
import { changedSince, decideRollback, type RowState } from "../src/rollback/decide.js";
import { invoicedClients, targetOf, type RollbackTarget } from "../src/rollback/targets.js";
import { createQontoApi, type QontoClient } from "../src/upload/client.js";
import { CLI, cliEnv, runCli } from "./helpers/cli.js";
import { frVat, siren, toCsv } from "./helpers/data.js";

// Issue 9: `qonto-import rollback <report-folder>`, the real CLI against the emulator.

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };
const HEADER = ["Raison sociale", "Email", "N° TVA", "Adresse", "Code postal", "Ville", "Pays"];
const IBAN = "FR7630006000011234567890189";

interface Summary {
  report_dir: string;
  dry_run: boolean;
  input: { rows: number };
  outcomes: Record<string, number>;
  all_rows_accounted_for: boolean;
  stopped_early: string | null;
  rollback?: { of: string; force: boolean; invoices_runs: string[] };
}

interface ResultRow {
  record: string;
  line: string;
  outcome: string;
  qonto_client_id: string;
  import_outcome: string;
  problem_codes: string;
  changes: string;
  name: string;
}

const company = (
  n: number,
  name: string,
  email: string,
  street = `${n} rue Neuve`,
  city = "Lyon",
  zip = "69002",
) => [name, email, frVat(siren(n * 7_919 + 11)), street, zip, city, "FR"];

async function json(result: { code: number; stdout: string; stderr: string }): Promise<Summary> {
  try {
    return JSON.parse(result.stdout) as Summary;
  } catch {
    throw new Error(`no JSON summary (exit ${result.code}): ${result.stderr}`);
  }
}

function importFile(e: RunningEmulator, file: string, reports: string, args: string[] = []) {
  return runCli(
    [
      "clients",
      file,
      "--base-url",
      e.url,
      "--report-dir",
      reports,
      "--json",
      "--settle-delay",
      "300ms",
      ...args,
    ],
    ENV,
  );
}

function rollback(folder: string, args: string[] = []) {
  return runCli(["rollback", folder, ...args], ENV);
}

async function results(dir: string): Promise<ResultRow[]> {
  return parseReport<ResultRow>(await readFile(join(dir, "results.csv"), "utf8"), {
    bom: true,
    columns: true,
  });
}

const outcomesByRecord = (rows: ResultRow[]) => Object.fromEntries(rows.map((r) => [r.record, r.outcome]));
const byName = (e: RunningEmulator) => new Map(e.clients().map((c) => [c.name, c]));
const names = (e: RunningEmulator) =>
  e
    .clients()
    .map((c) => c.name)
    .sort();
const reportOf = (stderr: string) => /^Report: (.+?) \(/m.exec(stderr)?.[1] ?? "";
const values = (c: EmulatorClient | undefined) => ({
  email: c?.email,
  billing_address: c?.billing_address,
  vat_number: c?.vat_number,
  name: c?.name,
});

describe("qonto-import rollback, end to end", () => {
  it("deletes exactly what the run created, restores what it updated, and leaves skipped and changed clients alone", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-rollback-"));
    const reports = join(dir, "reports");
    const e = await startEmulator();
    try {
      // Clients Qonto already has, from an earlier import (in the same reports folder: never to be touched).
      const base = [1, 2, 3, 4, 5].map((i) => company(i, `Existant ${i} SAS`, `s${i}@base.fr`));
      await writeFile(join(dir, "base.csv"), toCsv(HEADER, base));
      expect((await importFile(e, join(dir, "base.csv"), reports)).code).toBe(0);
      const before = byName(e);

      const fresh = (i: number) =>
        company(100 + i, `Création ${i} SARL`, `c${i}@new.fr`, `${i} rue Neuve`, "Paris", "75001");
      const rows = [
        fresh(1), // 1 created
        company(1, "Existant 1 SAS", "s1-new@base.fr", "1 rue Neuve", "Villeurbanne", "69100"), // 2 updated
        fresh(2), // 3 created, then changed by hand
        base[3]!, // 4 unchanged (matched, nothing to write)
        company(2, "Existant 2 SAS", "s2-new@base.fr"), // 5 updated
        fresh(3), // 6 created
        ["Invalide", "pas-un-email", "", "", "", "", "FR"], // 7 invalid
        base[4]!, // 8 unchanged
        fresh(4), // 9 created
        fresh(1), // 10 duplicate of 1
        company(3, "Existant 3 SAS", "s3@base.fr", "99 avenue Modifiée"), // 11 updated
        fresh(5), // 12 created
      ];
      await writeFile(join(dir, "main.csv"), toCsv(HEADER, rows));
      const imported = await json(
        await importFile(e, join(dir, "main.csv"), reports, ["--on-match", "update"]),
      );
      expect(imported.outcomes).toMatchObject({
        created: 5,
        updated: 3,
        unchanged: 2,
        duplicate_in_file: 1,
        invalid: 1,
      });
      const run = imported.report_dir;
      const afterImport = byName(e);
      expect(afterImport.get("Existant 1 SAS")?.email).toBe("s1-new@base.fr");

      // Someone changes one of the created clients after the import.
      const api = createQontoApi({ baseUrl: e.url, auth: { kind: "api_key", ...KEY }, rateLimits: [] });
      await api.updateClient(afterImport.get("Création 2 SARL")!.id, { email: "par-la-main@new.fr" });
      await api.close();
      const beforeRollback = e.clients();

      // The plan: names every client, changes nothing.
      const plan = await rollback(run, ["--base-url", e.url]);
      expect(plan.code, plan.stderr).toBe(1); // one client is left alone
      expect(e.clients()).toEqual(beforeRollback);
      expect(plan.stderr).toContain("Rollback plan for");
      expect(plan.stderr).toMatch(/ 4 {2}to delete: created by the run/);
      expect(plan.stderr).toMatch(/ 3 {2}to restore to their values before the run/);
      for (const n of [1, 3, 4, 5]) expect(plan.stderr).toContain(`Création ${n} SARL [`);
      expect(plan.stderr).toContain("Existant 1 SAS [");
      expect(plan.stderr).toContain("email: s1-new@base.fr -> s1@base.fr");
      expect(plan.stderr).toMatch(/left alone: changed in Qonto since[^\n]*\n\s+Création 2 SARL \[/);
      expect(plan.stderr).toContain("cancels its recurring invoices");
      expect(plan.stderr).toContain("--yes");
      const planRows = await results(reportOf(plan.stderr));
      expect(outcomesByRecord(planRows)).toMatchObject({
        "1": "would_delete",
        "2": "would_restore",
        "3": "left_changed",
        "4": "nothing_to_undo",
      });

      // Carried out.
      const done = await rollback(run, ["--yes", "--json", "--base-url", e.url]);
      expect(done.code, done.stderr).toBe(1);
      const summary = await json(done);
      expect(summary.dry_run).toBe(false);
      expect(summary.all_rows_accounted_for).toBe(true);
      expect(summary.input.rows).toBe(12);
      expect(summary.outcomes).toMatchObject({
        deleted: 4,
        restored: 3,
        left_changed: 1,
        nothing_to_undo: 4,
        failed: 0,
      });
      // Only the created clients are gone, except the one changed since; nothing the run matched is deleted.
      expect(names(e)).toEqual(
        ["Création 2 SARL", ...[1, 2, 3, 4, 5].map((i) => `Existant ${i} SAS`)].sort(),
      );
      const now = byName(e);
      for (const i of [1, 2, 3])
        expect(values(now.get(`Existant ${i} SAS`))).toEqual(values(before.get(`Existant ${i} SAS`)));
      // The unchanged (skipped) ones were not even written to.
      for (const i of [4, 5])
        expect(now.get(`Existant ${i} SAS`)).toEqual(afterImport.get(`Existant ${i} SAS`));
      expect(now.get("Création 2 SARL")?.email).toBe("par-la-main@new.fr");
      const rowsDone = await results(summary.report_dir);
      expect(outcomesByRecord(rowsDone)).toEqual({
        "1": "deleted",
        "2": "restored",
        "3": "left_changed",
        "4": "nothing_to_undo",
        "5": "restored",
        "6": "deleted",
        "7": "nothing_to_undo",
        "8": "nothing_to_undo",
        "9": "deleted",
        "10": "nothing_to_undo",
        "11": "restored",
        "12": "deleted",
      });
      const row = (n: string) => rowsDone.find((r) => r.record === n)!;
      expect(row("1").import_outcome).toBe("created");
      expect(row("4").import_outcome).toBe("unchanged");
      expect(row("10").import_outcome).toBe("duplicate_in_file");
      expect(row("2").changes).toContain("billing_address.city: Villeurbanne -> Lyon");
      expect(row("3").problem_codes).toBe("changed_since_import");
      expect(row("3").qonto_client_id).toBe(afterImport.get("Création 2 SARL")!.id);
      const journal = await readFile(join(summary.report_dir, "journal.ndjson"), "utf8");
      expect(journal.match(/"outcome":"deleted"/g)).toHaveLength(4);

      // Again: nothing harmful, the clients already gone are reported so.
      const afterFirst = e.clients();
      const again = await rollback(run, ["--yes", "--json", "--base-url", e.url]);
      expect(again.code).toBe(1);
      expect((await json(again)).outcomes).toMatchObject({
        deleted: 0,
        restored: 0,
        already_gone: 4,
        unchanged: 3,
        left_changed: 1,
        nothing_to_undo: 4,
      });
      expect(e.clients()).toEqual(afterFirst);

      // --force rolls back the client changed since.
      const forced = await rollback(run, ["--yes", "--force", "--json", "--base-url", e.url]);
      expect(forced.code, forced.stderr).toBe(0);
      expect((await json(forced)).outcomes).toMatchObject({ deleted: 1, already_gone: 4, left_changed: 0 });
      expect(names(e)).toEqual([1, 2, 3, 4, 5].map((i) => `Existant ${i} SAS`));
    } finally {
      await e.close();
    }
  });

  it("does not delete a client an invoices run in the same reports folder imported invoices for, unless --force", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-rollback-inv-"));
    const reports = join(dir, "reports");
    const e = await startEmulator();
    try {
      const a = company(1, "Facturé SARL", "a@facture.fr");
      const b = company(2, "Sans Facture SARL", "b@facture.fr");
      await writeFile(join(dir, "clients.csv"), toCsv(HEADER, [a, b]));
      const imported = await json(await importFile(e, join(dir, "clients.csv"), reports));
      expect(imported.outcomes.created).toBe(2);
      await writeFile(
        join(dir, "invoices.csv"),
        toCsv(
          [
            "N° facture",
            "TVA client",
            "Date facture",
            "Date échéance",
            "IBAN",
            "Désignation",
            "Quantité",
            "Prix unitaire HT",
            "Taux TVA",
          ],
          [["F-2025-001", a[2]!, "01/03/2025", "31/03/2025", IBAN, "Conseil", "1", "100", "20"]],
        ),
      );
      const invoices = await runCli(
        ["invoices", join(dir, "invoices.csv"), "--base-url", e.url, "--report-dir", reports, "--json"],
        ENV,
      );
      expect(invoices.code, invoices.stderr).toBe(0);
      expect(e.invoices()).toHaveLength(1);
      const notClients = await rollback(JSON.parse(invoices.stdout).report_dir as string);
      expect(notClients.code).toBe(2);
      expect(notClients.stderr).toContain("is an invoices run's report folder");

      const plan = await rollback(imported.report_dir, ["--base-url", e.url]);
      expect(plan.code).toBe(1);
      expect(plan.stderr).toMatch(/not deleted: an invoices run imported invoices[^\n]*\n\s+Facturé SARL \[/);
      expect(plan.stderr).toContain("cancels its recurring invoices");

      const done = await rollback(imported.report_dir, ["--yes", "--json", "--base-url", e.url]);
      expect(done.code).toBe(1);
      const summary = await json(done);
      expect(summary.outcomes).toMatchObject({ deleted: 1, refused_invoices: 1 });
      expect(summary.rollback?.invoices_runs).toHaveLength(1);
      expect(names(e)).toEqual(["Facturé SARL"]);
      const rows = await results(summary.report_dir);
      expect(rows.find((r) => r.name === "Facturé SARL")?.problem_codes).toBe("client_has_invoices");

      const forced = await rollback(imported.report_dir, ["--yes", "--force", "--json", "--base-url", e.url]);
      expect(forced.code, forced.stderr).toBe(0);
      expect((await json(forced)).outcomes).toMatchObject({ deleted: 1, already_gone: 1 });
      expect(names(e)).toEqual([]);
    } finally {
      await e.close();
    }
  });

  it("with faults on (lost answers, 5xx, resets), ends with exactly the right clients gone and restored", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-rollback-faults-"));
    const reports = join(dir, "reports");
    const data = join(dir, "qonto.ndjson");
    const seeded = [1, 2, 3, 4, 5].map((i) => company(i, `Ancien ${i} SA`, `ancien${i}@old.fr`));
    await writeFile(join(dir, "base.csv"), toCsv(HEADER, seeded));
    let e = await startEmulator({ dataFile: data });
    const url = e.url;
    let original: Map<string, EmulatorClient>;
    let run: string;
    try {
      expect((await importFile(e, join(dir, "base.csv"), join(dir, "other-reports"))).code).toBe(0);
      original = byName(e);
      const rows = [
        ...Array.from({ length: 30 }, (_, i) => company(200 + i, `Neuf ${i} SARL`, `neuf${i}@new.fr`)),
        ...[1, 2, 3, 4, 5].map((i) => company(i, `Ancien ${i} SA`, `ancien${i}-v2@old.fr`)),
      ];
      await writeFile(join(dir, "main.csv"), toCsv(HEADER, rows));
      const imported = await json(
        await importFile(e, join(dir, "main.csv"), reports, ["--on-match", "update"]),
      );
      expect(imported.outcomes).toMatchObject({ created: 30, updated: 5 });
      run = imported.report_dir;
    } finally {
      await e.close();
    }
    // The same Qonto at the same address: a rollback goes only where the run went.
    e = await startEmulator({
      dataFile: data,
      port: Number(new URL(url).port),
      faults: { seed: 9, failRate: 0.1, resetRate: 0.05, lostResponseRate: 0.2 },
    });
    try {
      const done = await rollback(run, ["--yes", "--json", "--base-url", e.url]);
      expect(done.code, done.stderr).toBe(0);
      const summary = await json(done);
      expect(summary.outcomes).toMatchObject({ deleted: 30, restored: 5, failed: 0, already_gone: 0 });
      expect(names(e)).toEqual([1, 2, 3, 4, 5].map((i) => `Ancien ${i} SA`));
      const now = byName(e);
      for (const [name, client] of original) expect(values(now.get(name))).toEqual(values(client));
      expect(e.stats().faults.lost).toBeGreaterThan(0);
    } finally {
      await e.close();
    }
  });

  it("killed (SIGKILL) part-way and run again: finishes the rollback, every created client deleted once", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-rollback-kill-"));
    const reports = join(dir, "reports");
    const e = await startEmulator({
      seedClients: [{ kind: "company", name: "Intouchable SA", email: "x@intouchable.fr", currency: "EUR" }],
      faults: { seed: 3, latencyMs: [10, 25] },
    });
    try {
      const rows = Array.from({ length: 60 }, (_, i) =>
        company(300 + i, `Éphémère ${i} SARL`, `e${i}@new.fr`),
      );
      await writeFile(join(dir, "main.csv"), toCsv(HEADER, rows));
      const imported = await json(
        await importFile(e, join(dir, "main.csv"), reports, ["--concurrency", "10"]),
      );
      expect(imported.outcomes.created).toBe(60);
      const args = [
        "rollback",
        imported.report_dir,
        "--yes",
        "--json",
        "--concurrency",
        "2",
        "--base-url",
        e.url,
      ];
      const child = spawn(process.execPath, [CLI, ...args], {
        env: cliEnv(ENV),
      });
      const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      const deletes = () => e.requestCount().byRoute["DELETE /v2/clients/{id}"] ?? 0;
      while (deletes() < 20 && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
      child.kill("SIGKILL");
      await exited;
      expect(e.clients().length).toBeGreaterThan(1); // the kill landed before the end

      const again = await runCli(args, ENV);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain("finishing it");
      const summary = await json(again);
      expect(summary.all_rows_accounted_for).toBe(true);
      // Deleted by the killed run or by this one, and reported so: none is "already gone".
      expect(summary.outcomes).toMatchObject({ deleted: 60, already_gone: 0, failed: 0 });
      expect(names(e)).toEqual(["Intouchable SA"]);
      expect(e.requestCount().byRoute["DELETE /v2/clients/{id}"]).toBeLessThanOrEqual(62);
    } finally {
      await e.close();
    }
  });

  it("refuses a folder that is not a clients run's, and needs credentials even for the plan", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-rollback-usage-"));
    const noJournal = await rollback(dir);
    expect(noJournal.code).toBe(2);
    expect(noJournal.stderr).toContain("no journal.ndjson there");
    const noCredentials = await runCli(["rollback", dir]);
    expect(noCredentials.code).toBe(2);
    expect(noCredentials.stderr).toContain("no Qonto credentials");
    const help = await runCli(["rollback", "--help"]);
    expect(help.stdout).toContain("--force");
    expect((await runCli(["--help"])).stdout).toContain("qonto-import rollback <report-folder>");
  });
});

describe("the rollback's decision, row by row", () => {
  const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 12, 0, s)).toISOString();
  const client = (updated: number, extra: Partial<QontoClient> = {}): QontoClient => ({
    id: "c1",
    kind: "company",
    name: "ACME",
    email: "new@acme.fr",
    created_at: at(0),
    updated_at: at(updated),
    ...extra,
  });
  // What the run's journal recorded of the client it wrote: rollback touches a client only if it still matches.
  const ACME = { keys: {}, name: "ACME" };
  const target = (write: RollbackTarget["write"]): RollbackTarget => ({
    record: 1,
    line: 2,
    label: { name: "ACME", vat: "", email: "" },
    importOutcome: "created",
    write,
  });
  const state = (over: Partial<RowState>): RowState => ({
    target: target({ kind: "create", clientId: "c1", updatedAt: at(0), recorded: ACME }),
    current: client(0),
    sentBefore: false,
    force: false,
    ...over,
  });
  const created = { kind: "create", clientId: "c1", updatedAt: at(0), recorded: ACME } as const;
  const updated = {
    kind: "update",
    clientId: "c1",
    recorded: ACME,
    updatedAt: at(5),
    previous: { email: "old@acme.fr" },
  } as const;

  it.each([
    ["a client the run created, untouched since", state({}), "deleted", "delete", []],
    ["… changed since", state({ current: client(9) }), "left_changed", null, ["changed_since_import"]],
    [
      "… changed since, --force",
      state({ current: client(9), force: true }),
      "deleted",
      "delete",
      ["changed_since_import"],
    ],
    ["… gone", state({ current: null }), "already_gone", null, []],
    [
      "… gone after this rollback sent its delete",
      state({ current: null, sentBefore: true }),
      "deleted",
      null,
      [],
    ],
    [
      "… with imported invoices",
      state({ invoices: { invoices: 2, runs: ["r"] } }),
      "refused_invoices",
      null,
      ["client_has_invoices"],
    ],
    [
      "… with invoices, --force",
      state({ invoices: { invoices: 2, runs: ["r"] }, force: true }),
      "deleted",
      "delete",
      ["client_has_invoices"],
    ],
    [
      "a client the run updated",
      state({ target: target(updated), current: client(5) }),
      "restored",
      "restore",
      [],
    ],
    [
      "… changed since",
      state({ target: target(updated), current: client(7) }),
      "left_changed",
      null,
      ["changed_since_import"],
    ],
    [
      "… already back to its old values",
      state({ target: target(updated), current: client(9, { email: "OLD@acme.fr" }) }),
      "unchanged",
      null,
      [],
    ],
    [
      "… from an older journal (no previous values)",
      state({ target: target({ kind: "update", clientId: "c1", recorded: ACME }) }),
      "needs_review",
      null,
      ["previous_values_unknown"],
    ],
    [
      "a create without an answer",
      state({ target: target({ kind: "unknown" }) }),
      "needs_review",
      null,
      ["import_unfinished"],
    ],
    ["a row the run did not write", state({ target: target({ kind: "none" }) }), "nothing_to_undo", null, []],
  ] as const)("%s: %s", (_what, s, outcome, write, codes) => {
    const d = decideRollback(s);
    expect(d.outcome).toBe(outcome);
    expect(d.write).toBe(write);
    expect(d.problems.map((p) => p.code)).toEqual(codes);
  });

  it("tells a change since the run's write by updated_at, and falls back on created_at for older journals", () => {
    expect(changedSince(client(0), created)).toBe("no");
    expect(changedSince(client(1), created)).toBe("yes");
    expect(changedSince(client(0), { kind: "create", clientId: "c1" })).toBe("no");
    expect(changedSince(client(3), { kind: "create", clientId: "c1" })).toBe("yes");
    expect(changedSince(client(3), { kind: "update", clientId: "c1" })).toBe("unknown");
  });

  it("takes a write only from the journal, never from a matched or skipped row", () => {
    const journal: JournalState = {
      start: {
        type: "start",
        tool: "qonto-import",
        version: "0",
        started_at: at(0),
        input: { file: "f", sha256: "s" },
        options: {},
        options_hash: "h",
      },
      done: new Map([
        [1, { type: "done", record: 1, outcome: "created", client_id: "a", updated_at: at(1) }],
        [2, { type: "done", record: 2, outcome: "updated", client_id: "b" }],
      ]),
      uncertain: new Map([
        [3, { type: "intent", record: 3, action: "create", keys: {}, name: "C" }],
        [4, { type: "intent", record: 4, action: "create", keys: {}, name: "D" }],
      ]),
      intents: new Map([
        [
          2,
          {
            type: "intent",
            record: 2,
            action: "update",
            keys: {},
            client_id: "b",
            name: "B",
            previous: { email: "o@b.fr" },
          },
        ],
        [3, { type: "intent", record: 3, action: "create", keys: {}, name: "C" }],
        [4, { type: "intent", record: 4, action: "create", keys: {}, name: "D" }],
      ]),
      refused: new Map(),
      complete: true,
    };
    const row = (record: number, outcome: string, clientId = "") => ({
      record,
      line: record + 1,
      outcome,
      clientId,
      label: { name: `R${record}`, vat: "", email: "" },
    });
    expect(targetOf(1, row(1, "created", "a"), journal).write).toEqual({
      kind: "create",
      clientId: "a",
      updatedAt: at(1),
    });
    expect(targetOf(2, row(2, "updated", "b"), journal).write).toEqual({
      kind: "update",
      clientId: "b",
      previous: { email: "o@b.fr" },
      // An older journal's done line records no keys: the intent's, and its name, are what the client is known by.
      recorded: { keys: {}, name: "B" },
    });
    // A create whose answer was lost, found by its keys when the run was resumed.
    expect(targetOf(3, row(3, "created", "c"), journal).write).toEqual({
      kind: "create",
      clientId: "c",
      recorded: { keys: {}, name: "C" },
    });
    expect(targetOf(4, undefined, journal).write).toEqual({ kind: "unknown" });
    for (const outcome of ["skipped_existing", "unchanged", "duplicate_in_file", "created"])
      expect(targetOf(5, row(5, outcome, "z"), journal).write).toEqual({ kind: "none" });
  });

  it("finds the clients of invoices runs beside the run, and in the folders given", async () => {
    const root = await mkdtemp(join(tmpdir(), "qonto-rollback-scan-"));
    const write = async (dir: string, command: string, lines: object[]) => {
      await mkdir(dir, { recursive: true });
      const start = {
        type: "start",
        tool: "qonto-import",
        version: "0",
        started_at: at(0),
        input: { file: "f", sha256: "s" },
        options: { command },
        options_hash: "h",
      };
      await writeFile(
        join(dir, "journal.ndjson"),
        [start, ...lines].map((l) => JSON.stringify(l)).join("\n") + "\n",
      );
    };
    const invoice = (record: number, client: string) => [
      {
        type: "intent",
        record,
        action: "create_invoice",
        keys: {},
        client_id: client,
        name: "F",
        number: "F",
      },
      { type: "done", record, outcome: "created", client_id: client, invoice_id: `i${record}` },
    ];
    await write(join(root, "reports", "inv"), "invoices", [...invoice(1, "a"), ...invoice(2, "a")]);
    await write(join(root, "reports", "clients"), "clients", [
      { type: "done", record: 1, outcome: "created", client_id: "b" },
    ]);
    await write(join(root, "elsewhere"), "invoices", [
      {
        type: "intent",
        record: 1,
        action: "create_invoice",
        keys: {},
        client_id: "c",
        name: "F",
        number: "F",
      },
    ]);
    const found = invoicedClients(join(root, "reports"), [join(root, "elsewhere")]);
    expect(found.get("a")?.invoices).toBe(2);
    expect(found.has("b")).toBe(false);
    expect(found.get("c")?.runs).toEqual([join(root, "elsewhere")]);
    expect(() => invoicedClients(join(root, "reports"), [join(root, "reports", "clients")])).toThrow(
      /not the report folder of an invoices run/,
    );
  });
});
