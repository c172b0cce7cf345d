import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator, type RunningEmulator } from "../src/emulator/index.js";
import { cliEnv, runCli } from "./helpers/cli.js";
import { frVat, siren, toCsv } from "./helpers/data.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };
const HEADER = [
  "Type",
  "Raison sociale",
  "Prénom",
  "Nom",
  "Email",
  "N° TVA",
  "Adresse",
  "Code postal",
  "Ville",
  "Province",
  "Pays",
];

interface Generated {
  csv: string;
  seed: Record<string, unknown>[];
  expected: { created: number; skipped_existing: number; duplicate_in_file: number; invalid: number };
  /** VAT numbers of every client that must end up in Qonto exactly once. */
  expectedVats: Set<string>;
}

/**
 * 1,000 rows: 700 new valid clients, 100 already in Qonto (seeded), 100 repeats of earlier rows, 100 invalid
 * rows of four kinds, shuffled deterministically so that each kind is spread through the file.
 */
function generate(): Generated {
  const rows: string[][] = [];
  const seed: Record<string, unknown>[] = [];
  const expectedVats = new Set<string>();
  const company = (i: number, vat: string, city = "Paris", zip = "75011"): string[] => [
    "Société",
    `Entreprise ${i} SAS`,
    "",
    "",
    `compta${i}@entreprise${i}.fr`,
    vat,
    `${i} rue de la Paix`,
    zip,
    city,
    "",
    "France",
  ];
  for (let i = 0; i < 700; i++) {
    const vat = frVat(siren(i * 7919 + 13));
    expectedVats.add(vat);
    rows.push(
      i % 2 === 0
        ? company(i, vat)
        : [
            "Particulier",
            "",
            `Prénom${i}`,
            `Nom${i}`,
            `p${i}@example.fr`,
            "",
            `${i} av. Foch`,
            "69001",
            "Lyon",
            "",
            "FR",
          ],
    );
    if (i % 2 === 1) expectedVats.delete(vat);
  }
  for (let i = 700; i < 800; i++) {
    const vat = frVat(siren(i * 7919 + 13));
    expectedVats.add(vat);
    seed.push({
      kind: "company",
      name: `Entreprise ${i} SAS`,
      vat_number: vat,
      currency: "EUR",
      locale: "fr",
    });
    rows.push(company(i, vat.replace(/^(..)(..)/, "$1 $2 ")));
  }
  // Repeats of earlier new rows: same VAT (company) or same e-mail (person), written differently.
  for (let k = 0; k < 100; k++) {
    const i = k * 7;
    const original = rows[i]!;
    rows.push(
      i % 2 === 0
        ? [...original.slice(0, 4), "", original[5]!.toLowerCase(), "", "", "", "", ""]
        : [...original.slice(0, 4), original[4]!.toUpperCase(), "", "", "", "", "", ""],
    );
  }
  for (let k = 0; k < 100; k++) {
    const i = 900 + k;
    const kind = k % 4;
    if (kind === 0)
      rows.push(["Société", `Invalide ${i}`, "", "", `bad-email-${i}@`, "", "", "", "", "", "France"]);
    else if (kind === 1)
      rows.push([
        "Società",
        `Invalida ${i}`,
        "",
        "",
        "",
        "",
        "Via Roma 1",
        "20121",
        "Milano",
        "XX",
        "Italia",
      ]);
    else if (kind === 2) rows.push(["Particulier", "", `Seul${i}`, "", "", "", "", "", "", "", "France"]);
    else rows.push(["Société", `Nowhere ${i}`, "", "", "", "", "", "", "", "", "Atlantide"]);
  }
  // Deterministic shuffle that keeps each repeat after its original.
  const order = rows.map((_, i) => i);
  let state = 42;
  const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const position = new Map(order.map((rowIndex, pos) => [rowIndex, pos]));
  for (let k = 0; k < 100; k++) {
    const original = k * 7;
    const repeat = 800 + k;
    if (position.get(repeat)! < position.get(original)!) {
      const a = position.get(repeat)!;
      const b = position.get(original)!;
      order[a] = original;
      order[b] = repeat;
      position.set(original, a);
      position.set(repeat, b);
    }
  }
  return {
    csv: toCsv(
      HEADER,
      order.map((i) => rows[i]!),
    ),
    seed,
    expected: { created: 700, skipped_existing: 100, duplicate_in_file: 100, invalid: 100 },
    expectedVats,
  };
}

