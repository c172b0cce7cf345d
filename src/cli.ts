#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { AbortRunError, EXIT, InputFileError, RunLockedError, UsageError, type ExitCode } from "./errors.js";
import {
  DEFAULT_CONCURRENCY,
  MAX_CONCURRENCY,
  rawOptionsOfJournal,
  resolveImportOptions,
  type Env,
  type RawImportOptions,
} from "./options/import.js";
import { resolveRollbackOptions } from "./options/rollback.js";
import {
  rawInvoiceOptionsOfJournal,
  resolveInvoiceOptions,
  type RawInvoiceOptions,
} from "./options/invoices.js";
import { describeFsError } from "./parse/csv.js";
import { formatSummary } from "./report/console.js";
import { NOT_IMPORTED, type Outcome } from "./report/outcome.js";
import type { ApplySettings } from "./clients/apply.js";
import type { ExecuteOutcome, RunHooks } from "./execute/types.js";
import { printable, terminalSafe } from "./report/printable.js";
import { createProgress, type ProgressEvent } from "./report/progress.js";
import { runClientsImport } from "./clients/run.js";
import { parseRateLimits, type RateWindow } from "./upload/rate-limiter.js";
import { TOOL } from "./version.js";

const MAIN_HELP = `qonto-import ${TOOL.version}: import clients from CSV and XLSX files into Qonto

Usage:
  qonto-import clients <file> [options]       import clients (see: qonto-import clients --help)
  qonto-import invoices <file> [options]      import client invoices (see: qonto-import invoices --help)
  qonto-import inspect <file> [options]       show how a file will be read, importing nothing
  qonto-import apply <plan.json> [options]    carry out the plan a --dry-run wrote
  qonto-import rollback <report-folder>       undo a clients run: delete what it created, restore what it updated
                                              (a plan unless --yes; see: qonto-import rollback --help)
  qonto-import template clients|invoices      write a template to fill in (see: qonto-import template --help)
  qonto-import emulator [options]             run the local Qonto emulator (see: qonto-import emulator --help)
  qonto-import --help | --version

Credentials come from the environment, never from flags:
  QONTO_LOGIN + QONTO_SECRET_KEY   API key (sent as "Authorization: login:secret-key")
  QONTO_ACCESS_TOKEN               OAuth access token (sent as "Authorization: Bearer ...")
  QONTO_STAGING_TOKEN              required with --sandbox

Exit codes:
  0  every row imported or legitimately skipped (already in Qonto, duplicate in the file)
  1  some rows were not imported (invalid, need review, or failed); the report says which and why
  2  usage or configuration error, an input file that cannot be read, or another run writing to the same
     organization or report folder; nothing was sent
  3  the run stopped part-way (credentials refused, Qonto unreachable); the report says which rows were not sent
  130  interrupted (Ctrl-C or SIGTERM) after finishing the requests under way; run the same command again to finish
`;

const CLIENTS_HELP = `Usage: qonto-import clients <file.csv|file.xlsx> [options]
       qonto-import clients --resume <report-folder>

Reads clients from a CSV or XLSX file, validates them against Qonto's contract, skips the ones Qonto already has,
creates the rest, and writes a report folder (results.csv, summary.json) with one outcome per input row.

Options:
  --dry-run               validate and plan only: nothing is written to Qonto (credentials optional; with them,
                          existing clients are checked too)
  --on-match <mode>       what to do with a row that matches an existing Qonto client:
                          skip (default) leaves it alone, update sends the fields that differ, create creates anyway
  --match-on <keys>       the keys that may find a row's client, comma-separated, among vat, tin, einvoicing, email,
                          name (default: all); "vat,tin,email" never matches on names. Two records whose VAT numbers,
                          tax ids or e-mails differ are never matched, whatever the keys
  --clear-empty           with --on-match update: an empty cell clears the client's value (default: an empty cell
                          never blanks anything); only fields the file has a column for
  --base-url <url>        Qonto API base URL, its path kept (default: https://thirdparty.qonto.com); https, as the
                          credentials go with every request: plain http only to this machine (127.0.0.1, [::1], localhost)
  --sandbox               use Qonto's sandbox (https://thirdparty-sandbox.staging.qonto.co) with QONTO_STAGING_TOKEN
  --concurrency <n>       parallel requests, 1 to ${MAX_CONCURRENCY} (default: ${DEFAULT_CONCURRENCY}); Qonto's rate limits are respected whatever the value
  --rate-limit <spec>     the windows every request of the run keeps under, kept exactly (default: Qonto's
                          1000/10s,10000/10m less 10 %, that is 900/10s,9000/10m)
  --report-dir <dir>      folder in which each run's report folder is written (default: ./reports)
  --resume <folder>       finish the run whose report folder this is, with its options: rows it did are not sent
                          again, rows it had on their way are looked up in Qonto first. Running the same command
                          again does the same on its own. Give the run's --base-url (or --sandbox) again: a
                          journal never chooses where the credentials go, and one made for another is refused
  --new-run               start a new run even though an unfinished run of the same file exists
  --settle-delay <time>   how long after a create that got no answer its row is looked up in Qonto before it is
                          sent again (default: 30s; longer than a request's timeout). The run goes on meanwhile
  --delimiter <char>      CSV delimiter: , ; | or tab (default: detected from the file's first lines)
  --encoding <name>       file encoding, e.g. utf-8, windows-1252, iso-8859-7, utf-16le (default: detected from the
                          byte-order mark, else UTF-8 if the bytes are valid UTF-8, else windows-1252; a file that
                          reads garbled as windows-1252, such as Greek or Cyrillic, is refused: give its encoding)
  --sheet <name|n>        XLSX: the sheet to read, by name or 1-based number (default: the first sheet with a
                          recognisable header)
  --map <mapping.json>    explicit column mapping, constant values and ignored columns (see the README)
  --org-country <CC>      country of your Qonto organization (default: FR); freelancer clients need IT
  --default-country <CC>  country for rows that have none
  --default-currency <C>  currency for rows that have none (default: EUR)
  --require-invoiceable   refuse a client Qonto could not invoice (no full billing address) instead of warning
  --strict                treat every warning as an error: nothing is sent with a value dropped or doubted
  --json                  print the summary as JSON on stdout instead of the text summary
  --quiet                 print nothing but errors
  -h, --help              show this help
`;

