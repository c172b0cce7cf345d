import { resolve } from "node:path";
import iconv from "iconv-lite";
import { LANGS, langFromEnv, parseLang, type Lang } from "../i18n/lang.js";
import type { SourceField } from "../map/aliases.js";
import { normalizeCountry } from "../validate/countries.js";
import type { NormalizeDefaults } from "../validate/normalize.js";
import type { OnMatch } from "../dedupe/plan.js";
import { ALL_KEYS, formatMatchOn, parseMatchOn, type MatchOn } from "../dedupe/match.js";
import { DEFAULT_SETTLE_MS } from "../upload/settle.js";
import { parseBaseUrl } from "../upload/base-url.js";
import { PRODUCTION_BASE_URL, SANDBOX_BASE_URL, type QontoAuth } from "../upload/client.js";
import {
  formatRateLimits,
  parseRateLimits,
  DEFAULT_RATE_LIMITS,
  type RateWindow,
} from "../upload/rate-limiter.js";

/** Options as they arrive: flag strings and environment variables, nothing checked yet. */
export interface RawImportOptions {
  file?: string;
  /** Worker threads for a big file's rows (QONTO_IMPORT_THREADS). */
  threads?: string;
  dryRun?: boolean;
  baseUrl?: string;
  sandbox?: boolean;
  concurrency?: string;
  rateLimit?: string;
  reportDir?: string;
  onMatch?: string;
  /** --match-on: comma-separated keys (vat, tin, einvoicing, email, name). */
  matchOn?: string;
  /** --settle-delay: "30s", "1500ms", "2m" or seconds. */
  settleDelay?: string;
  clearEmpty?: boolean;
  delimiter?: string;
  encoding?: string;
  sheet?: string;
  map?: string;
  orgCountry?: string;
  defaultCountry?: string;
  defaultCurrency?: string;
  requireInvoiceable?: boolean;
  strict?: boolean;
  quiet?: boolean;
  json?: boolean;
  /** A report folder whose run this one finishes. */
  resume?: string;
  /** Start a new run even though an unfinished one of the same file exists. */
  newRun?: boolean;
  /** --lang: the language of the reports and messages (en, fr, it, es, de); from LC_ALL/LANG when not given. */
  lang?: string;
}

export interface ImportOptions {
  file: string;
  dryRun: boolean;
  baseUrl: string;
  /** Undefined only in a dry run without credentials: existing clients are then not checked. */
  auth?: QontoAuth;
  stagingToken?: string;
  concurrency: number;
  /** Windows the client-side scheduler keeps every request of the run under (at 90 %): Qonto's by default. */
  rateLimits: RateWindow[];
  reportDir: string;
  onMatch: OnMatch;
  /** The keys that may propose a match (--match-on; all by default). */
  matchOn: MatchOn;
  /** How long after a create without an answer its row is looked up, in ms (--settle-delay). */
  settleMs: number;
  /** With --on-match update, a mapped field the row leaves empty is cleared on the existing client. */
  clearEmpty: boolean;
  delimiter?: string;
  encoding?: string;
  /** XLSX: sheet name or 1-based index; default: the first sheet with a recognisable header. */
  sheet?: string;
  /** A mapping file (--map): explicit columns, constants, ignored columns. */
  mapFile?: string;
  orgCountry: string;
  defaultCountry?: string;
  /** For rows without a currency (--default-currency, EUR when not given). */
  currency: string;
  /** A client that could not be invoiced is an error rather than a warning. */
  requireInvoiceable: boolean;
  /** Warnings are errors. */
  strict: boolean;
  quiet: boolean;
  json: boolean;
  /** The report folder of the unfinished run this one finishes (same file, same options). */
  resume?: string;
  newRun: boolean;
  /** The language people read the report and the console in; codes, columns' keys and JSON stay English. */
  lang: Lang;
  /** Worker threads normalizing a big file's rows (QONTO_IMPORT_THREADS; 0: none); undefined: one per core but one,
   * at most four. */
  threads?: number;
}

export type Env = Record<string, string | undefined>;

export interface Resolved {
  options?: ImportOptions;
  warnings: string[];
  errors: string[];
}

export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 50;

const MAX_SETTLE_MS = 600_000;
const MAX_THREADS = 16;

/** "30s", "1500ms", "2m", or a bare number of seconds, in ms; undefined when it is none of these. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(text);
  if (m === null) return undefined;
  const unit = (m[2] ?? "s").toLowerCase();
  return Math.round(Number(m[1]) * (unit === "ms" ? 1 : unit === "m" ? 60_000 : 1000));
}

export const nonEmpty = (v: string | undefined): string | undefined =>
  v === undefined || v.trim() === "" ? undefined : v.trim();

/** What differs between the commands that read a file: how to call them, and what a dry run cannot check. */
const COMMAND_TEXTS = {
  clients: { usage: "qonto-import clients <file.csv>", unchecked: "which clients already exist in Qonto" },
  invoices: {
    usage: "qonto-import invoices <file.csv>",
    unchecked: "the invoices' clients and the invoice numbers Qonto already has",
  },
} as const;

