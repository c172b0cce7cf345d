// `qonto-import rollback`: its flags, its help and the glue to the rollback.
import { parseArgs } from "node:util";
import { EXIT, UsageError, type ExitCode } from "../errors.js";
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, type Env } from "../options/import.js";
import { printable } from "../report/printable.js";
import { RUN_OPTIONS, interruptible, runOptionsOf, type Io } from "./shared.js";
import { prepareRollback } from "../library/rollback.js";
import { credentialsFromEnv } from "../library/common.js";

export const ROLLBACK_HELP = `Usage: qonto-import rollback <report-folder> [options]

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
  --lang <code>             report and messages in en, fr, it, es or de (default: from LC_ALL/LANG)
  -h, --help                show this help

Exit codes: 0 done (or nothing to do); 1 some clients were left alone, refused, need review or failed; 2 usage;
3 stopped part-way (credentials refused, Qonto unreachable); 130 interrupted. Credentials come from the
environment, as for clients.
`;

export async function rollbackCommand(args: string[], env: Env, io: Io): Promise<ExitCode> {
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
  const { options, warnings } = await prepareRollback(
    positionals[0],
    {
      yes: values.yes,
      force: values.force,
      invoicesReport: values["invoices-report"],
      ...runOptionsOf(values, env),
      resume: values.resume,
      credentials: credentialsFromEnv(env),
    },
    { json: values.json, quiet: values.quiet },
  );
  for (const w of warnings) if (!options.quiet) io.stderr(`warning: ${printable(w)}\n`);
  const { runRollback } = await import("../rollback/run.js");
  const { formatRollback } = await import("../rollback/console.js");
  return interruptible(
    options,
    io,
    env,
    (hooks) => runRollback(options, hooks),
    (o) => formatRollback(o, options.lang),
  );
}