const INVOICES_HELP = `Usage: qonto-import invoices <file.csv|file.xlsx> [options]
       qonto-import invoices --resume <report-folder>

Reads client invoices from a CSV or XLSX file, one row per invoice line (rows sharing an invoice number form one
invoice), validates them against Qonto's contract, finds each invoice's client in Qonto, skips the numbers Qonto
already has, creates the rest exactly once, and writes a report folder with one outcome per line.

Options:
  --dry-run               validate and plan only: nothing is written to Qonto (credentials optional; with them,
                          clients and existing invoice numbers are checked too)
  --clients-report <dir>  the report folder of a clients import whose clients the invoices may name (repeatable);
                          after a clients --dry-run, its would-be clients count as pending in an invoices dry run
  --payment-iban <IBAN>   IBAN for invoices without one (Qonto requires one on every invoice)
  --status <s>            draft or unpaid, for invoices without a status (default: Qonto's, unpaid)
  --date-format <dmy|mdy> the file's day/month order, when its dates fit both (default: detected from every date)
  --org-country <CC>      country of your Qonto organization (default: FR): Italian-only fields need IT, and a
                          line's VAT rate must be one of the country's (FR, IT, ES and DE have a list)
  --vat-rates <list>      VAT rates allowed besides the country's, in percent with a decimal point: 12.5,3 (for a
                          country without a list, these are its list)
  --base-url <url>        as for the clients command
  --sandbox               as for the clients command
  --concurrency <n>       as for the clients command
  --rate-limit <spec>     as for the clients command
  --report-dir <dir>      as for the clients command
  --resume <folder>       finish the invoices run whose report folder this is (re-running the command does too)
  --new-run               start a new run even though an unfinished run of the same file exists
  --settle-delay <time>   how long after an invoice create that got no answer its number is looked up in Qonto
                          before it is sent again (default: 30s; longer than a request's timeout)
  --delimiter <char>      as for the clients command
  --encoding <name>       as for the clients command
  --sheet <name|n>        as for the clients command
  --strict                treat every warning as an error
  --json                  print the summary as JSON on stdout instead of the text summary
  --quiet                 print nothing but errors
  -h, --help              show this help
`;

const INSPECT_HELP = `Usage: qonto-import inspect <file.csv|file.xlsx> [options]

Shows how a file will be read, without importing anything or contacting Qonto: the detected format, encoding,
delimiter, sheet and header row, which column feeds which Qonto field, the columns left out, and the first rows
as the payloads Qonto would receive (or the problems that would stop them).

Options:
  --rows <n>              rows to show (default: 5)
  --delimiter <char>      as for the clients command
  --encoding <name>       as for the clients command
  --sheet <name|n>        as for the clients command
  --map <mapping.json>    as for the clients command
  --org-country <CC>      as for the clients command
  --default-country <CC>  as for the clients command
  --default-currency <C>  as for the clients command
  --require-invoiceable   as for the clients command
  --strict                as for the clients command
  --json                  print the result as JSON
  -h, --help              show this help
`;

