import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CONCURRENCY,
  publicOptions,
  resolveImportOptions,
  type Env,
  type RawImportOptions,
} from "../src/options/import.js";
import { resolveInvoiceOptions } from "../src/options/invoices.js";
import { PRODUCTION_BASE_URL, SANDBOX_BASE_URL } from "../src/upload/client.js";

const LOGIN = "acme-corp-4821";
const SECRET = "sk_live_9f8e7d6c5b4a";
const TOKEN = "oauth-access-7a6b5c4d3e2f";
const STAGING = "staging-1q2w3e4r5t";

const API_KEY_ENV: Env = { QONTO_LOGIN: LOGIN, QONTO_SECRET_KEY: SECRET };
const OAUTH_ENV: Env = { QONTO_ACCESS_TOKEN: TOKEN };

describe("resolveImportOptions: refused", () => {
  it.each<{ name: string; raw: RawImportOptions; env: Env; error: RegExp }>([
    { name: "no file", raw: {}, env: API_KEY_ENV, error: /missing the file to import/ },
    { name: "blank file", raw: { file: "   " }, env: API_KEY_ENV, error: /missing the file to import/ },
    {
      name: "no credentials and no --dry-run",
      raw: { file: "clients.csv" },
      env: {},
      error: /QONTO_LOGIN.*--dry-run/,
    },
    {
      name: "blank credentials count as none",
      raw: { file: "clients.csv" },
      env: { QONTO_LOGIN: " ", QONTO_SECRET_KEY: "", QONTO_ACCESS_TOKEN: "  " },
      error: /no Qonto credentials/,
    },
    {
      name: "only the login",
      raw: { file: "clients.csv" },
      env: { QONTO_LOGIN: LOGIN },
      error: /^QONTO_SECRET_KEY is not set/,
    },
    {
      name: "only the login, even in a dry run",
      raw: { file: "clients.csv", dryRun: true },
      env: { QONTO_LOGIN: LOGIN },
      error: /^QONTO_SECRET_KEY is not set/,
    },
    {
      name: "only the secret key",
      raw: { file: "clients.csv" },
      env: { QONTO_SECRET_KEY: SECRET },
      error: /^QONTO_LOGIN is not set/,
    },
    {
      name: "both the access token and the API key",
      raw: { file: "clients.csv" },
      env: { ...API_KEY_ENV, ...OAUTH_ENV },
      error: /both QONTO_ACCESS_TOKEN and QONTO_LOGIN\/QONTO_SECRET_KEY/,
    },
    {
      name: "both the access token and a login alone",
      raw: { file: "clients.csv" },
      env: { QONTO_LOGIN: LOGIN, ...OAUTH_ENV },
      error: /keep only one way to sign in/,
    },
    {
      name: "--sandbox without a staging token",
      raw: { file: "clients.csv", sandbox: true },
      env: OAUTH_ENV,
      error: /--sandbox needs QONTO_STAGING_TOKEN/,
    },
    {
      name: "--concurrency 0",
      raw: { file: "clients.csv", concurrency: "0" },
      env: OAUTH_ENV,
      error: /--concurrency must be a whole number from 1 to 50, not "0"/,
    },
    {
      name: "--concurrency 51",
      raw: { file: "clients.csv", concurrency: "51" },
      env: OAUTH_ENV,
      error: /--concurrency .* not "51"/,
    },
    {
      name: "--concurrency x",
      raw: { file: "clients.csv", concurrency: "x" },
      env: OAUTH_ENV,
      error: /--concurrency .* not "x"/,
    },
    {
      name: "--concurrency 2.5",
      raw: { file: "clients.csv", concurrency: "2.5" },
      env: OAUTH_ENV,
      error: /--concurrency .* not "2.5"/,
    },
    {
      name: "--concurrency -3",
      raw: { file: "clients.csv", concurrency: "-3" },
      env: OAUTH_ENV,
      error: /--concurrency .* not "-3"/,
    },
    {
      name: "--on-match merge",
      raw: { file: "clients.csv", onMatch: "merge" },
      env: OAUTH_ENV,
      error: /--on-match must be skip, update or create, not "merge"/,
    },
    {
      name: "--on-match in capitals",
      raw: { file: "clients.csv", onMatch: "SKIP" },
      env: OAUTH_ENV,
      error: /--on-match .* not "SKIP"/,
    },
    {
      name: "--base-url not a URL",
      raw: { file: "clients.csv", baseUrl: "localhost:3000" },
      env: OAUTH_ENV,
      error: /--base-url must be an http\(s\) URL, not "localhost:3000"/,
    },
    {
      name: "--base-url with another protocol",
      raw: { file: "clients.csv", baseUrl: "ftp://thirdparty.qonto.com" },
      env: OAUTH_ENV,
      error: /--base-url must be an http\(s\) URL/,
    },
    {
      name: "--base-url garbage",
      raw: { file: "clients.csv", baseUrl: "not a url" },
      env: OAUTH_ENV,
      error: /--base-url must be an http\(s\) URL/,
    },
    {
      name: "--delimiter of two characters",
      raw: { file: "clients.csv", delimiter: ";;" },
      env: OAUTH_ENV,
      error: /--delimiter must be one character/,
    },
    {
      name: "--org-country that is no country",
      raw: { file: "clients.csv", orgCountry: "Narnia" },
      env: OAUTH_ENV,
      error: /--org-country: "Narnia" is not a country we know/,
    },
    {
      name: "--default-country as a retired or made-up code",
      raw: { file: "clients.csv", defaultCountry: "XX" },
      env: OAUTH_ENV,
      error: /--default-country: "XX" is not a country we know/,
    },
  ])("$name → error", ({ raw, env, error }) => {
    const resolved = resolveImportOptions(raw, env);
    expect(resolved.options).toBeUndefined();
    expect(
      resolved.errors.some((e) => error.test(e)),
      JSON.stringify(resolved.errors),
    ).toBe(true);
  });

  it("reports every problem at once, not just the first", () => {
    const resolved = resolveImportOptions({ concurrency: "0", onMatch: "merge", baseUrl: "nope" }, {});
    expect(resolved.options).toBeUndefined();
    expect(resolved.errors).toHaveLength(5);
    for (const word of ["missing the file", "--concurrency", "--on-match", "--base-url", "QONTO_LOGIN"])
      expect(resolved.errors.join("\n")).toContain(word);
  });

  it("error messages never repeat a secret", () => {
    const resolved = resolveImportOptions(
      { file: "clients.csv" },
      { QONTO_LOGIN: LOGIN, QONTO_SECRET_KEY: SECRET, QONTO_ACCESS_TOKEN: TOKEN },
    );
    const text = JSON.stringify(resolved);
    for (const secret of [SECRET, TOKEN]) expect(text).not.toContain(secret);
  });
});

