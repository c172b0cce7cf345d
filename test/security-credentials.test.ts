import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_EMULATOR_CREDENTIALS,
  loadSeedFile,
  startEmulator,
  type RunningEmulator,
} from "../src/emulator/index.js";
import { resolveImportOptions } from "../src/options/import.js";
import { resolveRollbackOptions } from "../src/options/rollback.js";
import { resolveInvoiceOptions } from "../src/options/invoices.js";
import { isThisMachine, parseBaseUrl } from "../src/upload/base-url.js";
import { createQontoApi, QontoApiError, type QontoAuth } from "../src/upload/client.js";
import { base64Cores, createRedactor } from "../src/upload/redact.js";
import { writeTargetLine } from "../src/upload/write-target.js";
import { ROOT, runCli } from "./helpers/cli.js";
import { frVat, siren, toCsv } from "./helpers/data.js";

// Issue 18, "Credentials travel only where they are safe" and "Smaller leaks": plain http only to this machine,
// a base URL's path kept, the organization and host named before the first write, secrets scrubbed in every form.

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;
const TOKEN = DEFAULT_EMULATOR_CREDENTIALS.accessTokens[0]!;
const API_KEY_ENV = { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey };
const HEADER = ["Raison sociale", "Email", "N° TVA", "Adresse", "Code postal", "Ville", "Pays"];

const company = (n: number, name = `Sécurité ${n} SAS`) => [
  name,
  `compta${n}@securite${n}.fr`,
  frVat(siren(n * 7_919 + 17)),
  `${n} rue Neuve`,
  "69002",
  "Lyon",
  "FR",
];

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function csvFile(rows: string[][]): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), "qonto-creds-"));
  const file = join(dir, "clients.csv");
  await writeFile(file, toCsv(HEADER, rows));
  return { dir, file };
}

interface Captured {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A server on 127.0.0.1 that records every request and answers as `answer` says. */
async function captureServer(answer: (req: Captured) => Reply) {
  const requests: Captured[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const captured = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      requests.push(captured);
      const reply = answer(captured);
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  cleanup.push(close);
  return { url, requests };
}

const EMPTY_LIST = {
  clients: [],
  meta: { current_page: 1, next_page: null, prev_page: null, total_pages: 1, total_count: 0, per_page: 100 },
};

/** A tiny Qonto under `prefix`: an empty client list, creates that succeed; anything else is a 404. */
function qontoUnder(prefix: string) {
  return (req: Captured): Reply => {
    const path = req.url.split("?")[0];
    if (req.method === "GET" && path === `${prefix}/v2/clients`) return { status: 200, body: EMPTY_LIST };
    if (req.method === "POST" && path === `${prefix}/v2/clients`) {
      const now = new Date().toISOString();
      const payload = JSON.parse(req.body) as Record<string, unknown>;
      return {
        status: 201,
        body: { client: { ...payload, id: randomUUID(), created_at: now, updated_at: now } },
      };
    }
    return {
      status: 404,
      body: { errors: [{ code: "not_found", detail: `no ${req.method} ${path} here` }] },
    };
  };
}

async function startQontoEmulator(
  options: Parameters<typeof startEmulator>[0] = {},
): Promise<RunningEmulator> {
  const emulator = await startEmulator(options);
  cleanup.push(() => emulator.close());
  return emulator;
}

/** Every file under a folder, as text. */
async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push({ path, text: await readFile(path, "utf8") });
  }
  return out;
}

const writingLines = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("Writing to "));

