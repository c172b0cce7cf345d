import { printable } from "./report/printable.js";

// Errors that stop a whole run, each with the exit code the top-level handler maps it to.
// Row-level trouble is never an exception: it is a Problem (see problems.ts) carried by the row.

export const EXIT = {
  ok: 0,
  rowsNotImported: 1,
  usage: 2,
  aborted: 3,
  /** Ctrl-C or SIGTERM, as shells report a process stopped by SIGINT (128 + 2). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A bad flag, a missing credential, an unusable option: nothing was read or sent. */
export class UsageError extends Error {
  readonly exitCode = EXIT.usage;
  override name = "UsageError";
}

/** The input file cannot be opened or is not a table we can read. */
export class InputFileError extends Error {
  readonly exitCode: ExitCode = EXIT.usage;
  override name = "InputFileError";
  /** `whole`: the message already names the file where its sentence needs it, so it is not prefixed. */
  constructor(
    readonly file: string,
    message: string,
    { whole = false }: { whole?: boolean } = {},
  ) {
    super(whole ? message : `${file}: ${message}`);
  }
}

/**
 * A file with a header and not one data row: nothing to import, which is not success (a script must not take an
 * export that came out empty for a done import). Exit 1, as when rows were not imported; nothing was sent.
 */
export class NoDataRowsError extends InputFileError {
  override readonly exitCode: ExitCode = EXIT.rowsNotImported;
  override name = "NoDataRowsError";
  constructor(file: string) {
    super(file, `${file} has a header but no data rows`, { whole: true });
  }
}

/**
 * A file given to the wrong command (an invoices file to `clients`): refused before anything is read further or
 * sent, with the command to run instead. Exit 2, a usage error.
 */
export class WrongCommandError extends InputFileError {
  override name = "WrongCommandError";
  /** `message` is the whole line: it names the file itself, before the command to run instead. */
  constructor(file: string, message: string) {
    super(file, message, { whole: true });
  }
}

/** Another run is writing to the same organization or report folder: this one stops before sending anything. */
export class RunLockedError extends Error {
  readonly exitCode = EXIT.usage;
  override name = "RunLockedError";
}

/** The run had to stop part-way (credentials refused, API unreachable); the report says which rows were not sent. */
export class AbortRunError extends Error {
  readonly exitCode = EXIT.aborted;
  override name = "AbortRunError";
}

/**
 * A value read from a file the tool wrote (a plan, a journal) as an error message shows it: such a file may have
 * been edited, so its control characters are escaped rather than handed to the terminal.
 */
export function fromFile(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return printable(text);
}

/** A plan or journal made for another Qonto than the one this run writes to: refused before any request. */
export function otherBaseUrl(what: string, recorded: unknown, resolved: string): string {
  return `${what} was made against ${fromFile(recorded)}, but this run writes to ${resolved} (from --base-url, --sandbox or the default): nothing was sent. A file never chooses where the credentials go; give the --base-url of the Qonto it was made for, or start afresh against ${resolved}`;
}