const EMULATOR_HELP = `Usage: qonto-import emulator [options]

Runs a local, stateful stand-in for Qonto's clients API (GET/POST /v2/clients, GET/PATCH/DELETE /v2/clients/{id})
on 127.0.0.1, to try imports without touching a real organization. State lives in memory unless --data is given.
It also emulates client invoices (POST /v2/client_invoices, validated and totalled as Qonto's contract says, 409
on a number already used; GET /v2/client_invoices with status and date filters and pagination).
It applies Qonto's rate limits, and can be made hostile with faults, to see how an import copes.

It accepts the credentials in QONTO_LOGIN + QONTO_SECRET_KEY or QONTO_ACCESS_TOKEN when they are set, and
otherwise the demo credentials QONTO_LOGIN=emulator-org QONTO_SECRET_KEY=emulator-secret.

Options:
  --port <n>                 port to listen on (default: 0, any free port; the URL is printed)
  --clients <file.json>      start with these clients (a JSON array, or {"clients": [...]})
  --org-country <CC>         country of the emulated organization (default: FR)
  --data <file>              keep the clients in this file across restarts (--clients then only fills a new one)
  --log <file>               append one JSON line per request (time, method, path, status, ms, fault)
  --sandbox                  act as Qonto's sandbox: without the right X-Qonto-Staging-Token header, answer a
                             web page with status 200 (token: QONTO_STAGING_TOKEN, or "emulator-staging-token")
  --rate-limit <spec>        requests per client IP, e.g. 1000/10s,10000/10m (the default, Qonto's), or "none"
  --retry-after              send Retry-After with each 429 (Qonto documents none)
  --max-401 <n>              an IP with more than n 401s in an hour gets 429s (default: 200, as Qonto)
  --expire-after <n>         refuse the credentials (401) after n authenticated requests, as an expired token
Faults (each request draws its fate from --seed, so a seed replays the same faults in the same order):
  --seed <n>                 seed of the fault generator (default: the clock)
  --latency <min-max>        wait this many ms before answering, e.g. 20-200
  --fail-rate <0..1>         share of requests answered 500, 502 or 503 without doing anything
  --reset-rate <0..1>        share of requests whose connection is destroyed before anything is done
  --lost-response-rate <0..1>
                             share of writes (creates, updates, deletes) carried out, then their connection destroyed
                             before the answer (what makes naive importers create duplicates)
  --late-commit-rate <0..1>  share of creates, updates and deletes whose connection is closed unanswered and
                             which are carried out --late-commit-ms later (validated then; a 422, 404 or 409
                             then means never), as a real server still working when the connection dropped;
                             pending ones are carried out when the emulator stops
  --late-commit-ms <n>       delay of a late commit (default: 5000)
  -h, --help                 show this help

GET /_emulator/stats answers the request counts (by route and status), faults, late commits and 429s, and the
client count. Every request that reaches it counts toward --rate-limit at its arrival, refused ones included.
`;

type Io = { stdout: (s: string) => void; stderr: (s: string) => void };

// Where and how fast a run talks to Qonto, and where it reports: the same for every command that writes.
const RUN_OPTIONS = {
  "base-url": { type: "string" },
  concurrency: { type: "string" },
  "rate-limit": { type: "string" },
  "report-dir": { type: "string" },
  resume: { type: "string" },
  "new-run": { type: "boolean" },
  json: { type: "boolean" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

// The write commands that create (clients, invoices, apply): how long a create without an answer is left to settle.
const SETTLE_OPTION = { "settle-delay": { type: "string" } } as const;

/** The run options as raw options (the shared part of every write command's). */
function runOptionsOf(values: {
  "base-url"?: string;
  sandbox?: boolean;
  concurrency?: string;
  "rate-limit"?: string;
  "report-dir"?: string;
  "new-run"?: boolean;
}): Pick<RawImportOptions, "baseUrl" | "sandbox" | "concurrency" | "rateLimit" | "reportDir" | "newRun"> {
  return {
    baseUrl: values["base-url"],
    sandbox: values.sandbox,
    concurrency: values.concurrency,
    rateLimit: values["rate-limit"],
    reportDir: values["report-dir"],
    newRun: values["new-run"],
  };
}

// The options that say how a file is read and normalized: the same for an import and for inspect.
const READ_OPTIONS = {
  delimiter: { type: "string" },
  encoding: { type: "string" },
  sheet: { type: "string" },
  map: { type: "string" },
  "org-country": { type: "string" },
  "default-country": { type: "string" },
  "default-currency": { type: "string" },
  "require-invoiceable": { type: "boolean" },
  strict: { type: "boolean" },
} as const;

type ReadValues = {
  [K in keyof typeof READ_OPTIONS]?: (typeof READ_OPTIONS)[K]["type"] extends "boolean" ? boolean : string;
};

function readOptions(values: ReadValues): RawImportOptions {
  return {
    delimiter: values.delimiter,
    encoding: values.encoding,
    sheet: values.sheet,
    map: values.map,
    orgCountry: values["org-country"],
    defaultCountry: values["default-country"],
    defaultCurrency: values["default-currency"],
    requireInvoiceable: values["require-invoiceable"],
    strict: values.strict,
  };
}

async function clientsCommand(args: string[], env: Env, io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      "dry-run": { type: "boolean" },
      "on-match": { type: "string" },
      "match-on": { type: "string" },
      "clear-empty": { type: "boolean" },
      sandbox: { type: "boolean" },
      ...RUN_OPTIONS,
      ...SETTLE_OPTION,
      ...READ_OPTIONS,
    },
  });
  if (values.help === true) {
    io.stdout(CLIENTS_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1)
    throw new UsageError(`one file at a time, got ${positionals.length}: ${positionals.join(" ")}`);
  let raw: RawImportOptions = {
    file: positionals[0],
    dryRun: values["dry-run"],
    onMatch: values["on-match"],
    matchOn: values["match-on"],
    settleDelay: values["settle-delay"],
    clearEmpty: values["clear-empty"],
    ...runOptionsOf(values),
    ...readOptions(values),
  };
  if (values.resume !== undefined) raw = await resumedRawOptions(values.resume, raw);
  const resolved = resolveImportOptions({ ...raw, json: values.json, quiet: values.quiet }, env);
  if (resolved.options === undefined) throw new UsageError(resolved.errors.join("; "));
  const options = resolved.options;
  const log = (line: string) => {
    if (!options.quiet) io.stderr(line + "\n");
  };
  for (const w of resolved.warnings) log(`warning: ${printable(w)}`);

  return interruptible(options, io, env, (hooks) => runClientsImport(options, hooks));
}