describe("resolveImportOptions: accepted", () => {
  it("dry run without credentials: ok, with a warning and no auth", () => {
    const resolved = resolveImportOptions({ file: "clients.csv", dryRun: true }, {});
    expect(resolved.errors).toEqual([]);
    expect(resolved.options?.dryRun).toBe(true);
    expect(resolved.options?.auth).toBeUndefined();
    expect(resolved.warnings).toHaveLength(1);
    expect(resolved.warnings[0]).toMatch(/no Qonto credentials/);
  });

  it("API key pair → api_key auth, defaults filled", () => {
    const resolved = resolveImportOptions({ file: "clients.csv" }, API_KEY_ENV);
    expect(resolved.errors).toEqual([]);
    expect(resolved.warnings).toEqual([]);
    expect(resolved.options).toEqual({
      file: resolve("clients.csv"),
      dryRun: false,
      baseUrl: PRODUCTION_BASE_URL,
      auth: { kind: "api_key", login: LOGIN, secretKey: SECRET },
      concurrency: DEFAULT_CONCURRENCY,
      // Qonto's 1,000 / 10 s and 10,000 / 10 min, less 10 %.
      rateLimits: [
        { limit: 900, windowMs: 10_000 },
        { limit: 9000, windowMs: 600_000 },
      ],
      reportDir: resolve("reports"),
      onMatch: "skip",
      matchOn: new Set([
        "vat_number",
        "tax_identification_number",
        "e_invoicing_address",
        "email",
        "name_zip",
      ]),
      settleMs: 30_000,
      clearEmpty: false,
      orgCountry: "FR",
      currency: "EUR",
      requireInvoiceable: false,
      strict: false,
      quiet: false,
      json: false,
      newRun: false,
      lang: "en",
    });
  });

  it("credentials are trimmed of surrounding whitespace", () => {
    const resolved = resolveImportOptions(
      { file: "clients.csv" },
      { QONTO_LOGIN: ` ${LOGIN}\n`, QONTO_SECRET_KEY: `${SECRET} ` },
    );
    expect(resolved.options?.auth).toEqual({ kind: "api_key", login: LOGIN, secretKey: SECRET });
  });

  it("access token → oauth auth", () => {
    const resolved = resolveImportOptions({ file: "clients.csv" }, OAUTH_ENV);
    expect(resolved.errors).toEqual([]);
    expect(resolved.options?.auth).toEqual({ kind: "oauth", accessToken: TOKEN });
  });

  it("dry run with credentials keeps them, to check existing clients", () => {
    const resolved = resolveImportOptions({ file: "clients.csv", dryRun: true }, OAUTH_ENV);
    expect(resolved.warnings).toEqual([]);
    expect(resolved.options?.auth?.kind).toBe("oauth");
  });

  it.each<{ name: string; raw: RawImportOptions; env: Env; baseUrl: string }>([
    { name: "default", raw: {}, env: OAUTH_ENV, baseUrl: PRODUCTION_BASE_URL },
    {
      name: "--sandbox with a staging token",
      raw: { sandbox: true },
      env: { ...OAUTH_ENV, QONTO_STAGING_TOKEN: STAGING },
      baseUrl: SANDBOX_BASE_URL,
    },
    {
      name: "--sandbox in a dry run without credentials",
      raw: { sandbox: true, dryRun: true },
      env: {},
      baseUrl: SANDBOX_BASE_URL,
    },
    {
      name: "--base-url trailing slash dropped",
      raw: { baseUrl: "http://127.0.0.1:4010/" },
      env: OAUTH_ENV,
      baseUrl: "http://127.0.0.1:4010",
    },
    {
      name: "--base-url with a path",
      raw: { baseUrl: "https://proxy.example.com/qonto/" },
      env: OAUTH_ENV,
      baseUrl: "https://proxy.example.com/qonto",
    },
  ])("base URL: $name", ({ raw, env, baseUrl }) => {
    const resolved = resolveImportOptions({ file: "clients.csv", ...raw }, env);
    expect(resolved.errors).toEqual([]);
    expect(resolved.options?.baseUrl).toBe(baseUrl);
  });

  it("the sandbox keeps the staging token for the requests", () => {
    const resolved = resolveImportOptions(
      { file: "clients.csv", sandbox: true },
      { ...API_KEY_ENV, QONTO_STAGING_TOKEN: STAGING },
    );
    expect(resolved.options?.stagingToken).toBe(STAGING);
    expect(resolved.options?.baseUrl).toBe(SANDBOX_BASE_URL);
  });

  it.each([
    { flag: "tab", expected: "\t" },
    { flag: "\\t", expected: "\t" },
    { flag: ";", expected: ";" },
    { flag: "|", expected: "|" },
  ])("--delimiter $flag → $expected", ({ flag, expected }) => {
    const resolved = resolveImportOptions({ file: "clients.csv", delimiter: flag }, OAUTH_ENV);
    expect(resolved.errors).toEqual([]);
    expect(resolved.options?.delimiter).toBe(expected);
  });

  it("no --delimiter leaves the delimiter to sniffing", () => {
    expect(resolveImportOptions({ file: "clients.csv" }, OAUTH_ENV).options).not.toHaveProperty("delimiter");
  });

  it.each([
    { concurrency: "1", expected: 1 },
    { concurrency: "50", expected: 50 },
    { concurrency: "12", expected: 12 },
  ])("--concurrency $concurrency", ({ concurrency, expected }) => {
    expect(resolveImportOptions({ file: "clients.csv", concurrency }, OAUTH_ENV).options?.concurrency).toBe(
      expected,
    );
  });

  it.each(["skip", "update", "create"])("--on-match %s", (onMatch) => {
    expect(resolveImportOptions({ file: "clients.csv", onMatch }, OAUTH_ENV).options?.onMatch).toBe(onMatch);
  });

  it("country flags are upper-cased; report dir and file are made absolute", () => {
    const resolved = resolveImportOptions(
      {
        file: "in/clients.csv",
        orgCountry: "it",
        defaultCountry: "fr",
        reportDir: "out",
        quiet: true,
        json: true,
      },
      OAUTH_ENV,
    );
    expect(resolved.options).toMatchObject({
      file: resolve("in/clients.csv"),
      reportDir: resolve("out"),
      orgCountry: "IT",
      defaultCountry: "FR",
      quiet: true,
      json: true,
    });
  });
});

