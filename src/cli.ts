#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { applyCommand, APPLY_HELP } from "./commands/apply.js";
import { clientsCommand, CLIENTS_HELP } from "./commands/clients.js";
import { emulatorCommand, EMULATOR_HELP } from "./commands/emulator.js";
import { inspectCommand, INSPECT_HELP } from "./commands/inspect.js";
import { invoicesCommand, INVOICES_HELP } from "./commands/invoices.js";
import { rollbackCommand, ROLLBACK_HELP } from "./commands/rollback.js";
import type { Io } from "./commands/shared.js";
import { templateCommand, TEMPLATE_HELP } from "./commands/template.js";
import { AbortRunError, EXIT, InputFileError, RunLockedError, UsageError, type ExitCode } from "./errors.js";
import type { Env } from "./options/import.js";
import { printable, terminalSafe } from "./report/printable.js";
import { closestOption, optionsInHelp } from "./suggest.js";
import { TOOL } from "./version.js";

// The router: argv → command → exit code. Each command owns its flags, help and glue (src/commands/).
const COMMANDS = new Map<string, { help: string; run(args: string[], env: Env, io: Io): Promise<ExitCode> }>(
  Object.entries({
    clients: { help: CLIENTS_HELP, run: clientsCommand },
    invoices: { help: INVOICES_HELP, run: invoicesCommand },
    inspect: { help: INSPECT_HELP, run: (args, _env, io) => inspectCommand(args, io) },
    apply: { help: APPLY_HELP, run: applyCommand },
    rollback: { help: ROLLBACK_HELP, run: rollbackCommand },
    template: { help: TEMPLATE_HELP, run: (args, _env, io) => templateCommand(args, io) },
    emulator: { help: EMULATOR_HELP, run: emulatorCommand },
  }),
);

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
    // No arguments at all is a usage error (a script that lost its arguments must not look like it succeeded),
    // answered with the help a first-time user was looking for.
    if (command === undefined) {
      io.stderr(MAIN_HELP);
      return EXIT.usage;
    }
    if (command === "--help" || command === "-h" || command === "help") {
      const topic = rest[0];
      io.stdout((topic === undefined ? undefined : COMMANDS.get(topic)?.help) ?? MAIN_HELP);
      return EXIT.ok;
    }
    if (command === "--version" || command === "-v") {
      io.stdout(`${TOOL.version}\n`);
      return EXIT.ok;
    }
    const chosen = COMMANDS.get(command);
    if (chosen !== undefined) return await chosen.run(rest, env, io);
    const meant = closestOption(command, [...COMMANDS.keys()]);
    throw new UsageError(
      meant === undefined
        ? `unknown command "${command}"; see qonto-import --help`
        : `unknown command "${command}": did you mean ${meant}? See qonto-import --help`,
    );
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
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      io.stderr(`qonto-import: ${unknownOption((err as Error).message, command ?? "", rest)}\n`);
      return EXIT.usage;
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" || code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
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

/**
 * parseArgs's own message ends in an unbalanced quote and a hint about "--" few users need: ours names the
 * option, the documented one it most likely meant, and the command's help.
 */
function unknownOption(message: string, command: string, args: readonly string[]): string {
  let typed = /^Unknown option '([^']*)'/.exec(message)?.[1] ?? "";
  // "-dry-run" reaches parseArgs as the short options -d, -r, -y...: suggest from what was typed.
  if (/^-[^-]$/.test(typed)) typed = args.find((a) => /^-[^-]./.test(a) && a[1] === typed[1]) ?? typed;
  const help = COMMANDS.get(command)?.help;
  const suggestion = help === undefined ? undefined : closestOption(typed, optionsInHelp(help));
  const see = `see qonto-import ${printable(command)} --help`;
  return suggestion === undefined
    ? `Unknown option '${printable(typed)}'; ${see}`
    : `Unknown option '${printable(typed)}': did you mean ${suggestion}? ${see.replace(/^s/, "S")}`;
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