async function invoicesCommand(args: string[], env: Env, io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      "dry-run": { type: "boolean" },
      "clients-report": { type: "string", multiple: true },
      "payment-iban": { type: "string" },
      status: { type: "string" },
      "date-format": { type: "string" },
      "vat-rates": { type: "string" },
      sandbox: { type: "boolean" },
      ...RUN_OPTIONS,
      ...SETTLE_OPTION,
      delimiter: { type: "string" },
      encoding: { type: "string" },
      sheet: { type: "string" },
      "org-country": { type: "string" },
      strict: { type: "boolean" },
    },
  });
  if (values.help === true) {
    io.stdout(INVOICES_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1)
    throw new UsageError(`one file at a time, got ${positionals.length}: ${positionals.join(" ")}`);
  let raw: RawInvoiceOptions = {
    file: positionals[0],
    dryRun: values["dry-run"],
    clientsReport: values["clients-report"],
    paymentIban: values["payment-iban"],
    status: values.status,
    dateFormat: values["date-format"],
    vatRates: values["vat-rates"],
    settleDelay: values["settle-delay"],
    ...runOptionsOf(values),
    delimiter: values.delimiter,
    encoding: values.encoding,
    sheet: values.sheet,
    orgCountry: values["org-country"],
    strict: values.strict,
  };
  if (values.resume !== undefined)
    raw = await resumedRawOptions(values.resume, raw, "invoices", rawInvoiceOptionsOfJournal);
  const resolved = resolveInvoiceOptions({ ...raw, json: values.json, quiet: values.quiet }, env);
  if (resolved.options === undefined) throw new UsageError(resolved.errors.join("; "));
  const options = resolved.options;
  for (const w of resolved.warnings) if (!options.quiet) io.stderr(`warning: ${printable(w)}\n`);
  const { runInvoicesImport } = await import("./invoices/run.js");
  return interruptible(options, io, env, (hooks) => runInvoicesImport(options, hooks));
}

/**
 * Runs an import or an apply with Ctrl-C handling, prints its summary, and says the exit code. The first Ctrl-C
 * (or SIGTERM) lets the run finish the requests under way and its report; a second one quits at once.
 */
async function interruptible<T extends ExecuteOutcome>(
  options: { dryRun: boolean; json: boolean; quiet: boolean },
  io: Io,
  env: Env,
  run: (hooks: RunHooks) => Promise<T>,
  format: (outcome: T) => string = (o) => formatSummary(o.summary, o.reportDir, o.problems),
): Promise<ExitCode> {
  const interval = Number(env.QONTO_IMPORT_PROGRESS_MS);
  const progress = options.quiet
    ? undefined
    : createProgress({
        write: io.stderr,
        tty: process.stderr.isTTY === true,
        ...(Number.isFinite(interval) && interval > 0 ? { intervalMs: interval } : {}),
      });
  // Every line a run logs is one line, and may name a file, a sheet or a column: escaped whole.
  const log = (line: string) => progress?.log(printable(line));
  const controller = new AbortController();
  const onInterrupt = () => {
    log(
      "Interrupted: finishing the requests under way and writing the report (Ctrl-C again to quit at once)...",
    );
    controller.abort();
    // Every line of the journal is written before its request goes out: quitting now leaves it consistent.
    process.once("SIGINT", () => process.exit(EXIT.interrupted));
    process.once("SIGTERM", () => process.exit(EXIT.interrupted));
  };
  // A dry run writes nothing to Qonto: Ctrl-C keeps its usual meaning there.
  if (!options.dryRun) {
    process.once("SIGINT", onInterrupt);
    process.once("SIGTERM", onInterrupt);
  }
  let outcome;
  try {
    outcome = await run({
      log,
      signal: controller.signal,
      ...(progress === undefined ? {} : { progress: (e: ProgressEvent) => progress.update(e) }),
    });
  } finally {
    progress?.stop();
    process.removeListener("SIGINT", onInterrupt);
    process.removeListener("SIGTERM", onInterrupt);
  }
  const { summary, reportDir } = outcome;
  if (options.json) {
    io.stdout(JSON.stringify({ ...summary, report_dir: reportDir }, null, 2) + "\n");
    // stdout is for the JSON; a person or a CI log still needs to see why the run stopped.
    if (summary.stopped_early !== null) io.stderr(`Stopped: ${printable(summary.stopped_early)}\n`);
  } else if (!options.quiet) io.stderr(format(outcome) + "\n");
  if (controller.signal.aborted) return EXIT.interrupted;
  if (summary.stopped_early !== null) return EXIT.aborted;
  const notImported = (Object.entries(summary.outcomes) as [Outcome, number][]).some(
    ([o, n]) => n > 0 && NOT_IMPORTED.has(o),
  );
  return notImported ? EXIT.rowsNotImported : EXIT.ok;
}