/** The one place where flags and environment become options: every default is filled here, nothing throws. */
export function resolveImportOptions(
  raw: RawImportOptions,
  env: Env,
  command: keyof typeof COMMAND_TEXTS = "clients",
): Resolved {
  const texts = COMMAND_TEXTS[command];
  const errors: string[] = [];
  const warnings: string[] = [];

  const file = nonEmpty(raw.file);
  if (file === undefined) errors.push(`missing the file to import: ${texts.usage}`);

  const dryRun = raw.dryRun === true;

  let concurrency = DEFAULT_CONCURRENCY;
  if (raw.concurrency !== undefined) {
    const n = Number(raw.concurrency);
    if (!Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY)
      errors.push(
        `--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, not "${raw.concurrency}"`,
      );
    else concurrency = n;
  }

  let rateLimits = [...DEFAULT_RATE_LIMITS];
  if (raw.rateLimit !== undefined) {
    const parsed = parseRateLimits(raw.rateLimit);
    if (parsed.ok) rateLimits = parsed.windows;
    else errors.push(`--rate-limit: ${parsed.error}`);
  }

  const onMatch = (raw.onMatch ?? "skip") as OnMatch;
  if (!["skip", "update", "create"].includes(onMatch))
    errors.push(`--on-match must be skip, update or create, not "${raw.onMatch}"`);

  let settleMs = DEFAULT_SETTLE_MS;
  if (raw.settleDelay !== undefined) {
    const ms = parseDuration(raw.settleDelay);
    if (ms === undefined || ms > MAX_SETTLE_MS)
      errors.push(
        `--settle-delay must be a duration up to 10m such as 30s, 1500ms or 2m, not "${raw.settleDelay}"`,
      );
    else settleMs = ms;
  }

  let matchOn = ALL_KEYS;
  if (raw.matchOn !== undefined) {
    const parsed = parseMatchOn(raw.matchOn);
    if (parsed.ok) matchOn = parsed.keys;
    else errors.push(`--match-on: ${parsed.error}`);
  }

  let baseUrl = raw.sandbox === true ? SANDBOX_BASE_URL : PRODUCTION_BASE_URL;
  if (raw.baseUrl !== undefined) {
    const parsed = parseBaseUrl(raw.baseUrl);
    if (parsed.ok) baseUrl = parsed.baseUrl;
    else errors.push(parsed.error);
  }

  const login = nonEmpty(env.QONTO_LOGIN);
  const secretKey = nonEmpty(env.QONTO_SECRET_KEY);
  const accessToken = nonEmpty(env.QONTO_ACCESS_TOKEN);
  const stagingToken = nonEmpty(env.QONTO_STAGING_TOKEN);
  let auth: QontoAuth | undefined;
  if (accessToken !== undefined && (login !== undefined || secretKey !== undefined)) {
    errors.push(
      "both QONTO_ACCESS_TOKEN and QONTO_LOGIN/QONTO_SECRET_KEY are set: keep only one way to sign in",
    );
  } else if (accessToken !== undefined) {
    auth = { kind: "oauth", accessToken };
  } else if (login !== undefined && secretKey !== undefined) {
    auth = { kind: "api_key", login, secretKey };
  } else if (login !== undefined || secretKey !== undefined) {
    errors.push(
      `${login === undefined ? "QONTO_LOGIN" : "QONTO_SECRET_KEY"} is not set: the API key needs both QONTO_LOGIN and QONTO_SECRET_KEY`,
    );
  } else if (!dryRun) {
    errors.push(
      "no Qonto credentials: set QONTO_LOGIN and QONTO_SECRET_KEY (or QONTO_ACCESS_TOKEN), or use --dry-run",
    );
  } else {
    warnings.push(`no Qonto credentials: the dry run does not check ${texts.unchecked}`);
  }
  if (raw.sandbox === true && stagingToken === undefined && auth !== undefined)
    errors.push("--sandbox needs QONTO_STAGING_TOKEN (from the Qonto Developer Portal)");

  // Countries as a row would give them: a code (FR, FRA) or a name (France, Italia).
  const orgCountry = normalizeCountry(raw.orgCountry ?? "FR");
  if (orgCountry === undefined) errors.push(`--org-country: "${raw.orgCountry}" is not a country we know`);
  let defaultCountry: string | undefined;
  if (raw.defaultCountry !== undefined) {
    defaultCountry = normalizeCountry(raw.defaultCountry);
    if (defaultCountry === undefined)
      errors.push(`--default-country: "${raw.defaultCountry}" is not a country we know`);
  }

  let delimiter: string | undefined;
  if (raw.delimiter !== undefined) {
    delimiter = raw.delimiter === "tab" || raw.delimiter === "\\t" ? "\t" : raw.delimiter;
    if (delimiter.length !== 1)
      errors.push(`--delimiter must be one character (or "tab"), not "${raw.delimiter}"`);
  }

  const currency = (raw.defaultCurrency ?? "EUR").toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    errors.push(
      `--default-currency must be a three-letter ISO 4217 code such as EUR, not "${raw.defaultCurrency}"`,
    );

  let encoding: string | undefined;
  if (raw.encoding !== undefined) {
    encoding = raw.encoding.toLowerCase();
    if (!iconv.encodingExists(encoding))
      errors.push(
        `--encoding "${raw.encoding}" is not an encoding we know (try utf-8, windows-1252, utf-16le)`,
      );
  }

  if (raw.clearEmpty === true && onMatch !== "update")
    errors.push("--clear-empty only applies with --on-match update");
  if (raw.resume !== undefined && dryRun)
    errors.push("--resume finishes an import: it cannot be a --dry-run");
  if (raw.resume !== undefined && raw.newRun === true)
    errors.push("--resume and --new-run contradict each other");
  const lang = nonEmpty(raw.lang) === undefined ? langFromEnv(env) : parseLang(raw.lang);
  if (lang === undefined)
    errors.push(`--lang must be one of ${LANGS.join(", ")} (got ${JSON.stringify(raw.lang)})`);
  const threadsText = nonEmpty(raw.threads);
  const threads = threadsText === undefined ? undefined : Number(threadsText);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 0 && threads <= MAX_THREADS))
    errors.push(
      `QONTO_IMPORT_THREADS (threads) must be a whole number from 0 to ${MAX_THREADS} (0: no worker thread), not "${threadsText}"`,
    );
  if (errors.length > 0 || file === undefined || orgCountry === undefined || lang === undefined)
    return { warnings, errors };
  const options: ImportOptions = {
    file: resolve(file),
    dryRun,
    baseUrl,
    concurrency,
    rateLimits,
    reportDir: resolve(raw.reportDir ?? "reports"),
    onMatch,
    matchOn,
    settleMs,
    clearEmpty: raw.clearEmpty === true,
    orgCountry,
    currency,
    requireInvoiceable: raw.requireInvoiceable === true,
    strict: raw.strict === true,
    quiet: raw.quiet === true,
    json: raw.json === true,
    newRun: raw.newRun === true,
    lang,
  };
  if (nonEmpty(raw.resume) !== undefined) options.resume = resolve(raw.resume ?? "");
  if (auth !== undefined) options.auth = auth;
  if (stagingToken !== undefined) options.stagingToken = stagingToken;
  if (delimiter !== undefined) options.delimiter = delimiter;
  if (encoding !== undefined) options.encoding = encoding;
  if (nonEmpty(raw.sheet) !== undefined) options.sheet = raw.sheet?.trim();
  if (nonEmpty(raw.map) !== undefined) options.mapFile = resolve(raw.map ?? "");
  if (defaultCountry !== undefined) options.defaultCountry = defaultCountry;
  if (threads !== undefined) options.threads = threads;
  return { options, warnings, errors };
}

