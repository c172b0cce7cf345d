/**
 * `plan.json`: what a dry run decided, row by row, for `qonto-import apply` to carry out. It is one JSON document,
 * written one row per line so that neither the writer nor the reader ever holds a million rows at once.
 */
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { finished } from "node:stream/promises";
import { z } from "zod";
import type { PlannedAction, PlannedRow } from "../dedupe/plan.js";
import { MATCH_KEYS } from "../dedupe/keys.js";
import { PROBLEMS, type Problem, type ProblemCode } from "../problems.js";
import { ClientCreatePayloadSchema, type ClientCreatePayload } from "../validate/schema.js";
import type { ClientUpdatePayload } from "../upload/client.js";
import { capLabel, capProblem } from "./printable.js";
import { createReportFile } from "./safe-files.js";
import { hasControlCharacters } from "../validate/control.js";

export const PLAN_FILE = "plan.json";
export const PLAN_FORMAT = "qonto-import-plan/1";

export interface PlanHeader {
  tool: { name: string; version: string };
  input: { file: string; sha256: string };
  /** The options the plan was made with (no secret), and their hash. */
  options: Record<string, unknown>;
  optionsHash: string;
  /** False for a dry run without credentials: its creates were not checked against Qonto. */
  existingClientsChecked: boolean;
  createdAt: Date;
}

/** One row as the plan file holds it: the action with everything needed to carry it out. */
export interface PlanRow {
  record: number;
  line: number;
  label: PlannedRow["label"];
  problems: Problem[];
  plan: PlannedAction;
}

export class PlanWriter {
  private first = true;
  private constructor(private readonly file: WriteStream) {}

  static async open(path: string, header: PlanHeader): Promise<PlanWriter> {
    // Created exclusively in the run's new folder: never written through a link placed under its name.
    const file = createWriteStream(path, { fd: createReportFile(path) });
    const head = {
      format: PLAN_FORMAT,
      tool: header.tool,
      created_at: header.createdAt.toISOString(),
      input: header.input,
      options: header.options,
      options_hash: header.optionsHash,
      existing_clients_checked: header.existingClientsChecked,
    };
    // The header object, left open for the rows that follow.
    file.write(`${JSON.stringify(head).slice(0, -1)},\n"rows": [\n`);
    return new PlanWriter(file);
  }

  /** One chunk per batch: a million rows are a few thousand writes, not a million. */
  write(rows: readonly PlannedRow[]): void {
    if (rows.length === 0) return;
    const lines = rows.map((p) =>
      JSON.stringify({
        record: p.row.recordNo,
        line: p.row.line,
        // What the plan repeats of the cells is cut like a report's; the action (its payload) never is: a row
        // that will be sent passed the schema's length limits.
        label: capLabel(p.label),
        problems: p.problems.map(capProblem),
        plan: p.plan,
      } satisfies PlanRow),
    );
    this.file.write(`${this.first ? "" : ",\n"}${lines.join(",\n")}`);
    this.first = false;
  }

  async drain(): Promise<void> {
    if (this.file.writableNeedDrain) await once(this.file, "drain");
  }

  /** complete: false when the input could not be read to the end; the plan then says so and apply refuses it. */
  async close(complete: boolean): Promise<void> {
    this.file.end(`\n],\n"complete": ${complete}}\n`);
    await finished(this.file);
  }
}

const problemSchema = z.object({
  code: z.string().refine((c) => c in PROBLEMS, "an unknown problem code"),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  column: z.string().optional(),
});

const keysSchema = z.object(Object.fromEntries(MATCH_KEYS.map((k) => [k, z.string().optional()])));
const matchKey = z.enum(MATCH_KEYS);
const payload = z.record(z.string(), z.unknown());

// The plan's own shape; the payloads were checked against the contract when the plan was made.
const actionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("create"), payload, keys: keysSchema, matchedKey: matchKey.optional() }),
  z.object({
    action: z.literal("update"),
    payload,
    clientId: z.string(),
    matchedKey: matchKey,
    patch: payload,
    changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
    previous: payload.optional(),
  }),
  z.object({ action: z.literal("unchanged"), clientId: z.string(), matchedKey: matchKey }),
  z.object({ action: z.literal("skipped_existing"), clientId: z.string(), matchedKey: matchKey }),
  z.object({ action: z.literal("duplicate_in_file"), duplicateOf: z.number(), matchedKey: matchKey }),
  z.object({ action: z.literal("needs_review"), candidateIds: z.array(z.string()) }),
  z.object({ action: z.literal("invalid") }),
  z.object({ action: z.literal("ignored") }),
]);

const rowSchema = z.object({
  record: z.number().int().positive(),
  line: z.number().int().positive(),
  label: z.object({ name: z.string(), vat: z.string(), email: z.string() }),
  problems: z.array(problemSchema),
  plan: actionSchema,
});

const headSchema = z.object({
  format: z.literal(PLAN_FORMAT),
  input: z.object({ file: z.string(), sha256: z.string() }),
  options: z.record(z.string(), z.unknown()),
  existing_clients_checked: z.boolean(),
  created_at: z.string(),
});

export type PlanHead = z.infer<typeof headSchema>;

/** Thrown for a file that is not a whole plan written by this tool; the message names the line. */
export class PlanFileError extends Error {
  override name = "PlanFileError";
}

