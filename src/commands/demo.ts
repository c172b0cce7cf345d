import { fileURLToPath } from "node:url";
import { main } from "../cli.js";
import { DEFAULT_EMULATOR_CREDENTIALS, loadSeedFile, startEmulator } from "../emulator/index.js";

// `npm run demo`: a real import of the sample clients, then of the sample invoices that name them, into a freshly
// seeded emulator, end to end through the CLI.
const root = fileURLToPath(new URL("../../../", import.meta.url));
const sample = `${root}samples/clients.csv`;
const invoices = `${root}samples/invoices.csv`;

async function demo(): Promise<number> {
  const seed = await loadSeedFile(`${root}samples/existing-clients.json`);
  const emulator = await startEmulator({ seedClients: seed });
  const key = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0];
  if (key === undefined) throw new Error("the emulator has no demo API key");
  process.stderr.write(`Qonto emulator started on ${emulator.url} with ${seed.length} existing clients.\n`);
  process.stderr.write(`Importing samples/clients.csv...\n\n`);
  const env = {
    ...process.env,
    QONTO_LOGIN: key.login,
    QONTO_SECRET_KEY: key.secretKey,
    QONTO_ACCESS_TOKEN: undefined,
  };
  const io = {
    stdout: (s: string) => process.stdout.write(s),
    stderr: (s: string) => process.stderr.write(s),
  };
  try {
    const code = await main(
      ["clients", sample, "--base-url", emulator.url, "--report-dir", `${root}reports`],
      env,
      io,
    );
    process.stderr.write(
      `\nThe emulator now holds ${emulator.clients().length} clients (${seed.length} before the import). ` +
        `The import's exit code was ${code}: ${code === 1 ? "some sample rows are invalid on purpose" : "see above"}.\n`,
    );
    // The sample has invalid rows on purpose, so exit 1 is the expected result of the import itself.
    if (code > 1) return code;
    process.stderr.write(`\nImporting samples/invoices.csv (invoices for those clients)...\n\n`);
    const invoiceCode = await main(
      ["invoices", invoices, "--base-url", emulator.url, "--report-dir", `${root}reports`],
      env,
      io,
    );
    process.stderr.write(
      `\nThe emulator now holds ${emulator.invoices().length} invoices. The import's exit code was ${invoiceCode}: ` +
        `${invoiceCode === 1 ? "some sample invoices are invalid on purpose" : "see above"}.\n`,
    );
    return invoiceCode <= 1 ? 0 : invoiceCode;
  } finally {
    await emulator.close();
  }
}

demo().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