async function readSummary(stdout: string): Promise<{
  report_dir: string;
  outcomes: Record<string, number>;
  input: { rows: number };
  all_rows_accounted_for: boolean;
}> {
  return JSON.parse(stdout) as never;
}

describe("clients import, end to end through the built CLI", () => {
  let dir: string;
  let data: Generated;
  let emulator: RunningEmulator | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "qonto-e2e-"));
    data = generate();
    await writeFile(join(dir, "clients.csv"), data.csv);
  });
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it("imports 1,000 rows: every valid new client exactly once, and a report that accounts for every row", async () => {
    emulator = await startEmulator({ seedClients: data.seed });
    const result = await runCli(
      [
        "clients",
        join(dir, "clients.csv"),
        "--base-url",
        emulator.url,
        "--report-dir",
        join(dir, "reports"),
        "--json",
        "--concurrency",
        "8",
      ],
      ENV,
    );
    expect(result.stderr).not.toContain("internal error");
    expect(result.code).toBe(1); // invalid rows exist
    const summary = await readSummary(result.stdout);
    expect(summary.input.rows).toBe(1000);
    expect(summary.all_rows_accounted_for).toBe(true);
    expect(Object.values(summary.outcomes).reduce((a, b) => a + b, 0)).toBe(1000);
    expect(summary.outcomes).toMatchObject({ ...data.expected, failed: 0, needs_review: 0, would_create: 0 });

    const clients = emulator.clients();
    expect(clients).toHaveLength(800);
    const vats = clients.map((c) => c.vat_number).filter((v): v is string => v !== null);
    expect(new Set(vats).size).toBe(vats.length);
    expect(new Set(vats)).toEqual(data.expectedVats);
    const emails = clients.map((c) => c.email).filter((e): e is string => e !== null);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emulator.requestCount().byRoute["POST /v2/clients"]).toBe(700);

    const results = await readFile(join(summary.report_dir, "results.csv"), "utf8");
    const lines = results
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines).toHaveLength(1001);
    // The input's delimiter, so that the report opens in the user's spreadsheet as the input did.
    expect(lines[0]).toMatch(/^record;line;outcome;/);
    expect(lines.slice(1).map((l) => Number(l.split(";")[0]))).toEqual(
      Array.from({ length: 1000 }, (_, i) => i + 1),
    );
  });

  it("--dry-run plans the same outcomes and leaves the emulator unchanged", async () => {
    emulator = await startEmulator({ seedClients: data.seed });
    const result = await runCli(
      [
        "clients",
        join(dir, "clients.csv"),
        "--dry-run",
        "--base-url",
        emulator.url,
        "--report-dir",
        join(dir, "dry"),
        "--json",
      ],
      ENV,
    );
    expect(result.code).toBe(1);
    const summary = await readSummary(result.stdout);
    expect(summary.outcomes).toMatchObject({
      would_create: data.expected.created,
      created: 0,
      skipped_existing: data.expected.skipped_existing,
      duplicate_in_file: data.expected.duplicate_in_file,
      invalid: data.expected.invalid,
    });
    expect(emulator.clients()).toHaveLength(100);
    expect(emulator.requestCount().byRoute["POST /v2/clients"] ?? 0).toBe(0);
    expect(emulator.requestCount().byRoute["PATCH /v2/clients/{id}"] ?? 0).toBe(0);
  });
});