const APPLY_HELP = `Usage: qonto-import apply <plan.json> [options]

Carries out the plan a dry run wrote (reports/<run>/plan.json): the same creates and updates, nothing else. First it
reads the clients Qonto has now: a client that appeared since the plan is not created again, and a row whose client
went away is left for review (plan_outdated). Journaled like an import: running the same command again after an
interruption finishes the job.

Options:
  --base-url <url>        Qonto API base URL (default: https://thirdparty.qonto.com); a plan made for another
                          one is refused: the plan never decides where the credentials go
  --sandbox               as for the clients command
  --concurrency <n>       parallel requests, 1 to ${MAX_CONCURRENCY} (default: ${DEFAULT_CONCURRENCY})
  --rate-limit <spec>     the windows every request keeps under (default: 900/10s,9000/10m)
  --report-dir <dir>      folder in which the run's report folder is written (default: ./reports)
  --resume <folder>       finish the apply whose report folder this is
  --new-run               start a new run even though an unfinished apply of this plan exists
  --settle-delay <time>   how long after a create that got no answer its row is looked up in Qonto before it is
                          sent again (default: 30s; longer than a request's timeout). The run goes on meanwhile
  --json                  print the summary as JSON on stdout
  --quiet                 print nothing but errors
  -h, --help              show this help

Credentials come from the environment, as for clients.
`;

const ROLLBACK_HELP = `Usage: qonto-import rollback <report-folder> [options]

Undoes what a clients run (clients or apply) wrote to Qonto, from the journal in its report folder: deletes exactly
the clients it created, never one it only matched, skipped or left unchanged, and puts back the values of the
clients it updated (one PATCH with the values the run replaced).

Without --yes it is a plan: Qonto is read (credentials needed), nothing is changed, and the clients to delete and
to restore are listed by name. Every rollback writes its own report folder (results.csv has one line per row of
the run, summary.json, report.html); one carried out with --yes also writes a journal, and running the same
command again finishes it after an interruption.

Safety:
  - a client changed in Qonto since the run wrote it (a later updated_at) is left alone and reported, unless --force
  - a client that is no longer in Qonto is reported (already_gone), not an error
  - deleting a client cannot be undone and cancels its recurring invoices: a client that an invoices run imported
    invoices for (an invoices run's report folder beside the run's, or one given with --invoices-report) is not
    deleted, unless --force

Options:
  --yes                     carry the plan out
  --force                   roll back clients changed since, and delete clients with imported invoices, all the same
  --invoices-report <dir>   an invoices run's report folder to check too, when it is not beside the run's
                            (repeatable)
  --base-url <url>          Qonto API base URL (default: https://thirdparty.qonto.com); the run's journal must
                            name the same one, or the rollback is refused: a journal never chooses where the
                            credentials go
  --sandbox                 as for the clients command
  --concurrency <n>         parallel requests, 1 to ${MAX_CONCURRENCY} (default: ${DEFAULT_CONCURRENCY})
  --rate-limit <spec>       the windows every request keeps under (default: 900/10s,9000/10m)
  --report-dir <dir>        folder in which the rollback's report folder is written (default: the one holding the
                            run's report folder)
  --resume <folder>         finish the rollback whose report folder this is (re-running the command does too)
  --new-run                 start a new rollback even though an unfinished one with other options exists
  --json                    print the summary as JSON on stdout
  --quiet                   print nothing but errors
  -h, --help                show this help

Exit codes: 0 done (or nothing to do); 1 some clients were left alone, refused, need review or failed; 2 usage;
3 stopped part-way (credentials refused, Qonto unreachable); 130 interrupted. Credentials come from the
environment, as for clients.
`;

const TEMPLATE_HELP = `Usage: qonto-import template clients|invoices [options]

Writes a file to fill in: the canonical column headers in your language and example rows that import without a
problem. The XLSX has a note on each header and drop-down lists: for clients, kind, country, Italian province,
locale and currency; for invoices, status, currency and the language's usual VAT rates, with real date cells.

Options:
  --format <csv|xlsx>     default: xlsx
  --lang <fr|en|it|de|es> language of the headers and example (default: fr)
  --out <file>            where to write it (default: clients-<lang>.<format> or invoices-<lang>.<format> in the
                          current folder)
  -h, --help              show this help
`;

async function templateCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: "string" },
      lang: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    io.stdout(TEMPLATE_HELP);
    return EXIT.ok;
  }
  const { TEMPLATE_FORMATS, TEMPLATE_KINDS, TEMPLATE_LANGS } = await import("./template/kinds.js");
  const { templateFileName, writeTemplate } = await import("./template/render.js");
  const kind = TEMPLATE_KINDS.find((k) => k === positionals[0]);
  if (kind === undefined || positionals.length !== 1)
    throw new UsageError(
      `template takes what to template: ${TEMPLATE_KINDS.join(", ")} (e.g. qonto-import template invoices)`,
    );
  const format = TEMPLATE_FORMATS.find((f) => f === (values.format ?? "xlsx").toLowerCase());
  if (format === undefined)
    throw new UsageError(`--format must be ${TEMPLATE_FORMATS.join(" or ")}, not "${values.format}"`);
  const lang = TEMPLATE_LANGS.find((l) => l === (values.lang ?? "fr").toLowerCase());
  if (lang === undefined)
    throw new UsageError(`--lang must be one of ${TEMPLATE_LANGS.join(", ")}, not "${values.lang}"`);
  const out = values.out ?? templateFileName(kind, format, lang);
  try {
    await writeTemplate(kind, format, lang, out);
  } catch (err) {
    throw new InputFileError(out, `cannot be written: ${describeFsError(err)}`);
  }
  io.stderr(`Template written: ${printable(out)}\n`);
  return EXIT.ok;
}