describe("plain http only to this machine", () => {
  it.each([
    { host: "127.0.0.1", allowed: true },
    { host: "127.5.6.7", allowed: true },
    { host: "[::1]", allowed: true },
    { host: "[0:0:0:0:0:0:0:1]", allowed: true },
    { host: "localhost", allowed: true },
    { host: "LOCALHOST", allowed: true },
    // The WHATWG parser reads these as 127.0.0.1, and the request goes to the address it parsed.
    { host: "0x7f.0.0.1", allowed: true },
    { host: "127.1", allowed: true },
    { host: "2130706433", allowed: true },
    { host: "127.0.0.1.", allowed: true },
    { host: "10.0.0.1", allowed: false },
    { host: "192.168.1.10", allowed: false },
    { host: "example.com", allowed: false },
    { host: "127.0.0.1.nip.io", allowed: false },
    { host: "localhost.evil.com", allowed: false },
    { host: "evil.localhost", allowed: false },
    { host: "localhost.", allowed: false },
    { host: "[::ffff:127.0.0.1]", allowed: false },
    { host: "[::2]", allowed: false },
    { host: "128.0.0.1", allowed: false },
  ])("http://$host → allowed: $allowed", ({ host, allowed }) => {
    const parsed = parseBaseUrl(`http://${host}:4010/qonto/`);
    expect(parsed.ok).toBe(allowed);
    if (!parsed.ok) {
      expect(parsed.error).toMatch(/travel in clear; use https/);
      expect(parsed.error).not.toContain("\n");
    }
    // https is fine anywhere.
    expect(parseBaseUrl(`https://${host}:4010/qonto/`).ok).toBe(true);
  });

  it.each([
    { host: "localhost", expected: true },
    { host: "127.255.255.255", expected: true },
    { host: "[::1]", expected: true },
    { host: "localhost.evil.com", expected: false },
    { host: "127.0.0.1.nip.io", expected: false },
    { host: "1127.0.0.1", expected: false },
  ])("isThisMachine($host) = $expected", ({ host, expected }) => {
    expect(isThisMachine(host)).toBe(expected);
  });

  it.each([
    { text: "https://gateway.example/qonto/", baseUrl: "https://gateway.example/qonto" },
    { text: "https://gateway.example//", baseUrl: "https://gateway.example" },
    { text: "https://thirdparty.qonto.com:443", baseUrl: "https://thirdparty.qonto.com" },
    { text: "http://0x7f.0.0.1:4010", baseUrl: "http://127.0.0.1:4010" },
  ])("$text is kept as $baseUrl", ({ text, baseUrl }) => {
    expect(parseBaseUrl(text)).toEqual({ ok: true, baseUrl });
  });

  it.each([
    "https://user:pw@gateway.example",
    "https://gateway.example/?org=1",
    "https://gateway.example/#x",
  ])("%s is refused: the requests would drop part of it", (text) => {
    expect(parseBaseUrl(text)).toMatchObject({ ok: false, error: expect.stringMatching(/must not hold/) });
  });

  it("every command's options refuse it: clients, invoices, rollback", () => {
    const baseUrl = "http://example.com";
    const errors = [
      resolveImportOptions({ file: "c.csv", baseUrl }, API_KEY_ENV).errors,
      resolveInvoiceOptions({ file: "i.csv", baseUrl }, API_KEY_ENV).errors,
      resolveRollbackOptions({ folder: "reports/run", baseUrl }, API_KEY_ENV).errors,
    ];
    for (const e of errors)
      expect(e).toEqual([expect.stringMatching(/^--base-url http:\/\/example\.com .*https/)]);
  });

  it("an api is never made for plain http to another machine, whatever gave the URL (a plan, a journal)", () => {
    expect(() =>
      createQontoApi({ baseUrl: "http://example.com/qonto", auth: { kind: "oauth", accessToken: TOKEN } }),
    ).toThrow(/travel in clear/);
  });

  it("the CLI refuses --base-url http://<another host> with exit 2 and one line, before any request", async () => {
    const { dir, file } = await csvFile([company(1)]);
    for (const args of [
      ["clients", file, "--base-url", "http://example.invalid:9/qonto", "--report-dir", join(dir, "r")],
      [
        "clients",
        file,
        "--dry-run",
        "--base-url",
        "http://localhost.invalid:9",
        "--report-dir",
        join(dir, "r"),
      ],
    ]) {
      const run = await runCli(args, API_KEY_ENV);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(
        /plain http to another machine: the credentials would travel in clear; use https/,
      );
      expect(run.stderr).not.toContain(KEY.secretKey);
    }
  });
});

