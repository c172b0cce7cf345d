// A nightly job: import the clients your own system exported, then say what happened.
// Run it with QONTO_LOGIN and QONTO_SECRET_KEY set; QONTO_BASE_URL points it at the emulator instead of Qonto.
import { credentialsFromEnv, exitCodeOf, importClients } from "qonto-import";

const file = process.argv[2] ?? "clients.csv";
try {
  const result = await importClients(file, {
    credentials: credentialsFromEnv(process.env),
    baseUrl: process.env.QONTO_BASE_URL,
    onMatch: "update",
    onLog: (line) => console.error(line),
    onProgress: (event) => {
      if (event.phase === "rows" && event.done === event.total) console.error(`${event.done} rows done`);
    },
  });
  const { created = 0, updated = 0, invalid = 0 } = result.summary.outcomes;
  console.log(`${created} created, ${updated} updated, ${invalid} invalid; report in ${result.reportDir}`);
  // The CLI's exit codes: 1 when some rows were not imported (errors.csv in the report folder lists them).
  process.exitCode = exitCodeOf(result.summary);
} catch (err) {
  // A refusal (an option, an unreadable file, a run already under way, credentials refused) has the CLI's exit code.
  console.error(`nightly import stopped: ${err.message}`);
  process.exitCode = err.exitCode ?? 3;
}
