// `qonto-import clients`: its flags, its help and the glue to the clients import.
import { parseArgs } from "node:util";
import { EXIT, UsageError, type ExitCode } from "../errors.js";
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, type Env } from "../options/import.js";
import { printable } from "../report/printable.js";
import { runClientsImport } from "../clients/run.js";
import {
  READ_OPTIONS,
  RUN_OPTIONS,
  SETTLE_OPTION,
  interruptible,
  readOptions,
  runOptionsOf,
  type Io,
} from "./shared.js";
import { prepareClientsImport } from "../library/clients.js";
import { credentialsFromEnv } from "../library/common.js";

export const CLIENTS_HELP = `Usage: qonto-import clients <file.csv|file.xlsx> [options]
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
  --lang <code>           report and messages in en, fr, it, es or de (default: from LC_ALL/LANG)
  -h, --help              show this help
`;

export async function clientsCommand(args: string[], env: Env, io: Io): Promise<ExitCode> {
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
  const { options, warnings } = await prepareClientsImport(
    positionals[0],
    {
      dryRun: values["dry-run"],
      onMatch: values["on-match"],
      matchOn: values["match-on"],
      settleDelay: values["settle-delay"],
      clearEmpty: values["clear-empty"],
      ...runOptionsOf(values, env),
      ...readOptions(values),
      resume: values.resume,
      credentials: credentialsFromEnv(env),
      // Only this command normalizes on threads; another command never refuses a value it does not use.
      threads: env.QONTO_IMPORT_THREADS,
    },
    { json: values.json, quiet: values.quiet },
  );
  for (const w of warnings) if (!options.quiet) io.stderr(`warning: ${printable(w)}\n`);
  return interruptible(options, io, env, (hooks) => runClientsImport(options, hooks));
}
