// `qonto-import emulator`: its flags, its help, and the emulator run until Ctrl-C.
import { parseArgs } from "node:util";
import { EXIT, InputFileError, UsageError, type ExitCode } from "../errors.js";
import type { Env } from "../options/import.js";
import { parseRateLimits, type RateWindow } from "../upload/rate-limiter.js";
import type { Io } from "./shared.js";

export const EMULATOR_HELP = `Usage: qonto-import emulator [options]

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

// The staging token the emulator wants under --sandbox when QONTO_STAGING_TOKEN is not set.
const DEMO_STAGING_TOKEN = "emulator-staging-token";

/**
 * What the import's shell needs so the suggested command works when pasted: the demo credentials to export, or,
 * when the user set their own, which variables the emulator took them from (never the secret itself).
 */
function credentialsBanner(
  env: Env,
  demoKey: { login: string; secretKey: string } | undefined,
  sandbox: boolean,
): string {
  const exports: string[] = [];
  const asSet: string[] = [];
  if (demoKey !== undefined)
    exports.push(`QONTO_LOGIN=${demoKey.login}`, `QONTO_SECRET_KEY=${demoKey.secretKey}`);
  else {
    if (env.QONTO_LOGIN !== undefined && env.QONTO_SECRET_KEY !== undefined)
      asSet.push("QONTO_LOGIN/QONTO_SECRET_KEY");
    if (env.QONTO_ACCESS_TOKEN !== undefined) asSet.push("QONTO_ACCESS_TOKEN");
  }
  // The import refuses both ways to sign in at once, so say which to keep.
  const both = asSet.length === 2 ? " (keep only one of the two ways to sign in)" : "";
  if (sandbox) {
    if (env.QONTO_STAGING_TOKEN === undefined) exports.push(`QONTO_STAGING_TOKEN=${DEMO_STAGING_TOKEN}`);
    else asSet.push("QONTO_STAGING_TOKEN");
  }
  let text = "";
  if (asSet.length > 0)
    text += `It takes its credentials from ${asSet.join(" and ")} as set here: run the import with the same${both}.\n`;
  if (exports.length > 0) text += `In the import's shell first: export ${exports.join(" ")}\n`;
  return text;
}

export async function emulatorCommand(args: string[], env: Env, io: Io): Promise<ExitCode> {
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

  const { startEmulator, loadSeedFile, DEFAULT_EMULATOR_CREDENTIALS } = await import("../emulator/index.js");
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
      ...(values.sandbox === true ? { stagingToken: env.QONTO_STAGING_TOKEN ?? DEMO_STAGING_TOKEN } : {}),
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
  io.stderr(
    credentialsBanner(
      env,
      credentials === DEFAULT_EMULATOR_CREDENTIALS ? DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0] : undefined,
      values.sandbox === true,
    ),
  );
  io.stderr(`Import into it with: qonto-import clients <file.csv> --base-url ${emulator.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await emulator.close();
  return EXIT.ok;
}
