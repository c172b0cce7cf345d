import { readFile } from "node:fs/promises";
import { z } from "zod";
import { InputFileError } from "../errors.js";
import { SOURCE_FIELDS, type SourceField } from "./aliases.js";

// `--map mapping.json`: what the alias table cannot guess. Documented in the README ("Mapping file").
//   columns    source column -> canonical field, or null to ignore the column
//   constants  canonical field -> value used when the row has no value for it
//   ignore     source columns to leave out even when an alias matches them

const FIELD_NAMES = Object.keys(SOURCE_FIELDS) as [SourceField, ...SourceField[]];
const Field = z.enum(FIELD_NAMES);

const MappingFileSchema = z.strictObject({
  columns: z.record(z.string().min(1), Field.nullable()).default({}),
  constants: z.partialRecord(Field, z.string()).default({}),
  ignore: z.array(z.string().min(1)).default([]),
});

export type MappingFile = z.infer<typeof MappingFileSchema>;

export const EMPTY_MAPPING: MappingFile = { columns: {}, constants: {}, ignore: [] };

/** A mapping file's JSON (a BOM allowed), or an InputFileError naming the file: not found, unreadable, not JSON. */
export async function readMappingJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputFileError(
      path,
      code === "ENOENT" ? "mapping file not found" : `cannot read the mapping file (${code ?? "error"})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new InputFileError(path, `the mapping file is not valid JSON: ${(err as Error).message}`);
  }
  return json;
}

/** Reads and checks a mapping file; every problem is one line naming the file and the entry. */
export async function loadMappingFile(path: string): Promise<MappingFile> {
  const json = await readMappingJson(path);
  const parsed = MappingFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.map(String).join(".") : "the file";
    let detail = issue?.message ?? "invalid";
    if (issue?.code === "invalid_value" || issue?.code === "invalid_key")
      detail = `unknown field; fields are: ${FIELD_NAMES.join(", ")}`;
    else if (issue?.code === "unrecognized_keys")
      detail =
        where === "the file"
          ? `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}; the file takes "columns", "constants" and "ignore"`
          : `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}; fields are: ${FIELD_NAMES.join(", ")}`;
    throw new InputFileError(path, `${where}: ${detail}`);
  }
  return parsed.data;
}

/** Columns the mapping file names that the input file does not have: a typo to report, not to ignore. */
export function missingColumns(mapping: MappingFile, columns: readonly string[]): string[] {
  const present = new Set(columns);
  return [...Object.keys(mapping.columns), ...mapping.ignore].filter((c) => !present.has(c));
}