async function applyCommand(args: string[], env: Env, io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      sandbox: { type: "boolean" },
      ...RUN_OPTIONS,
      ...SETTLE_OPTION,
    },
  });
  if (values.help === true) {
    io.stdout(APPLY_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1)
    throw new UsageError("apply takes one plan: qonto-import apply reports/<run>/plan.json");
  // The same checks as an import's: credentials, limits, concurrency.
  const resolved = resolveImportOptions(
    {
      file: positionals[0],
      concurrency: values.concurrency,
      rateLimit: values["rate-limit"],
      reportDir: values["report-dir"],
      resume: values.resume,
      newRun: values["new-run"],
      settleDelay: values["settle-delay"],
      json: values.json,
      quiet: values.quiet,
      baseUrl: values["base-url"],
      sandbox: values.sandbox,
    },
    env,
  );
  if (resolved.options === undefined) throw new UsageError(resolved.errors.join("; "));
  const options = resolved.options;
  for (const w of resolved.warnings) if (!options.quiet) io.stderr(`warning: ${printable(w)}\n`);
  const { applyPlan } = await import("./clients/apply.js");
  const settings: ApplySettings = {
    plan: options.file,
    rateLimits: options.rateLimits,
    concurrency: options.concurrency,
    reportDir: options.reportDir,
    newRun: options.newRun,
    settleMs: options.settleMs,
    ...(options.auth === undefined ? {} : { auth: options.auth }),
    ...(options.stagingToken === undefined ? {} : { stagingToken: options.stagingToken }),
    ...(options.resume === undefined ? {} : { resume: options.resume }),
    baseUrl: options.baseUrl,
  };
  return interruptible(options, io, env, (hooks) => applyPlan(settings, hooks));
}

async function rollbackCommand(args: string[], env: Env, io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      yes: { type: "boolean" },
      force: { type: "boolean" },
      "invoices-report": { type: "string", multiple: true },
      sandbox: { type: "boolean" },
      ...RUN_OPTIONS,
    },
  });
  if (values.help === true) {
    io.stdout(ROLLBACK_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1)
    throw new UsageError(`one report folder at a time, got ${positionals.length}: ${positionals.join(" ")}`);
  let folder = positionals[0];
  // `rollback --resume <rollback-folder>`: the run it rolls back is in its journal.
  if (folder === undefined && values.resume !== undefined) {
    const { readJournal } = await import("./journal/journal.js");
    let of: unknown;
    try {
      const state = readJournal(values.resume);
      if (state?.start.options.command === "rollback") of = state.start.options.of;
    } catch (err) {
      // A damaged journal is named as such, not as a folder that is not a rollback's.
      throw new UsageError(`--resume ${values.resume}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (typeof of !== "string")
      throw new UsageError(
        `--resume ${values.resume}: not the report folder of a rollback carried out with --yes`,
      );
    folder = of;
  }
  const resolved = resolveRollbackOptions(
    {
      folder,
      yes: values.yes,
      force: values.force,
      invoicesReport: values["invoices-report"],
      ...runOptionsOf(values),
      resume: values.resume,
      json: values.json,
      quiet: values.quiet,
    },
    env,
  );
  if (resolved.options === undefined) throw new UsageError(resolved.errors.join("; "));
  const options = resolved.options;
  for (const w of resolved.warnings) if (!options.quiet) io.stderr(`warning: ${printable(w)}\n`);
  const { runRollback } = await import("./rollback/run.js");
  const { formatRollback } = await import("./rollback/console.js");
  return interruptible(options, io, env, (hooks) => runRollback(options, hooks), formatRollback);
}

/** `--resume <folder>`: the options of the run it finishes, from its journal; flags that would change them are refused. */
async function resumedRawOptions<T extends RawImportOptions>(
  folder: string,
  given: T,
  command: "clients" | "invoices" = "clients",
  fromJournal: (stored: Record<string, unknown>) => T = rawOptionsOfJournal as (
    s: Record<string, unknown>,
  ) => T,
): Promise<T> {
  const { readJournal } = await import("./journal/journal.js");
  let state;
  try {
    state = readJournal(folder);
  } catch (err) {
    throw new UsageError(`--resume ${folder}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (state === undefined)
    throw new UsageError(`--resume ${folder}: no journal there; it is not the report folder of an import`);
  const recordedCommand = state.start.options.command ?? "clients";
  if (recordedCommand !== command)
    throw new UsageError(
      `--resume ${folder}: that folder is a ${String(recordedCommand)} run's; finish it with qonto-import ${String(recordedCommand)} --resume ${folder}`,
    );
  // Where the run writes comes from this command line (or the default), never from the journal: findRunToResume
  // refuses a journal that recorded another base URL.
  const { baseUrl: _recordedUrl, sandbox: _recordedSandbox, ...recorded } = fromJournal(state.start.options);
  const changed = (Object.keys(given) as (keyof T & string)[]).filter(
    (k) =>
      given[k] !== undefined &&
      given[k] !== false &&
      !["file", "reportDir", "concurrency", "rateLimit", "dryRun", "newRun", "baseUrl", "sandbox"].includes(
        k,
      ),
  );
  if (changed.length > 0)
    throw new UsageError(
      `--resume runs with the options of the run it finishes; leave out ${changed.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ")}`,
    );
  return {
    ...(recorded as T),
    baseUrl: given.baseUrl,
    sandbox: given.sandbox,
    // The file may be given again (it must be the same content), and how fast the run goes may change.
    ...(given.file === undefined ? {} : { file: given.file }),
    ...(given.concurrency === undefined ? {} : { concurrency: given.concurrency }),
    ...(given.rateLimit === undefined ? {} : { rateLimit: given.rateLimit }),
    ...(given.dryRun === undefined ? {} : { dryRun: given.dryRun }),
    ...(given.newRun === undefined ? {} : { newRun: given.newRun }),
    resume: folder,
  };
}

async function inspectCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      rows: { type: "string" },
      ...READ_OPTIONS,
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    io.stdout(INSPECT_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1)
    throw new UsageError(`one file at a time, got ${positionals.length}: ${positionals.join(" ")}`);
  const rowCount = values.rows === undefined ? 5 : Number(values.rows);
  if (!Number.isInteger(rowCount) || rowCount < 0)
    throw new UsageError(`--rows must be a whole number, not "${values.rows}"`);
  // The same normalizer as an import, as a dry run without credentials: inspect never talks to Qonto.
  const resolved = resolveImportOptions(
    {
      file: positionals[0],
      dryRun: true,
      ...readOptions(values),
    },
    {},
  );
  if (resolved.options === undefined) throw new UsageError(resolved.errors.join("; "));
  const { inspectFile, formatInspect } = await import("./clients/inspect.js");
  const result = await inspectFile(resolved.options, rowCount);
  io.stdout(values.json === true ? JSON.stringify(result, null, 2) + "\n" : formatInspect(result) + "\n");
  return EXIT.ok;
}

function rate(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !(n >= 0 && n <= 1))
    throw new UsageError(`${flag} must be a number from 0 to 1, not "${value}"`);
  return n;
}

function count(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n))
    throw new UsageError(`${flag} must be a whole number, not "${value}"`);
  return n;
}

