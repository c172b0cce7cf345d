// Reads input files with the built reader (dist/src/parse/open.js), one after the other, as the corpus test's
// child process (run with a bounded heap: node --max-old-space-size=512):
//
//   node --max-old-space-size=512 test/helpers/read-corpus-file.mjs <maxRow> [--encoding <name>] <file>...
//
// `--encoding <name>` applies to the file after it (what a user passes after a "try --encoding" refusal).
// For each file it prints a line {"event":"start","file"} and then one of (JSON, one line each):
//   {"event":"done","file","outcome":"read","header","rowCount","recordCount","rows","maxRssMiB"}
//       every row was iterated; `rows` holds those whose line (sheet row or CSV line) is at most maxRow
//   {"event":"done","file","outcome":"refused","message","exitCode","maxRssMiB"}     an InputFileError
//   {"event":"done","file","outcome":"crash","error"}                                anything else thrown
// A file that started but never finished (the process aborted, ran out of memory or was killed) is the
// parent's to report.
import { InputFileError } from "../../dist/src/errors.js";
import { openTable } from "../../dist/src/parse/open.js";

const [maxRowArg, ...args] = process.argv.slice(2);
/** @type {{ file: string, encoding?: string }[]} */
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--encoding") files.push({ encoding: args[i + 1], file: args[(i += 2)] });
  else files.push({ file: args[i] });
}
const maxRow = Number(maxRowArg);
if (!Number.isInteger(maxRow) || files.length === 0) {
  process.stderr.write("usage: read-corpus-file.mjs <maxRow> <file>...\n");
  process.exit(2);
}

/** Writes a line and waits for it to be flushed, so a later abort cannot lose it. */
function print(result) {
  return new Promise((resolve) => process.stdout.write(JSON.stringify(result) + "\n", () => resolve()));
}

const maxRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

for (const { file, encoding } of files) {
  await print({ event: "start", file });
  try {
    const table = await openTable(file, encoding === undefined ? {} : { encoding });
    const rows = [];
    let rowCount = 0;
    for await (const row of table.rows) {
      rowCount += 1;
      if (row.line <= maxRow) rows.push({ line: row.line, fields: row.fields });
    }
    await print({
      event: "done",
      file,
      outcome: "read",
      header: table.header,
      rowCount,
      recordCount: table.recordCount(),
      rows,
      maxRssMiB: maxRssMiB(),
    });
  } catch (err) {
    if (err instanceof InputFileError)
      await print({
        event: "done",
        file,
        outcome: "refused",
        message: err.message,
        exitCode: err.exitCode,
        maxRssMiB: maxRssMiB(),
      });
    else
      await print({
        event: "done",
        file,
        outcome: "crash",
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
  }
}
