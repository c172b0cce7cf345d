// qonto-import as a library: the functions the CLI's commands call, with typed results and the same report folders.
// Nothing here writes to the console or exits the process; progress and notices arrive through onProgress and onLog,
// and refusals are thrown as the errors below (each with the exitCode the CLI would give).
export {
  importClients,
  planClients,
  prepareClientsImport,
  type ClientsImportOptions,
  type ClientsImportResult,
  type ClientsPlanResult,
} from "./library/clients.js";
export {
  importInvoices,
  prepareInvoicesImport,
  type InvoicesImportOptions,
  type InvoicesImportResult,
} from "./library/invoices.js";
export { applyPlan, prepareApply, type ApplyOptions, type ApplyResult } from "./library/apply.js";
export {
  rollback,
  prepareRollback,
  type RollbackRunOptions,
  type RollbackResult,
} from "./library/rollback.js";
export { inspect, inspectInvoices, invoiceColumnsOf, type InspectOptions } from "./library/inspect.js";
export {
  credentialsFromEnv,
  exitCodeOf,
  type Credentials,
  type ReadOptions,
  type RunEvents,
  type RunOptions,
} from "./library/common.js";
export type { InspectResult, InspectedRow } from "./clients/inspect.js";
export type { InvoiceInspectResult, InvoiceInspectedRow } from "./invoices/inspect.js";
export type { ExecuteOutcome } from "./execute/types.js";
export type { ProgressEvent } from "./report/progress.js";
export type { Outcome, RowResult } from "./report/outcome.js";
export type { Summary } from "./report/summary.js";
export {
  AbortRunError,
  EXIT,
  InputFileError,
  NoDataRowsError,
  RunLockedError,
  UsageError,
  WrongCommandError,
  type ExitCode,
} from "./errors.js";
export {
  DEFAULT_EMULATOR_CREDENTIALS,
  loadSeedFile,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from "./emulator/index.js";
