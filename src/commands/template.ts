// `qonto-import template`: its flags, its help and the glue to the template writer.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { EXIT, InputFileError, UsageError, type ExitCode } from "../errors.js";
import { describeFsError } from "../parse/csv.js";
import { printable } from "../report/printable.js";
import type { Io } from "./shared.js";

export const TEMPLATE_HELP = `Usage: qonto-import template clients|invoices [options]

Writes a file to fill in: the canonical column headers in your language and example rows that import without a
problem. The XLSX has a note on each header and drop-down lists: for clients, kind, country, Italian province,
locale and currency; for invoices, status, currency and the language's usual VAT rates, with real date cells.

Options:
  --format <csv|xlsx>     default: xlsx
  --lang <fr|en|it|de|es> language of the headers and example (default: fr)
  --out <file>            where to write it (default: clients-<lang>.<format> or invoices-<lang>.<format> in the
                          current folder)
  --force                 overwrite the file if it exists (default: refuse, so a filled-in template is never lost)
  -h, --help              show this help
`;

export async function templateCommand(args: string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: "string" },
      lang: { type: "string" },
      out: { type: "string" },
      force: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    io.stdout(TEMPLATE_HELP);
    return EXIT.ok;
  }
  const { TEMPLATE_FORMATS, TEMPLATE_KINDS, TEMPLATE_LANGS } = await import("../template/kinds.js");
  const { templateFileName, renderTemplate } = await import("../template/render.js");
  const kind = TEMPLATE_KINDS.find((k) => k === positionals[0]);
  if (kind === undefined || positionals.length !== 1)
    throw new UsageError(
      `template takes what to template: ${TEMPLATE_KINDS.join(", ")} (e.g. qonto-import template invoices)`,
    );
  const format = TEMPLATE_FORMATS.find((f) => f === (values.format ?? "xlsx").toLowerCase());
  if (format === undefined)
    throw new UsageError(`--format must be ${TEMPLATE_FORMATS.join(" or ")}, not "${values.format}"`);
  const lang = TEMPLATE_LANGS.find((l) => l === (values.lang ?? "fr").toLowerCase());
  if (lang === undefined)
    throw new UsageError(`--lang must be one of ${TEMPLATE_LANGS.join(", ")}, not "${values.lang}"`);
  const out = values.out ?? templateFileName(kind, format, lang);
  const content = await renderTemplate(kind, format, lang);
  try {
    // "wx" refuses an existing file in the same step as creating it: no window in which another write slips in.
    await writeFile(out, content, { flag: values.force === true ? "w" : "wx" });
  } catch (err) {
    if ((err as { code?: string }).code === "EEXIST")
      throw new UsageError(
        `${printable(out)} already exists: give --force to overwrite it, or --out for another file`,
      );
    throw new InputFileError(out, `cannot be written: ${describeFsError(err)}`);
  }
  io.stderr(`Template written: ${printable(out)}\n`);
  return EXIT.ok;
}