describe("publicOptions", () => {
  it.each<{ name: string; env: Env; raw: RawImportOptions; auth: string; staging: string }>([
    { name: "API key", env: API_KEY_ENV, raw: {}, auth: "api_key", staging: "absent" },
    { name: "access token", env: OAUTH_ENV, raw: {}, auth: "oauth", staging: "absent" },
    {
      name: "sandbox",
      env: { ...API_KEY_ENV, QONTO_STAGING_TOKEN: STAGING },
      raw: { sandbox: true },
      auth: "api_key",
      staging: "set",
    },
    { name: "dry run, no credentials", env: {}, raw: { dryRun: true }, auth: "none", staging: "absent" },
  ])("$name: says how the run signs in, never with what", ({ env, raw, auth, staging }) => {
    const resolved = resolveImportOptions({ file: "clients.csv", ...raw }, env);
    expect(resolved.errors).toEqual([]);
    const options = resolved.options;
    if (options === undefined) expect.fail("options expected");
    const json = JSON.stringify(publicOptions(options));
    for (const secret of [LOGIN, SECRET, TOKEN, STAGING]) expect(json).not.toContain(secret);
    expect(publicOptions(options)).toMatchObject({ auth, staging_token: staging });
    expect(publicOptions(options)).not.toHaveProperty("stagingToken");
    // The rest of the options are still there for the report.
    expect(publicOptions(options)).toMatchObject({ file: resolve("clients.csv"), baseUrl: options.baseUrl });
  });
});

