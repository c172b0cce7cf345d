import type { ExecuteSettings } from "./types.js";
import { publicOptions, type ImportOptions } from "../options/import.js";

/** What execute needs of an import's options. */
export function settingsOf(options: ImportOptions, recorded: Record<string, unknown>): ExecuteSettings {
  const settings: ExecuteSettings = {
    dryRun: options.dryRun,
    baseUrl: options.baseUrl,
    rateLimits: options.rateLimits,
    concurrency: options.concurrency,
    reportDir: options.reportDir,
    newRun: options.newRun,
    matchOn: options.matchOn,
    settleMs: options.settleMs,
    recorded,
    publicOptions: publicOptions(options),
    lang: options.lang,
  };
  if (options.auth !== undefined) settings.auth = options.auth;
  if (options.stagingToken !== undefined) settings.stagingToken = options.stagingToken;
  if (options.resume !== undefined) settings.resume = options.resume;
  return settings;
}
