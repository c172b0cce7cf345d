// `qonto-import inspect`: its flags, its help and the glue to inspect's core.
import { parseArgs } from "node:util";
import { EXIT, UsageError, type ExitCode } from "../errors.js";
import { READ_OPTIONS, readOptions, type Io } from "./shared.js";
import { inspect, inspectInvoices, invoiceColumnsOf } from "../library/inspect.js";

export const INSPECT_HELP = `Usage: qonto-import inspect <file.csv|file.xlsx> [options]

Shows how a file will be read, without importing anything or contacting Qonto: the detected format, encoding,
delimiter, sheet and header row, which column feeds which Qonto field, the columns left out, and the first rows
as the payloads Qonto would receive (or the problems that would stop them). An invoices file (an invoice number
and a unit price or quantity, no address or phone) is shown as the invoices command reads it: which column feeds
which invoice field, the columns left out, and the first lines' values.

Options:
  --rows <n>              rows to show (default: 5)
  --invoices              read the file as an invoices file (default: detected from its columns); --map is then
                          an invoices mapping file, as for the invoices command
  --delimiter <char>      as for the clients command
  --encoding <name>       as for the clients command
  --sheet <name|n>        as for the clients command
  --map <mapping.json>    as for the clients command
  --org-country <CC>      as for the clients command
  --default-country <CC>  as for the clients command
  --default-currency <C>  as for the clients command
  --require-invoiceable   as for the clients command
  --strict                as for the clients command
  --json                  print the result as JSON
  -h, --help              show this help
`;

export async function inspectCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      rows: { type: "string" },
      invoices: { type: "boolean" },
      ...READ_OPTIONS,
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    io.stdout(INSPECT_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1)
    throw new UsageError(`one file at a time, got ${positionals.length}: ${positionals.join(" ")}`);
  const rowCount = values.rows === undefined ? 5 : Number(values.rows);
  if (!Number.isInteger(rowCount) || rowCount < 0)
    throw new UsageError(`--rows must be a whole number, not "${values.rows}"`);
  const options = { ...readOptions(values), rows: rowCount };
  const show = (result: unknown, text: () => string) =>
    io.stdout(values.json === true ? JSON.stringify(result, null, 2) + "\n" : text() + "\n");
  const { formatInvoiceInspect } = await import("../invoices/inspect.js");
  if (values.invoices === true) {
    const result = await inspectInvoices(positionals[0], options);
    show(result, () => formatInvoiceInspect(result));
    return EXIT.ok;
  }
  const result = await inspect(positionals[0], options);
  // A clients mapping file says the user means clients; otherwise an invoices file is shown as one.
  const detectedFrom = values.map === undefined ? invoiceColumnsOf(result) : undefined;
  if (detectedFrom !== undefined) {
    const invoices = { ...(await inspectInvoices(positionals[0], options)), detectedFrom };
    show(invoices, () => formatInvoiceInspect(invoices));
    return EXIT.ok;
  }
  const { formatInspect } = await import("../clients/inspect.js");
  show(result, () => formatInspect(result));
  return EXIT.ok;
}