/** What normalization needs of the options, plus a mapping file's constants. */
export function normalizeDefaultsOf(
  options: ImportOptions,
  constants: Partial<Record<SourceField, string>>,
): NormalizeDefaults {
  const defaults: NormalizeDefaults = {
    orgCountry: options.orgCountry,
    currency: options.currency,
    constants,
    requireInvoiceable: options.requireInvoiceable,
    strict: options.strict,
  };
  if (options.defaultCountry !== undefined) defaults.defaultCountry = options.defaultCountry;
  return defaults;
}

/** Options as they may appear in a report: how the run signed in, never with what. */
export function publicOptions(options: ImportOptions): Record<string, unknown> {
  const { auth, stagingToken, rateLimits, matchOn, ...rest } = options;
  return {
    ...rest,
    match_on: formatMatchOn(matchOn),
    rate_limits: formatRateLimits(rateLimits),
    auth: auth?.kind ?? "none",
    staging_token: stagingToken === undefined ? "absent" : "set",
  };
}

/** The options a journal recorded (see journalOptions), as flags again: a resume runs with exactly these. */
export function rawOptionsOfJournal(stored: Record<string, unknown>): RawImportOptions {
  const text = (key: string): string | undefined => {
    const value = stored[key];
    return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
  };
  const raw: RawImportOptions = {
    requireInvoiceable: stored.requireInvoiceable === true,
    strict: stored.strict === true,
    clearEmpty: stored.clearEmpty === true,
  };
  const set = (field: keyof RawImportOptions, key: string) => {
    const value = text(key);
    if (value !== undefined) (raw as Record<string, unknown>)[field] = value;
  };
  set("file", "file");
  set("baseUrl", "baseUrl");
  set("onMatch", "onMatch");
  set("matchOn", "matchOn");
  set("map", "mapFile");
  set("delimiter", "delimiter");
  set("encoding", "encoding");
  set("sheet", "sheet");
  set("orgCountry", "orgCountry");
  set("defaultCountry", "defaultCountry");
  set("defaultCurrency", "currency");
  set("concurrency", "concurrency");
  set("rateLimit", "rateLimits");
  return raw;
}
