import { parseReport } from "./helpers/report-csv.js";
import { existsSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator, type RunningEmulator } from "../src/emulator/index.js";
import { runCli } from "./helpers/cli.js";
import { FR_INVOICE_HEADER, frVat, siren, toCsv } from "./helpers/data.js";

// Issue 18, "Files the tool wrote are not authorities": a plan or a journal edited after the tool wrote it names
// neither where the credentials go nor which client is written. Each case is a repro run through the real CLI.

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };
const PRODUCTION = "https://thirdparty.qonto.com";
const HEADER = ["Raison sociale", "Email", "N° TVA", "Code postal", "Ville", "Pays"];

interface Summary {
  report_dir: string;
  outcomes: Record<string, number>;
  problems: Record<string, number>;
}

interface ResultRow {
  record: string;
  outcome: string;
  qonto_client_id: string;
  problem_codes: string;
  changes: string;
}

/** A server on 127.0.0.1 that records every request it gets and answers 401: where edited files sent credentials. */
async function captureServer(): Promise<{
  url: string;
  requests: { url: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}> {
  const requests: { url: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? "", headers: req.headers });
    res.writeHead(401, { "content-type": "application/json" });
    res.end(JSON.stringify({ errors: [{ code: "unauthorized", detail: "captured" }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function summaryOf(result: { code: number; stdout: string; stderr: string }): Summary {
  try {
    return JSON.parse(result.stdout) as Summary;
  } catch {
    throw new Error(`no JSON summary (exit ${result.code}): ${result.stderr}`);
  }
}

async function resultsOf(dir: string): Promise<ResultRow[]> {
  return parseReport<ResultRow>(await readFile(join(dir, "results.csv"), "utf8"), {
    bom: true,
    columns: true,
  });
}

const company = (n: number, name: string, email: string) => [
  name,
  email,
  frVat(siren(n * 7_919 + 11)),
  "69002",
  "Lyon",
  "FR",
];

/** Edits a file the tool wrote, line by line, as someone with the file in hand could. */
async function edit(file: string, change: (lines: string[]) => string[]): Promise<void> {
  const lines = (await readFile(file, "utf8")).split("\n");
  await writeFile(file, change(lines).join("\n"));
}

async function setUp(e: RunningEmulator, rows: string[][], extra: string[] = []) {
  const dir = await mkdtemp(join(tmpdir(), "qonto-authority-"));
  await writeFile(join(dir, "clients.csv"), toCsv(HEADER, rows));
  const reports = join(dir, "reports");
  const args = (more: string[] = []) => [
    "--base-url",
    e.url,
    "--report-dir",
    reports,
    "--json",
    "--settle-delay",
    "300ms",
    ...extra,
    ...more,
  ];
  return { dir, file: join(dir, "clients.csv"), reports, args };
}

describe("plan.json names no base URL", () => {
  it("apply refuses a plan whose base URL was edited, naming both, and sends nothing anywhere", async () => {
    const e = await startEmulator();
    const capture = await captureServer();
    try {
      const t = await setUp(e, [company(1, "Alpha SAS", "a@alpha.fr")]);
      const dry = summaryOf(await runCli(["clients", t.file, "--dry-run", ...t.args()], ENV));
      const plan = join(dry.report_dir, "plan.json");
      await edit(plan, ([head = "", ...rest]) => [
        head.replace(JSON.stringify(e.url), JSON.stringify(capture.url)),
        ...rest,
      ]);
      expect(await readFile(plan, "utf8")).toContain(capture.url);
      const read = e.stats().total; // the dry run's reading

      // Without --base-url: the default (production) is the one used, and the plan's is refused.
      const bare = await runCli(["apply", plan, "--report-dir", t.reports], ENV);
      expect(bare.code, bare.stderr).toBe(2);
      expect(bare.stderr).toContain(capture.url);
      expect(bare.stderr).toContain(PRODUCTION);
      expect(capture.requests).toEqual([]);

      // With --base-url: the flag decides where requests go, and a plan made for another is refused all the same.
      const flagged = await runCli(["apply", plan, "--base-url", e.url, "--report-dir", t.reports], ENV);
      expect(flagged.code, flagged.stderr).toBe(2);
      expect(flagged.stderr).toContain(capture.url);
      expect(flagged.stderr).toContain(e.url);
      expect(capture.requests).toEqual([]);
      expect(e.stats().total).toBe(read);
      expect(e.clients()).toEqual([]);
    } finally {
      await capture.close();
      await e.close();
    }
  });
});

describe("a plan's rows are checked as an import's before anything is sent", () => {
  it.each([
    [
      "a create whose name is control characters",
      (row: Record<string, unknown>) => {
        (row.plan as { payload: Record<string, unknown> }).payload.name = "\u0000\u0000\u0000";
      },
    ],
    [
      "a create with a field the contract does not have",
      (row: Record<string, unknown>) => {
        (row.plan as { payload: Record<string, unknown> }).payload.iban = "FR7630006000011234567890189";
      },
    ],
    [
      "a create whose e-mail is not one",
      (row: Record<string, unknown>) => {
        (row.plan as { payload: Record<string, unknown> }).payload.email = "not an e-mail";
      },
    ],
  ])("refuses the whole plan for %s, naming the line, exit 2", async (_name, change) => {
    const e = await startEmulator();
    try {
      const t = await setUp(e, [company(1, "Alpha SAS", "a@alpha.fr"), company(2, "Beta SAS", "b@beta.fr")]);
      const dry = summaryOf(await runCli(["clients", t.file, "--dry-run", ...t.args()], ENV));
      const plan = join(dry.report_dir, "plan.json");
      // Line 4 is the second row (line 1 the header, line 2 `"rows": [`).
      await edit(plan, (lines) =>
        lines.map((line, i) => {
          if (i !== 3) return line;
          const comma = line.endsWith(",") ? "," : "";
          const row = JSON.parse(line.replace(/,$/, "")) as Record<string, unknown>;
          change(row);
          return JSON.stringify(row) + comma;
        }),
      );
      const applied = await runCli(["apply", plan, ...t.args()], ENV);
      expect(applied.code, applied.stderr).toBe(2);
      expect(applied.stderr).toContain("plan.json");
      expect(applied.stderr).toContain("line 4");
      expect(e.requestCount().byRoute["POST /v2/clients"] ?? 0).toBe(0);
      expect(e.clients()).toEqual([]);
    } finally {
      await e.close();
    }
  });

  it("refuses an update whose patch sends a field the contract does not have", async () => {
    const e = await startEmulator({
      seedClients: [
        { id: "alpha", kind: "company", name: "Alpha SAS", vat_number: frVat(siren(1 * 7_919 + 11)) },
      ],
    });
    try {
      const t = await setUp(e, [company(1, "Alpha SAS", "new@alpha.fr")]);
      const dry = summaryOf(
        await runCli(["clients", t.file, "--dry-run", ...t.args(["--on-match", "update"])], ENV),
      );
      expect(dry.outcomes.would_update).toBe(1);
      const plan = join(dry.report_dir, "plan.json");
      await edit(plan, (lines) =>
        lines.map((line, i) => (i === 2 ? line.replace('"patch":{', '"patch":{"kind":"individual",') : line)),
      );
      const applied = await runCli(["apply", plan, ...t.args()], ENV);
      expect(applied.code, applied.stderr).toBe(2);
      expect(applied.stderr).toContain("line 3");
      expect(e.requestCount().byRoute["PATCH /v2/clients/{id}"] ?? 0).toBe(0);
    } finally {
      await e.close();
    }
  });
});

describe("an update touches a client only if it still has the key the plan matched it by", () => {
  it("an edited clientId and patch rename nobody; results.csv says what was decided", async () => {
    const e = await startEmulator({
      seedClients: [
        { id: "alpha", kind: "company", name: "Alpha SAS", vat_number: frVat(siren(1 * 7_919 + 11)) },
        { id: "victim", kind: "company", name: "Victime SA", email: "boss@victime.fr" },
      ],
    });
    try {
      const t = await setUp(e, [company(1, "Alpha SAS", "new@alpha.fr")]);
      const dry = summaryOf(
        await runCli(["clients", t.file, "--dry-run", ...t.args(["--on-match", "update"])], ENV),
      );
      expect(dry.outcomes.would_update).toBe(1);
      const plan = join(dry.report_dir, "plan.json");
      await edit(plan, (lines) =>
        lines.map((line, i) => {
          if (i !== 2) return line;
          // Consistent through and through, as a careful editor would make it: only the client is another.
          const row = JSON.parse(line.replace(/,$/, "")) as {
            plan: { clientId: string; payload: Record<string, unknown>; patch: Record<string, unknown> };
          };
          row.plan.clientId = "victim";
          row.plan.payload.name = "Pwned SA";
          row.plan.patch = { name: "Pwned SA" };
          return JSON.stringify(row) + (line.endsWith(",") ? "," : "");
        }),
      );
      expect(await readFile(plan, "utf8")).toContain('"clientId":"victim"');
      const applied = await runCli(["apply", plan, ...t.args()], ENV);
      const summary = summaryOf(applied);
      expect(summary.outcomes).toMatchObject({ updated: 0, needs_review: 1 });
      expect(summary.problems.plan_outdated).toBe(1);
      expect(applied.code).toBe(1);
      expect(e.clients().find((c) => c.id === "victim")?.name).toBe("Victime SA");
      expect(e.requestCount().byRoute["PATCH /v2/clients/{id}"] ?? 0).toBe(0);
      const [row] = await resultsOf(summary.report_dir);
      expect(row?.outcome).toBe("needs_review");
      expect(row?.problem_codes).toContain("plan_outdated");
      expect(row?.changes ?? "").toBe("");
    } finally {
      await e.close();
    }
  });

  it("refuses a plan whose update patch is not the row's (a value the row never had)", async () => {
    const e = await startEmulator({
      seedClients: [
        { id: "alpha", kind: "company", name: "Alpha SAS", vat_number: frVat(siren(1 * 7_919 + 11)) },
      ],
    });
    try {
      const t = await setUp(e, [company(1, "Alpha SAS", "new@alpha.fr")]);
      const dry = summaryOf(
        await runCli(["clients", t.file, "--dry-run", ...t.args(["--on-match", "update"])], ENV),
      );
      const plan = join(dry.report_dir, "plan.json");
      // The patch now sends an e-mail the row never had: a patch that is not the row's is an edited plan.
      await edit(plan, (lines) =>
        lines.map((line, i) => {
          if (i !== 2) return line;
          const row = JSON.parse(line.replace(/,$/, "")) as { plan: { patch: Record<string, unknown> } };
          row.plan.patch.email = "other@evil.fr";
          return JSON.stringify(row) + (line.endsWith(",") ? "," : "");
        }),
      );
      const applied = await runCli(["apply", plan, ...t.args()], ENV);
      expect(applied.code, applied.stderr).toBe(2);
      expect(applied.stderr).toContain("line 3");
      expect(e.clients().find((c) => c.id === "alpha")?.email ?? null).toBeNull();
    } finally {
      await e.close();
    }
  });
});

describe("the journal names no base URL and no client a rollback trusts blindly", () => {
  it("clients --resume and rollback refuse a journal whose base URL was edited, naming both; nothing is sent", async () => {
    const e = await startEmulator();
    const capture = await captureServer();
    try {
      const t = await setUp(e, [company(1, "Alpha SAS", "a@alpha.fr")]);
      const imported = summaryOf(await runCli(["clients", t.file, ...t.args()], ENV));
      expect(imported.outcomes.created).toBe(1);
      const journal = join(imported.report_dir, "journal.ndjson");
      await edit(journal, ([start = "", ...rest]) => [
        start.replace(JSON.stringify(e.url), JSON.stringify(capture.url)),
        ...rest,
      ]);
      expect(await readFile(journal, "utf8")).toContain(capture.url);
      const before = e.stats().total;

      const resumed = await runCli(["clients", t.file, "--resume", imported.report_dir], ENV);
      expect(resumed.code, resumed.stderr).toBe(2);
      expect(resumed.stderr).toContain(capture.url);
      expect(resumed.stderr).toContain(PRODUCTION);

      const resumedFlag = await runCli(
        ["clients", t.file, "--resume", imported.report_dir, "--base-url", e.url],
        ENV,
      );
      expect(resumedFlag.code, resumedFlag.stderr).toBe(2);
      expect(resumedFlag.stderr).toContain(capture.url);
      expect(resumedFlag.stderr).toContain(e.url);

      const rollback = await runCli(["rollback", imported.report_dir, "--yes"], ENV);
      expect(rollback.code, rollback.stderr).toBe(2);
      expect(rollback.stderr).toContain(capture.url);
      expect(rollback.stderr).toContain(PRODUCTION);

      const rollbackFlag = await runCli(["rollback", imported.report_dir, "--yes", "--base-url", e.url], ENV);
      expect(rollbackFlag.code, rollbackFlag.stderr).toBe(2);
      expect(rollbackFlag.stderr).toContain(capture.url);
      expect(rollbackFlag.stderr).toContain(e.url);

      expect(capture.requests).toEqual([]);
      expect(e.stats().total).toBe(before);
      expect(e.clients()).toHaveLength(1);
    } finally {
      await capture.close();
      await e.close();
    }
  });

  it("rollback --yes does not delete a client an edited done line names: its keys are not the run's", async () => {
    const e = await startEmulator({
      seedClients: [{ id: "victim", kind: "company", name: "Victime SA", email: "boss@victime.fr" }],
    });
    try {
      const t = await setUp(e, [company(1, "Alpha SAS", "a@alpha.fr")]);
      const imported = summaryOf(await runCli(["clients", t.file, ...t.args()], ENV));
      expect(imported.outcomes.created).toBe(1);
      const created = e.clients().find((c) => c.name === "Alpha SAS")?.id ?? "";
      const journal = join(imported.report_dir, "journal.ndjson");
      await edit(journal, (lines) =>
        lines.map((line) =>
          line.includes('"type":"done"') ? line.replace(JSON.stringify(created), '"victim"') : line,
        ),
      );
      expect(await readFile(journal, "utf8")).toContain('"client_id":"victim"');

      const done = await runCli(
        ["rollback", imported.report_dir, "--yes", "--json", "--base-url", e.url],
        ENV,
      );
      const summary = summaryOf(done);
      expect(summary.outcomes).toMatchObject({ deleted: 0, needs_review: 1 });
      expect(done.code).toBe(1);
      expect(
        e
          .clients()
          .map((c) => c.name)
          .sort(),
      ).toEqual(["Alpha SAS", "Victime SA"]);
      expect(e.requestCount().byRoute["DELETE /v2/clients/{id}"] ?? 0).toBe(0);
      const [row] = await resultsOf(summary.report_dir);
      expect(row?.outcome).toBe("needs_review");
      expect(row?.problem_codes).toBe("client_not_recognised");
    } finally {
      await e.close();
    }
  });
});

describe("a journal line or a clients report that records nothing of the client is not a licence", () => {
  it.each([
    [
      "a done line appended, with no intent and no keys",
      (lines: string[]) => [
        ...lines.filter((l) => l !== ""),
        '{"type":"done","record":999,"outcome":"created","client_id":"victim"}',
      ],
    ],
    [
      "a done line re-pointed, its keys emptied and its name dropped",
      (lines: string[]) =>
        lines.map((line) => {
          if (!line.includes('"type":"done"')) return line;
          const done = JSON.parse(line) as Record<string, unknown>;
          delete done.name;
          return JSON.stringify({ ...done, client_id: "victim", keys: {} });
        }),
    ],
  ])("rollback --yes leaves the client alone: %s", async (_name, change) => {
    const e = await startEmulator({
      seedClients: [{ id: "victim", kind: "company", name: "Victime SA", email: "boss@victime.fr" }],
    });
    try {
      const t = await setUp(e, [company(1, "Alpha SAS", "a@alpha.fr")]);
      const imported = summaryOf(await runCli(["clients", t.file, ...t.args()], ENV));
      expect(imported.outcomes.created).toBe(1);
      await edit(join(imported.report_dir, "journal.ndjson"), change);
      const done = await runCli(
        ["rollback", imported.report_dir, "--yes", "--json", "--force", "--base-url", e.url],
        ENV,
      );
      summaryOf(done);
      expect(e.clients().map((c) => c.name)).toContain("Victime SA");
    } finally {
      await e.close();
    }
  });

  it("invoices --clients-report: an edited report cannot give a Qonto client another client's name", async () => {
    const e = await startEmulator();
    try {
      const t = await setUp(e, [company(2, "Bravo SARL", "b@bravo.fr")]);
      const imported = summaryOf(await runCli(["clients", t.file, ...t.args()], ENV));
      expect(imported.outcomes.created).toBe(1);
      const results = join(imported.report_dir, "results.csv");
      await edit(results, (lines) => lines.map((l) => l.replaceAll("Bravo SARL", "Alpha SAS")));
      const invoices = join(t.dir, "factures.csv");
      await writeFile(
        invoices,
        toCsv(
          [...FR_INVOICE_HEADER, "IBAN"],
          [
            [
              "F-1",
              "Alpha SAS",
              "01/04/2026",
              "30/04/2026",
              "Conseil",
              "1",
              "100,00",
              "20 %",
              "FR7630006000011234567890189",
            ],
          ],
        ),
      );
      const run = await runCli(
        ["invoices", invoices, "--clients-report", imported.report_dir, ...t.args()],
        ENV,
      );
      expect(run.code, run.stderr).toBe(1);
      const [row] = await resultsOf(summaryOf(run).report_dir);
      expect(row?.problem_codes).toBe("invoice_client_unresolved");
      // Qonto's own record of the id wins: no client is named Alpha SAS, so no invoice goes to Bravo SARL.
      expect(e.invoices()).toEqual([]);
    } finally {
      await e.close();
    }
  });
});

describe("apply's hint names only files that exist", () => {
  it("rows left for review or invalid are pointed at a file apply wrote or the plan's own folder", async () => {
    const e = await startEmulator();
    try {
      const t = await setUp(e, [
        company(1, "Alpha SAS", "a@alpha.fr"),
        ["", "no-name@x.fr", "", "", "", "FR"],
      ]);
      const dry = summaryOf(await runCli(["clients", t.file, "--dry-run", ...t.args()], ENV));
      expect(dry.outcomes.invalid).toBe(1);
      const applied = await runCli(
        ["apply", join(dry.report_dir, "plan.json"), "--base-url", e.url, "--report-dir", t.reports],
        ENV,
      );
      expect(applied.code, applied.stderr).toBe(1);
      const next = applied.stderr.slice(applied.stderr.indexOf("Next:"));
      expect(next).not.toBe("");
      const files = [...next.matchAll(/(\/\S+?\.(?:csv|json))\b/g)].map((m) => m[1] ?? "");
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect(existsSync(file), file).toBe(true);
    } finally {
      await e.close();
    }
  });
});
