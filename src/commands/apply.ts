// `qonto-import apply`: its flags, its help and the glue to the apply of a plan.
import { parseArgs } from "node:util";
import { langFromEnv } from "../i18n/lang.js";
import { EXIT, UsageError, type ExitCode } from "../errors.js";
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, type Env } from "../options/import.js";
import { printable } from "../report/printable.js";
import { RUN_OPTIONS, SETTLE_OPTION, interruptible, type Io } from "./shared.js";
import { prepareApply } from "../library/apply.js";
import { credentialsFromEnv } from "../library/common.js";

export const APPLY_HELP = `Usage: qonto-import apply <plan.json> [options]

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
  --lang <code>           report and messages in en, fr, it, es or de (default: from LC_ALL/LANG)
  -h, --help              show this help

Credentials come from the environment, as for clients.
`;

export async function applyCommand(args: string[], env: Env, io: Io): Promise<ExitCode> {
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
  const { options, warnings } = prepareApply(
    positionals[0],
    {
      concurrency: values.concurrency,
      rateLimit: values["rate-limit"],
      reportDir: values["report-dir"],
      resume: values.resume,
      newRun: values["new-run"],
      settleDelay: values["settle-delay"],
      baseUrl: values["base-url"],
      sandbox: values.sandbox,
      lang: values.lang ?? langFromEnv(env),
      credentials: credentialsFromEnv(env),
    },
    { json: values.json, quiet: values.quiet },
  );
  for (const w of warnings) if (!options.quiet) io.stderr(`warning: ${printable(w)}\n`);
  const { applyPlan } = await import("../clients/apply.js");
  return interruptible(options, io, env, (hooks) => applyPlan(options, hooks));
}