describe("countries given as options", () => {
  it.each([
    ["Italy", "IT"],
    ["italia", "IT"],
    ["FRA", "FR"],
    ["uk", "GB"],
  ])("%s → %s, as in a row", (value, code) => {
    const resolved = resolveImportOptions(
      { file: "clients.csv", dryRun: true, orgCountry: value, defaultCountry: value },
      {},
    );
    expect(resolved.options).toMatchObject({ orgCountry: code, defaultCountry: code });
  });
});

describe("resolveInvoiceOptions", () => {
  it("says what an invoices dry run without credentials does not check, and how to call the command", () => {
    const dry = resolveInvoiceOptions({ file: "factures.csv", dryRun: true }, {});
    expect(dry.warnings).toEqual([
      "no Qonto credentials: the dry run does not check the invoices' clients and the invoice numbers Qonto already has",
    ]);
    expect(resolveInvoiceOptions({}, {}).errors).toContain(
      "missing the file to import: qonto-import invoices <file.csv>",
    );
  });

  it.each([
    [{ status: "paid" }, '--status must be draft or unpaid, not "paid"'],
    [{ dateFormat: "ymd" }, '--date-format must be dmy (day first) or mdy (month first), not "ymd"'],
    [{ paymentIban: "FR7630006000011234567890180" }, "--payment-iban:"],
    [{ vatRates: "abc" }, '--vat-rates: "abc" is not a rate below 100 %'],
    [{ vatRates: "100" }, '--vat-rates: "100" is not a rate below 100 %'],
    [{ vatRates: "-3" }, '--vat-rates: "-3" is not a rate below 100 %'],
  ])("refuses %j", (raw, error) => {
    const r = resolveInvoiceOptions({ file: "f.csv", dryRun: true, ...raw }, {});
    expect(r.options).toBeUndefined();
    expect(r.errors.join("; ")).toContain(error);
  });

  it.each([
    [undefined, []],
    ["12.5,3", ["0.125", "0.03"]],
    [" 5.5 % , 19.6 ", ["0.055", "0.196"]],
    ["0.9", ["0.009"]], // a percent, even below 1: "0.9" is 0.9 %
    ["7,7", ["0.07"]],
  ])("--vat-rates %j allows the rates (fractions) %j on top of the country's", (vatRates, rates) => {
    const r = resolveInvoiceOptions({ file: "f.csv", dryRun: true, ...(vatRates ? { vatRates } : {}) }, {});
    expect(r.errors).toEqual([]);
    expect(r.options?.extraVatRates).toEqual(rates);
  });
});