describe("a path in --base-url is kept", () => {
  it("clients are listed and created under https://gateway/qonto's path (here on 127.0.0.1)", async () => {
    const server = await captureServer(qontoUnder("/qonto"));
    const { dir, file } = await csvFile([company(1), company(2)]);
    const run = await runCli(
      ["clients", file, "--base-url", `${server.url}/qonto/`, "--report-dir", join(dir, "r"), "--json"],
      API_KEY_ENV,
    );
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { outcomes: Record<string, number> }).outcomes.created).toBe(2);
    expect(server.requests.length).toBeGreaterThan(2);
    for (const r of server.requests) expect(r.url).toMatch(/^\/qonto\/v2\/clients(\?|$)/);
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(2);
  });

  it("errors name the API's path; an id cannot climb out of the prefix", async () => {
    const server = await captureServer(qontoUnder("/qonto"));
    const api = createQontoApi({
      baseUrl: `${server.url}/qonto`,
      auth: { kind: "api_key", login: KEY.login, secretKey: KEY.secretKey },
      maxAttempts: 1,
    });
    cleanup.push(() => api.close());
    const missing = await api.getClient("c-1").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(QontoApiError);
    expect((missing as QontoApiError).message).toMatch(/^GET \/v2\/clients\/c-1: 404 not_found/);
    expect(server.requests.map((r) => r.url)).toEqual(["/qonto/v2/clients/c-1"]);
    for (const id of ["..", "."]) {
      const err = await api.deleteClient(id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QontoApiError);
      expect((err as QontoApiError).message).toContain("not sent");
    }
    expect(server.requests).toHaveLength(1);
  });
});