async function emulatorCommand(args: string[], env: Env, io: Io): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: "string" },
      clients: { type: "string" },
      "org-country": { type: "string" },
      data: { type: "string" },
      log: { type: "string" },
      sandbox: { type: "boolean" },
      "rate-limit": { type: "string" },
      "retry-after": { type: "boolean" },
      "max-401": { type: "string" },
      "expire-after": { type: "string" },
      seed: { type: "string" },
      latency: { type: "string" },
      "fail-rate": { type: "string" },
      "reset-rate": { type: "string" },
      "lost-response-rate": { type: "string" },
      "late-commit-rate": { type: "string" },
      "late-commit-ms": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    io.stdout(EMULATOR_HELP);
    return EXIT.ok;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}"`);
  const orgCountry = (values["org-country"] ?? "FR").toUpperCase();
  let rateLimits: RateWindow[] | undefined;
  if (values["rate-limit"] !== undefined) {
    if (values["rate-limit"].trim().toLowerCase() === "none") rateLimits = [];
    else {
      const parsed = parseRateLimits(values["rate-limit"]);
      if (!parsed.ok) throw new UsageError(`--rate-limit: ${parsed.error}`);
      rateLimits = parsed.windows;
    }
  }
  let latencyMs: [number, number] | undefined;
  if (values.latency !== undefined) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(values.latency);
    const min = Number(m?.[1]);
    const max = Number(m?.[2] ?? m?.[1]);
    if (m === null || max < min)
      throw new UsageError(
        `--latency must be milliseconds as MIN-MAX (e.g. 20-200), not "${values.latency}"`,
      );
    latencyMs = [min, max];
  }
  const seed = count("--seed", values.seed);
  const failRate = rate("--fail-rate", values["fail-rate"]);
  const resetRate = rate("--reset-rate", values["reset-rate"]);
  const lostResponseRate = rate("--lost-response-rate", values["lost-response-rate"]);
  const lateCommitRate = rate("--late-commit-rate", values["late-commit-rate"]);
  const lateCommitMs = count("--late-commit-ms", values["late-commit-ms"]);
  // The faults share one draw, each its own band of it: beyond 1 the last ones would be cut short unsaid.
  const faultShare = [failRate, resetRate, lostResponseRate, lateCommitRate].reduce<number>(
    (a, r) => a + (r ?? 0),
    0,
  );
  if (faultShare > 1)
    throw new UsageError(
      `--fail-rate, --reset-rate, --lost-response-rate and --late-commit-rate add up to ${faultShare}, more than 1`,
    );
  const max401PerHour = count("--max-401", values["max-401"]);
  const expireCredentialsAfter = count("--expire-after", values["expire-after"]);

  const { startEmulator, loadSeedFile, DEFAULT_EMULATOR_CREDENTIALS } = await import("./emulator/index.js");
  let seedClients: unknown[] = [];
  if (values.clients !== undefined) {
    try {
      seedClients = await loadSeedFile(values.clients);
    } catch (err) {
      throw new InputFileError(
        values.clients,
        err instanceof Error ? err.message.replace(`${values.clients}: `, "") : String(err),
      );
    }
  }
  const credentials =
    env.QONTO_ACCESS_TOKEN !== undefined ||
    (env.QONTO_LOGIN !== undefined && env.QONTO_SECRET_KEY !== undefined)
      ? {
          apiKeys:
            env.QONTO_LOGIN !== undefined && env.QONTO_SECRET_KEY !== undefined
              ? [{ login: env.QONTO_LOGIN, secretKey: env.QONTO_SECRET_KEY }]
              : [],
          accessTokens: env.QONTO_ACCESS_TOKEN !== undefined ? [env.QONTO_ACCESS_TOKEN] : [],
        }
      : DEFAULT_EMULATOR_CREDENTIALS;
  let emulator;
  try {
    emulator = await startEmulator({
      port,
      seedClients,
      credentials,
      orgCountry,
      ...(values.data === undefined ? {} : { dataFile: values.data }),
      ...(values.log === undefined ? {} : { logFile: values.log }),
      ...(values.sandbox === true
        ? { stagingToken: env.QONTO_STAGING_TOKEN ?? "emulator-staging-token" }
        : {}),
      ...(rateLimits === undefined ? {} : { rateLimits }),
      retryAfter: values["retry-after"] === true,
      ...(max401PerHour === undefined ? {} : { max401PerHour }),
      ...(expireCredentialsAfter === undefined ? {} : { expireCredentialsAfter }),
      faults: {
        ...(seed === undefined ? {} : { seed }),
        ...(latencyMs === undefined ? {} : { latencyMs }),
        ...(failRate === undefined ? {} : { failRate }),
        ...(resetRate === undefined ? {} : { resetRate }),
        ...(lostResponseRate === undefined ? {} : { lostResponseRate }),
        ...(lateCommitRate === undefined ? {} : { lateCommitRate }),
        ...(lateCommitMs === undefined ? {} : { lateCommitMs }),
      },
    });
  } catch (err) {
    throw new UsageError(`the emulator could not start: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { clients } = emulator.stats();
  io.stderr(`Qonto emulator listening on ${emulator.url} with ${clients} clients (Ctrl-C to stop)\n`);
  io.stderr(`Import into it with: qonto-import clients <file.csv> --base-url ${emulator.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await emulator.close();
  return EXIT.ok;
}

/** The one place where errors become exit codes. No stack trace reaches a user unless they ask for it. */
export async function main(argv: string[], env: Env, given: Io): Promise<ExitCode> {
  // The safety net: values are escaped where they are put into a line (printable), and whatever else reaches
  // stdout or stderr (a library's message quoting input, a path we did not foresee) loses its control characters
  // here. Lossless for --json output: such characters only stand inside JSON strings, where \uXXXX means the same.
  const io: Io = {
    stdout: (s) => given.stdout(terminalSafe(s)),
    stderr: (s) => given.stderr(terminalSafe(s)),
  };
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      const topic = rest[0];
      io.stdout(
        topic === "clients"
          ? CLIENTS_HELP
          : topic === "inspect"
            ? INSPECT_HELP
            : topic === "emulator"
              ? EMULATOR_HELP
              : topic === "apply"
                ? APPLY_HELP
                : topic === "rollback"
                  ? ROLLBACK_HELP
                  : topic === "template"
                    ? TEMPLATE_HELP
                    : MAIN_HELP,
      );
      return EXIT.ok;
    }
    if (command === "--version" || command === "-v") {
      io.stdout(`${TOOL.version}\n`);
      return EXIT.ok;
    }
    if (command === "clients") return await clientsCommand(rest, env, io);
    if (command === "invoices") return await invoicesCommand(rest, env, io);
    if (command === "inspect") return await inspectCommand(rest, io);
    if (command === "apply") return await applyCommand(rest, env, io);
    if (command === "rollback") return await rollbackCommand(rest, env, io);
    if (command === "template") return await templateCommand(rest, io);
    if (command === "emulator") return await emulatorCommand(rest, env, io);
    throw new UsageError(`unknown command "${command}"; see qonto-import --help`);
  } catch (err) {
    if (
      err instanceof UsageError ||
      err instanceof InputFileError ||
      err instanceof RunLockedError ||
      err instanceof AbortRunError
    ) {
      io.stderr(`qonto-import: ${printable(err.message)}\n`);
      return err.exitCode;
    }
    // parseArgs reports unknown or malformed flags with these codes.
    const code = (err as { code?: string }).code;
    if (
      code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ||
      code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" ||
      code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL"
    ) {
      io.stderr(
        `qonto-import: ${printable((err as Error).message.split("\n")[0] ?? "")}; see qonto-import ${printable(command ?? "")} --help\n`,
      );
      return EXIT.usage;
    }
    io.stderr(
      `qonto-import: internal error: ${printable(err instanceof Error ? err.message : String(err))}\n`,
    );
    if (env.QONTO_IMPORT_DEBUG === "1" && err instanceof Error && err.stack) io.stderr(err.stack + "\n");
    else io.stderr("qonto-import: set QONTO_IMPORT_DEBUG=1 for details, and please report it\n");
    return EXIT.aborted;
  }
}

// Run only when executed (directly or through npm's bin link), not when a test imports main().
function isEntryPoint(): boolean {
  const invoked = process.argv[1];
  if (invoked === undefined) return false;
  try {
    return realpathSync(invoked) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2), process.env, {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  }).then((code) => {
    process.exitCode = code;
  });
}