describe("CLI errors: one clear line, a documented exit code, no stack trace", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "qonto-cli-"));
    await writeFile(join(dir, "ok.csv"), "Raison sociale;Email\nACME;a@acme.fr\n");
    await writeFile(join(dir, "dup.csv"), "Name,Email,email\nACME,a@acme.fr,b@acme.fr\n");
    await writeFile(join(dir, "noname.csv"), "Email,Phone\na@acme.fr,0102030405\n");
  });

  const cases: {
    name: string;
    args: (d: string) => string[];
    env?: Record<string, string>;
    code: number;
    message: RegExp;
  }[] = [
    {
      name: "no credentials without --dry-run",
      args: (d) => ["clients", join(d, "ok.csv")],
      code: 2,
      message: /no Qonto credentials.*QONTO_LOGIN.*--dry-run/,
    },
    {
      name: "missing file",
      args: (d) => ["clients", join(d, "missing.csv"), "--dry-run"],
      code: 2,
      message: /missing\.csv: file not found/,
    },
    {
      name: "a directory instead of a file",
      args: (d) => ["clients", d, "--dry-run"],
      code: 2,
      message: /is a directory/,
    },
    {
      name: "unknown option",
      args: (d) => ["clients", join(d, "ok.csv"), "--dryrun"],
      code: 2,
      message: /Unknown option '--dryrun'/,
    },
    {
      name: "bad --on-match",
      args: (d) => ["clients", join(d, "ok.csv"), "--dry-run", "--on-match", "merge"],
      code: 2,
      message: /--on-match must be skip, update or create/,
    },
    {
      name: "bad --concurrency",
      args: (d) => ["clients", join(d, "ok.csv"), "--dry-run", "--concurrency", "0"],
      code: 2,
      message: /--concurrency must be a whole number/,
    },
    {
      name: "duplicate header",
      args: (d) => ["clients", join(d, "dup.csv"), "--dry-run"],
      code: 2,
      message: /dup\.csv: line 1, column 3: header "email" repeats column 2/,
    },
    {
      name: "no name column",
      args: (d) => ["clients", join(d, "noname.csv"), "--dry-run"],
      code: 2,
      message: /noname\.csv: line 1: no column for the client's name/,
    },
    { name: "unknown command", args: () => ["suppliers"], code: 2, message: /unknown command "suppliers"/ },
    {
      name: "--sandbox without staging token",
      args: (d) => ["clients", join(d, "ok.csv"), "--sandbox"],
      env: { QONTO_LOGIN: "x", QONTO_SECRET_KEY: "y" },
      code: 2,
      message: /--sandbox needs QONTO_STAGING_TOKEN/,
    },
  ];

  it.each(cases)("$name → exit $code", async ({ args, env, code, message }) => {
    const result = await runCli(args(dir), env);
    expect(result.code).toBe(code);
    // A dry run without credentials may add its warning line; the error itself is one line.
    const errors = result.stderr
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("warning: "));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^qonto-import: /);
    expect(errors[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("a refused key stops at the first 401, sends nothing more, and exits 3", async () => {
    const emulator = await startEmulator();
    try {
      const result = await runCli(
        ["clients", join(dir, "ok.csv"), "--base-url", emulator.url, "--report-dir", join(dir, "reports")],
        {
          QONTO_LOGIN: "emulator-org",
          QONTO_SECRET_KEY: "wrong-secret-value",
        },
      );
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/401/);
      expect(result.stderr).not.toContain("wrong-secret-value");
      expect(emulator.requestCount().total).toBe(1);
    } finally {
      await emulator.close();
    }
  });

  it("--help documents every option of the clients command", async () => {
    const result = await runCli(["clients", "--help"]);
    expect(result.code).toBe(0);
    for (const flag of [
      "--dry-run",
      "--on-match",
      "--base-url",
      "--sandbox",
      "--concurrency",
      "--report-dir",
      "--delimiter",
      "--org-country",
      "--default-country",
      "--json",
      "--quiet",
    ])
      expect(result.stdout).toContain(flag);
    const main = await runCli(["--help"]);
    expect(main.stdout).toMatch(/QONTO_LOGIN[\s\S]*QONTO_ACCESS_TOKEN[\s\S]*QONTO_STAGING_TOKEN/);
    expect(main.stdout).toMatch(/Exit codes:[\s\S]*0[\s\S]*1[\s\S]*2[\s\S]*3/);
  });

  it("writes the report folder readable by its owner only, with no secret in any file", async () => {
    const emulator = await startEmulator();
    try {
      const reports = join(dir, "private");
      const result = await runCli(
        ["clients", join(dir, "ok.csv"), "--base-url", emulator.url, "--report-dir", reports],
        ENV,
      );
      expect(result.code).toBe(0);
      const [run] = await readdir(reports);
      const files = await readdir(join(reports, run!));
      expect(files.sort()).toEqual([
        "errors.csv",
        "journal.ndjson",
        "report.html",
        "results.csv",
        "summary.json",
      ]);
      expect((await stat(join(reports, run!))).mode & 0o777).toBe(0o700);
      for (const f of files) {
        const text = await readFile(join(reports, run!, f), "utf8");
        expect(text).not.toContain(KEY.secretKey);
        expect((await stat(join(reports, run!, f))).mode & 0o777, f).toBe(0o600);
      }
      expect(result.stderr + result.stdout).not.toContain(KEY.secretKey);
    } finally {
      await emulator.close();
    }
  });
});