describe("the organization and host are named before the first write", () => {
  it.each<{ auth: QontoAuth; line: string }>([
    {
      auth: { kind: "api_key", login: "acme-1234", secretKey: "s3cret-s3cret" },
      line: 'Writing to organization "acme-1234" at https://thirdparty.qonto.com (API key login)',
    },
    {
      auth: { kind: "oauth", accessToken: "tok-tok-tok-tok" },
      line: "Writing to the organization of the OAuth token at https://thirdparty.qonto.com (the API does not name a token's organization)",
    },
  ])("$auth.kind: $line", ({ auth, line }) => {
    expect(writeTargetLine("https://thirdparty.qonto.com/", auth)).toBe(line);
    // A login is printed escaped: it cannot drive the terminal.
    if (auth.kind === "api_key")
      expect(writeTargetLine("https://x.example", { ...auth, login: "a\u001b[2Jb" })).toContain(
        '"a\\u001b[2Jb"',
      );
  });

  it("the hook runs once, after the reads and just before the first write goes out", async () => {
    const events: string[] = [];
    const server = await captureServer((req) => {
      events.push(`${req.method} ${req.url.split("?")[0]}`);
      return qontoUnder("")(req);
    });
    const api = createQontoApi({
      baseUrl: server.url,
      auth: { kind: "api_key", login: KEY.login, secretKey: KEY.secretKey },
      beforeFirstWrite: () => events.push("announce"),
    });
    cleanup.push(() => api.close());
    await api.listClients();
    await api.createClient({ kind: "company", name: "A" } as const);
    await api.createClient({ kind: "company", name: "B" } as const);
    expect(events).toEqual(["GET /v2/clients", "announce", "POST /v2/clients", "POST /v2/clients"]);
  });

  it("clients: once with the API key's login, never the secret; not in a dry run; the token's run says so", async () => {
    const emulator = await startQontoEmulator();
    const { dir, file } = await csvFile([company(1), company(2), company(3)]);
    const dry = await runCli(
      ["clients", file, "--dry-run", "--base-url", emulator.url, "--report-dir", join(dir, "d")],
      API_KEY_ENV,
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(writingLines(dry.stderr)).toEqual([]);

    const real = await runCli(
      ["clients", file, "--base-url", emulator.url, "--report-dir", join(dir, "r")],
      API_KEY_ENV,
    );
    expect(real.code, real.stderr).toBe(0);
    expect(writingLines(real.stderr)).toEqual([
      `Writing to organization "${KEY.login}" at ${emulator.url} (API key login)`,
    ]);
    expect(real.stderr).not.toContain(KEY.secretKey);

    // Nothing left to write: nothing announced.
    const again = await runCli(
      ["clients", file, "--base-url", emulator.url, "--report-dir", join(dir, "a")],
      API_KEY_ENV,
    );
    expect(again.code, again.stderr).toBe(0);
    expect(writingLines(again.stderr)).toEqual([]);

    const { file: other } = await csvFile([company(4)]);
    const oauth = await runCli(
      ["clients", other, "--base-url", emulator.url, "--report-dir", join(dir, "o")],
      {
        QONTO_ACCESS_TOKEN: TOKEN,
      },
    );
    expect(oauth.code, oauth.stderr).toBe(0);
    expect(writingLines(oauth.stderr)).toEqual([
      `Writing to the organization of the OAuth token at ${emulator.url} (the API does not name a token's organization)`,
    ]);
    expect(oauth.stderr).not.toContain(TOKEN);
  });

  it("apply, invoices and rollback --yes announce once; a rollback plan does not", async () => {
    const emulator = await startQontoEmulator({
      seedClients: await loadSeedFile(join(ROOT, "samples/existing-clients.json")),
    });
    const { dir, file } = await csvFile([company(5), company(6)]);
    const base = ["--base-url", emulator.url];
    const plan = await runCli(
      ["clients", file, "--dry-run", ...base, "--report-dir", join(dir, "p"), "--json"],
      API_KEY_ENV,
    );
    const planDir = (JSON.parse(plan.stdout) as { report_dir: string }).report_dir;
    const applied = await runCli(
      ["apply", join(planDir, "plan.json"), ...base, "--report-dir", join(dir, "a"), "--json"],
      API_KEY_ENV,
    );
    expect(applied.code, applied.stderr).toBe(0);
    const expected = [`Writing to organization "${KEY.login}" at ${emulator.url} (API key login)`];
    expect(writingLines(applied.stderr)).toEqual(expected);

    const invoices = await runCli(
      ["invoices", join(ROOT, "samples/invoices.csv"), ...base, "--report-dir", join(dir, "i")],
      API_KEY_ENV,
    );
    expect(invoices.stderr).toMatch(/created/);
    expect(writingLines(invoices.stderr)).toEqual(expected);

    const appliedDir = (JSON.parse(applied.stdout) as { report_dir: string }).report_dir;
    const rollbackPlan = await runCli(
      ["rollback", appliedDir, ...base, "--report-dir", join(dir, "rp")],
      API_KEY_ENV,
    );
    expect(rollbackPlan.code, rollbackPlan.stderr).toBe(0);
    expect(writingLines(rollbackPlan.stderr)).toEqual([]);
    const rollback = await runCli(
      ["rollback", appliedDir, "--yes", ...base, "--report-dir", join(dir, "ry")],
      API_KEY_ENV,
    );
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(writingLines(rollback.stderr)).toEqual(expected);
  });
});

// Secrets with characters that percent-encoding and base64 treat specially, and both letter cases.
const SECRET = "Sk/Live+Mixed=Case-Secret_0042";
const LOGIN = "acme-1234";
const ACCESS_TOKEN = "oa/Token+Mixed=Case-Value_0077";

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const base64Variants = (s: string) => {
  const padded = b64(s);
  const safe = padded.replace(/\+/g, "-").replace(/\//g, "_");
  return [padded, padded.replace(/=+$/, ""), safe, safe.replace(/=+$/, "")];
};
const swapCase = (s: string) =>
  Array.from(s, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
const allPercent = (s: string) =>
  [...Buffer.from(s, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");

/** The forms a server could echo a secret in: cases, percent-encodings, base64 alone, after a prefix, of the header. */
function echoedForms(secret: string, authorization: string): string[] {
  return [
    secret,
    secret.toUpperCase(),
    secret.toLowerCase(),
    swapCase(secret),
    encodeURIComponent(secret),
    allPercent(secret),
    allPercent(secret).toUpperCase(),
    encodeURIComponent(secret).toLowerCase(),
    ...base64Variants(secret),
    ...base64Variants(authorization),
    ...base64Variants(`x${secret}`),
    ...base64Variants(`xy${secret}`),
    ...base64Variants(`${secret}!`),
    encodeURIComponent(b64(authorization)),
  ];
}

/** Where a form of `secret` shows in `text`: any 10 characters of a form (its edges aside for embedded base64). */
function leaksIn(text: string, forms: readonly string[], secret: string): string[] {
  const found: string[] = [];
  const window = 10;
  for (const form of forms)
    for (let i = 0; i + window <= form.length; i++) {
      const part = form.slice(i, i + window);
      if (text.includes(part)) found.push(`${form} (${part})`);
    }
  const lower = text.toLowerCase();
  for (let i = 0; i + window <= secret.length; i++)
    if (lower.includes(secret.slice(i, i + window).toLowerCase()))
      found.push(`case variant of ${secret.slice(i, i + window)}`);
  return [...new Set(found)];
}

describe("secrets are scrubbed in every form a server could echo", () => {
  const authorization = `${LOGIN}:${SECRET}`;
  const forms = echoedForms(SECRET, authorization);
  const redact = createRedactor([authorization, SECRET]);

  it.each(forms.map((form) => ({ form })))("$form", ({ form }) => {
    const scrubbed = redact(`before ${form} after`);
    expect(scrubbed).toContain("[redacted]");
    expect(scrubbed.startsWith("before ")).toBe(true);
    expect(scrubbed.endsWith(" after")).toBe(true);
    expect(leaksIn(scrubbed, forms, SECRET)).toEqual([]);
  });

  it("the login alone, other text and short values are left as they are", () => {
    expect(redact(`organization ${LOGIN}: name too long (${b64(LOGIN)})`)).toBe(
      `organization ${LOGIN}: name too long (${b64(LOGIN)})`,
    );
    expect(createRedactor(["short"])("a short text")).toBe("a short text");
  });

  it("base64Cores: the characters that depend on the secret alone, at each alignment", () => {
    for (const prefix of ["", "a", "ab", "abc", `${LOGIN}:`, "Bearer "]) {
      const encoded = b64(`${prefix}${SECRET}tail`);
      expect(base64Cores(SECRET).some((core) => encoded.includes(core))).toBe(true);
    }
  });

  it("a trace id from a response header is scrubbed like the rest", async () => {
    const form = b64(authorization);
    const server = await captureServer(() => ({
      status: 422,
      headers: { "x-qonto-trace-id": `trace-${form}` },
      body: { errors: [{ code: "invalid", detail: "no" }] },
    }));
    const api = createQontoApi({
      baseUrl: server.url,
      auth: { kind: "api_key", login: LOGIN, secretKey: SECRET },
    });
    cleanup.push(() => api.close());
    const err = (await api
      .createClient({ kind: "company", name: "A" } as const)
      .catch((e: unknown) => e)) as QontoApiError;
    expect(err.traceId).toBe("trace-[redacted]");
  });

  type Mode = "rejected" | "refused" | "not-json";
  const cases: {
    name: string;
    mode: Mode;
    env: Record<string, string>;
    secret: string;
    authorization: string;
  }[] = [
    ...(["rejected", "refused", "not-json"] as const).map((mode) => ({
      name: `API key, ${mode}`,
      mode,
      env: { QONTO_LOGIN: LOGIN, QONTO_SECRET_KEY: SECRET },
      secret: SECRET,
      authorization,
    })),
    {
      name: "OAuth token, rejected",
      mode: "rejected",
      env: { QONTO_ACCESS_TOKEN: ACCESS_TOKEN },
      secret: ACCESS_TOKEN,
      authorization: `Bearer ${ACCESS_TOKEN}`,
    },
  ];

  it.each(cases)("the real CLI, $name: no form in stdout, stderr or any report file", async (c) => {
    const echoed = echoedForms(c.secret, c.authorization);
    let sent = 0;
    const answer = (req: Captured): Reply => {
      // Each answer carries one form in its headers and every form in its body.
      const form = echoed[sent++ % echoed.length]!;
      const errors = [
        { code: "invalid", detail: `echo ${echoed.join(" ")}`, source: { pointer: `/name/${form}` } },
        { code: form, detail: form },
      ];
      const headers = { "x-qonto-trace-id": form, "x-request-id": form };
      // The list answers, so that the run gets as far as its report; the creates are where the echoes come.
      if (req.method === "GET") return { status: 200, headers, body: EMPTY_LIST };
      if (c.mode === "refused") return { status: 401, headers, body: { errors } };
      if (c.mode === "not-json")
        return {
          status: 200,
          headers: { ...headers, "content-type": `application/x-${form}` },
          body: { errors },
        };
      return { status: 422, headers, body: { errors } };
    };
    const server = await captureServer(answer);
    const { dir, file } = await csvFile([company(1), company(2), company(3)]);
    const reports = join(dir, "reports");
    const run = await runCli(
      ["clients", file, "--base-url", server.url, "--report-dir", reports, "--json"],
      c.env,
    );
    expect(run.code, run.stderr).toBe(c.mode === "rejected" ? 1 : 3);
    expect(server.requests.some((r) => r.method === "POST")).toBe(true);
    expect(server.requests[0]?.headers.authorization).toBe(c.authorization);
    const outputs = [
      { path: "stdout", text: run.stdout },
      { path: "stderr", text: run.stderr },
      ...(await filesUnder(reports)),
    ];
    expect(outputs.length).toBeGreaterThan(3);
    // The echoes did reach the outputs, scrubbed (a 401 is reported without Qonto's words).
    if (c.mode !== "refused") expect(outputs.map((o) => o.text).join("\n")).toContain("[redacted]");
    for (const { path, text } of outputs) expect(leaksIn(text, echoed, c.secret), path).toEqual([]);
  });
});

afterAll(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});