/** Reads a plan's header: the first line. */
export async function readPlanHead(path: string): Promise<PlanHead> {
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(`${line.replace(/,$/, "")}}`);
      } catch {
        throw new PlanFileError("line 1: not the start of a plan written by qonto-import --dry-run");
      }
      const head = headSchema.safeParse(parsed);
      if (!head.success) throw new PlanFileError(`line 1: ${head.error.issues[0]?.message ?? "not a plan"}`);
      return head.data;
    }
  } finally {
    lines.close();
  }
  throw new PlanFileError("empty file");
}

/** The plan's rows, in order; refuses a plan whose dry run could not read its input to the end. */
export async function* readPlanRows(path: string): AsyncGenerator<PlanRow> {
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity });
  let n = 0;
  let complete: boolean | undefined;
  for await (const line of lines) {
    n += 1;
    if (n <= 2) continue; // the header, then `"rows": [`
    const text = line.replace(/,$/, "");
    if (text === "]") continue;
    const end = /^"complete": (true|false)}$/.exec(text);
    if (end !== null) {
      complete = end[1] === "true";
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new PlanFileError(`line ${n}: not valid JSON (was the plan edited or cut short?)`);
    }
    const row = rowSchema.safeParse(parsed);
    if (!row.success) {
      const issue = row.error.issues[0];
      throw new PlanFileError(
        `line ${n}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? "not a plan row"}`,
      );
    }
    // A plan is handed around and brought back: what it would send is held to what an import sends.
    const edited = plannedWriteProblem(row.data.plan);
    if (edited !== undefined)
      throw new PlanFileError(
        `line ${n}: ${edited}; an edited plan is refused, make a new one with --dry-run`,
      );
    const { plan, problems, ...rest } = row.data;
    yield {
      ...rest,
      problems: problems.map((p) => ({ ...p, code: p.code as ProblemCode })),
      plan: plan as PlanRowAction,
    };
  }
  if (complete === undefined) throw new PlanFileError(`line ${n}: the plan ends early (cut short?)`);
  if (!complete)
    throw new PlanFileError("its dry run could not read the input to the end; fix the file and plan again");
}

// The schema checks the plan's structure; payloads keep the contract's types they were written with.
type PlanRowAction = PlannedAction & {
  payload?: ClientCreatePayload;
  patch?: ClientUpdatePayload;
  previous?: ClientUpdatePayload;
};

// An update's patch: the create payload's fields, any of them cleared with null (--clear-empty), addresses in part.
const nullable = (shape: Record<string, z.ZodType>) =>
  Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.nullable().optional()]));
const contractFields: Record<string, z.ZodType> = {};
for (const option of ClientCreatePayloadSchema.options) Object.assign(contractFields, option.shape);
delete contractFields.kind;
// The address's parts, without the refinement that reads them whole: a patch may clear one (null).
const addressShape = ClientCreatePayloadSchema.options[0].shape.billing_address.unwrap().shape;
const addressPatch = z.strictObject(nullable(addressShape)).nullable().optional();
const patchSchema = z.strictObject({
  ...nullable(contractFields),
  billing_address: addressPatch,
  delivery_address: addressPatch,
});

// The import's rule on control characters, and more: an import collapses every run of white space to one space, so
// no value it sends holds a tab or a line break either.
const sentByAnImport = (value: string) => !hasControlCharacters(value) && !/[\t\n\v\f\r]/.test(value);

function controlIn(value: unknown, path: string): string | undefined {
  if (typeof value === "string") return sentByAnImport(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = controlIn(v, `${path}.${i}`);
      if (found !== undefined) return found;
    }
  } else if (typeof value === "object" && value !== null)
    for (const [k, v] of Object.entries(value)) {
      const found = controlIn(v, path === "" ? k : `${path}.${k}`);
      if (found !== undefined) return found;
    }
  return undefined;
}

const issueText = (where: string, error: z.ZodError) => {
  const issue = error.issues[0];
  return `${where}${issue === undefined || issue.path.length === 0 ? "" : `.${issue.path.join(".")}`}: ${issue?.message ?? "invalid"}`;
};

/**
 * Why a planned write is not one an import would make, or undefined: its payload is checked against the contract
 * as an import's is, an update's patch against the update's, and the patch may only send the row's own values
 * (or clear a field, or keep what Qonto had in an address part the row leaves empty).
 */
export function plannedWriteProblem(plan: z.infer<typeof actionSchema>): string | undefined {
  if (plan.action !== "create" && plan.action !== "update") return undefined;
  const control = controlIn(plan, "");
  if (control !== undefined) return `plan.${control} holds a control character`;
  const payload = ClientCreatePayloadSchema.safeParse(plan.payload);
  if (!payload.success) return issueText("plan.payload", payload.error);
  if (plan.action === "create") return undefined;
  const patch = patchSchema.safeParse(plan.patch);
  if (!patch.success) return issueText("plan.patch", patch.error);
  const row = plan.payload;
  for (const [field, value] of Object.entries(plan.patch)) {
    // --clear-empty never clears a name: it is the client's identity.
    if (value === null && field === "name") return "plan.patch.name clears the client's name";
    if (value === null || value === undefined) continue;
    if (typeof value === "string" && value !== row[field])
      return `plan.patch.${field} is not the row's value (plan.payload.${field})`;
    if (field === "billing_address" || field === "delivery_address") {
      const own = (row[field] ?? {}) as Record<string, unknown>;
      for (const [part, v] of Object.entries(value as Record<string, unknown>))
        if (typeof v === "string" && own[part] !== undefined && own[part] !== v)
          return `plan.patch.${field}.${part} is not the row's value`;
    }
    if (field === "phone" && JSON.stringify(value) !== JSON.stringify(row.phone))
      return "plan.patch.phone is not the row's value";
  }
  return undefined;
}