describe("qonto-import emulator", () => {
  it("serves the seeded clients on the printed URL and stops cleanly on SIGTERM", async () => {
    const { spawn } = await import("node:child_process");
    const { CLI, ROOT } = await import("./helpers/cli.js");
    const child = spawn(
      process.execPath,
      [CLI, "emulator", "--port", "0", "--clients", join(ROOT, "samples/existing-clients.json")],
      {
        env: { PATH: process.env.PATH ?? "" },
      },
    );
    let stderr = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.on("exit", () => reject(new Error(`emulator exited: ${stderr}`)));
    });
    const res = await fetch(`${url}/v2/clients?per_page=10`, {
      headers: { authorization: `${KEY.login}:${KEY.secretKey}` },
    });
    const body = (await res.json()) as { clients: unknown[]; meta: { total_count: number } };
    expect(res.status).toBe(200);
    expect(body.meta.total_count).toBe(5);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("refuses a seed file that is not JSON, naming it, with exit 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-seed-"));
    await writeFile(join(dir, "seed.json"), "{ not json");
    const result = await runCli(["emulator", "--clients", join(dir, "seed.json")]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("seed.json");
  });
});

describe("Ctrl-C during an import", () => {
  it("finishes the writes under way, reports every row (the rest as not sent), exits 130; the same command then finishes the job", async () => {
    const { spawn } = await import("node:child_process");
    const { CLI } = await import("./helpers/cli.js");
    const dir = await mkdtemp(join(tmpdir(), "qonto-int-"));
    const rows = Array.from({ length: 3000 }, (_, i) => [`Entreprise ${i}`, `c${i}@example.fr`]);
    await writeFile(join(dir, "big.csv"), toCsv(["Raison sociale", "Email"], rows));
    const emulator = await startEmulator({ rateLimits: [{ limit: 20_000, windowMs: 10_000 }] });
    const args = [
      "clients",
      join(dir, "big.csv"),
      "--base-url",
      emulator.url,
      "--report-dir",
      dir,
      "--rate-limit",
      "10000/10s",
      "--concurrency",
      "2",
      "--json",
    ];
    try {
      const child = spawn(process.execPath, [CLI, ...args], {
        env: cliEnv(ENV),
      });
      let stdout = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      while ((emulator.requestCount().byRoute["POST /v2/clients"] ?? 0) < 100)
        await new Promise((r) => setTimeout(r, 20));
      child.kill("SIGINT");
      expect(await exited).toBe(130);
      const summary = JSON.parse(stdout) as {
        outcomes: Record<string, number>;
        all_rows_accounted_for: boolean;
        stopped_early: string;
        report_dir: string;
      };
      expect(summary.all_rows_accounted_for).toBe(true);
      expect(summary.stopped_early).toMatch(/interrupted/);
      expect(summary.outcomes.created).toBe(emulator.clients().length);
      // The writes under way finish: every other row is "not sent", nothing to fix.
      expect(summary.outcomes.created! + summary.outcomes.not_sent!).toBe(3000);
      expect(summary.outcomes.not_sent).toBeGreaterThan(0);
      expect(summary.outcomes.failed).toBe(0);

      // The same command again finishes that run, in its folder: every client exactly once.
      const again = await runCli(args, ENV);
      expect(again.stderr).toContain("finishing it");
      expect(again.code).toBe(0);
      const final = JSON.parse(again.stdout) as typeof summary;
      expect(final.report_dir).toBe(summary.report_dir);
      expect(final.outcomes).toMatchObject({ created: 3000, failed: 0, not_sent: 0, skipped_existing: 0 });
      const emails = emulator.clients().map((c) => c.email);
      expect(emails).toHaveLength(3000);
      expect(new Set(emails).size).toBe(3000);
      // Finished: a third run is a new one, which finds every client already there.
      const third = await runCli(args, ENV);
      expect(JSON.parse(third.stdout).outcomes).toMatchObject({ skipped_existing: 3000, created: 0 });
      expect(emulator.clients()).toHaveLength(3000);
    } finally {
      await emulator.close();
    }
  });
});

