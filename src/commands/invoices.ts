// `qonto-import invoices`: its flags, its help and the glue to the invoices import.
import { parseArgs } from "node:util";
import { EXIT, UsageError, type ExitCode } from "../errors.js";
import type { Env } from "../options/import.js";
import { printable } from "../report/printable.js";
import { RUN_OPTIONS, SETTLE_OPTION, interruptible, runOptionsOf, type Io } from "./shared.js";
import { prepareInvoicesImport } from "../library/invoices.js";
import { credentialsFromEnv } from "../library/common.js";

export const INVOICES_HELP = `Usage: qonto-import invoices <file.csv|file.xlsx> [options]
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
  --map <mapping.json>    explicit column mapping: {"columns": {"<column>": "<invoice field>" or null},
                          "ignore": ["<column>"]}; fields as in qonto-import template invoices
  --strict                treat every warning as an error
  --json                  print the summary as JSON on stdout instead of the text summary
  --quiet                 print nothing but errors
  --lang <code>           report and messages in en, fr, it, es or de (default: from LC_ALL/LANG)
  -h, --help              show this help
`;

export async function invoicesCommand(args: string[], env: Env, io: Io): Promise<ExitCode> {
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
      map: { type: "string" },
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
  const { options, warnings } = await prepareInvoicesImport(
    positionals[0],
    {
      dryRun: values["dry-run"],
      clientsReport: values["clients-report"],
      paymentIban: values["payment-iban"],
      status: values.status,
      dateFormat: values["date-format"],
      vatRates: values["vat-rates"],
      settleDelay: values["settle-delay"],
      ...runOptionsOf(values, env),
      delimiter: values.delimiter,
      encoding: values.encoding,
      sheet: values.sheet,
      map: values.map,
      orgCountry: values["org-country"],
      strict: values.strict,
      resume: values.resume,
      credentials: credentialsFromEnv(env),
    },
    { json: values.json, quiet: values.quiet },
  );
  for (const w of warnings) if (!options.quiet) io.stderr(`warning: ${printable(w)}\n`);
  const { runInvoicesImport } = await import("../invoices/run.js");
  return interruptible(options, io, env, (hooks) => runInvoicesImport(options, hooks));
}