describe("files that cannot be read to the end, and other encodings", () => {
  let dir: string;
  const broken = () => {
    const rows = Array.from({ length: 450 }, (_, i) => `Entreprise ${i};c${i}@example.fr`);
    rows[300] = `"Entreprise 300;c300@example.fr`; // record 301, line 302: a quote never closed
    return `Raison sociale;Email\n${rows.join("\n")}\n`;
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "qonto-read-"));
    await writeFile(join(dir, "broken.csv"), broken());
  });

  it("an import sends nothing when the file breaks part-way, and names the line", async () => {
    const emulator = await startEmulator();
    try {
      const result = await runCli(
        ["clients", join(dir, "broken.csv"), "--base-url", emulator.url, "--report-dir", dir],
        ENV,
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/broken\.csv: line 302: a quoted value opened here is never closed/);
      expect(emulator.requestCount().total).toBe(0);
    } finally {
      await emulator.close();
    }
  });

  it("a dry run reports every row read before the break and says where it stopped", async () => {
    const reports = join(dir, "dry");
    const result = await runCli([
      "clients",
      join(dir, "broken.csv"),
      "--dry-run",
      "--quiet",
      "--report-dir",
      reports,
    ]);
    expect(result.code).toBe(2);
    const [run] = await readdir(reports);
    const summary = JSON.parse(await readFile(join(reports, run!, "summary.json"), "utf8")) as {
      input: { rows: number };
      outcomes: Record<string, number>;
      stopped_early: string;
      all_rows_accounted_for: boolean;
    };
    expect(summary.input.rows).toBe(300);
    expect(summary.outcomes.would_create).toBe(300);
    expect(summary.all_rows_accounted_for).toBe(true);
    expect(summary.stopped_early).toMatch(/line 302/);
  });

  it.each([
    ["windows-1252", (s: string) => Buffer.from(s, "latin1")],
    ["utf-16le", (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")])],
  ])("a %s file keeps its accents and its line numbers", async (encoding, encode) => {
    const file = join(dir, `${encoding}.csv`);
    await writeFile(
      file,
      encode(
        'Raison sociale;Ville;Email\r\nSociété Générale;Orléans;sg@ex.fr\r\n"Café\r\ndes Arts";Nîmes;bad@\r\n',
      ),
    );
    const emulator = await startEmulator();
    try {
      const result = await runCli(
        ["clients", file, "--base-url", emulator.url, "--report-dir", join(dir, encoding)],
        ENV,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`(CSV, ${encoding}, delimiter ";")`);
      expect(emulator.clients().map((c) => [c.name, c.billing_address?.city])).toEqual([
        ["Société Générale", "Orléans"],
      ]);
      const [run] = await readdir(join(dir, encoding));
      const results = await readFile(join(dir, encoding, run!, "results.csv"), "utf8");
      expect(results).toMatch(/\n1;2;created;/);
      expect(results).toMatch(/\n2;3;invalid;/);
      expect(results).toContain('"Café\r\ndes Arts"'.replace(/"/g, "").split("\r\n")[0]);
    } finally {
      await emulator.close();
    }
  });
});
