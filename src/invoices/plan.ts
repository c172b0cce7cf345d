// What one invoice comes to before anything is sent (its plan), and what its lines' results are once it is settled.
import type { JournalState } from "../journal/journal.js";
import { problem, type Problem } from "../problems.js";
import type { Outcome, RowResult } from "../report/outcome.js";
import type { InvoiceCreatePayload } from "../upload/client.js";
import type { InvoiceHeaderMatch } from "./aliases.js";
import type { InvoiceGroup } from "./group.js";
import { normalizeInvoice, type ClientRef, type InvoiceDefaults } from "./normalize.js";
import { ClientResolver, type RefKey } from "./resolve.js";
import { invoicePayloadHash, refusedBeforeMessage, type PreviousRefusal } from "./refusals.js";
import type { InvoiceWrite } from "./upload.js";

/** What one invoice comes to before anything is sent. */
export type InvoicePlan =
  | { action: "invalid" }
  /** Qonto refused this very payload (422) in an earlier run: not sent again, reported with its reasons. */
  | { action: "refused_before"; refusal: PreviousRefusal; clientId: string; by?: RefKey }
  | { action: "skipped_existing"; invoiceId: string; clientId?: string; by?: RefKey }
  | {
      action: "create";
      /** client_id is "" when the client could not be checked (a dry run without credentials). */
      payload: InvoiceCreatePayload & { number: string };
      by?: RefKey;
    };

export interface PlannedInvoice {
  group: InvoiceGroup;
  /** Where each problem goes: the record it names (and every record it names), else the invoice's first. */
  rowProblems: Map<number, Problem[]>;
  plan: InvoicePlan;
  label: RowResult["label"];
}

/** An invoice, planned: refused, already in Qonto, or to create for its resolved client. Pure. */
export function planInvoice(
  group: InvoiceGroup,
  header: InvoiceHeaderMatch,
  defaults: InvoiceDefaults,
  resolver: ClientResolver,
  existingNumbers: ReadonlyMap<string, string>,
  checked: boolean,
  dryRun: boolean,
  refusals: ReadonlyMap<string, PreviousRefusal> = new Map(),
): PlannedInvoice {
  const first = group.rows[0]?.recordNo ?? 0;
  const normalized = normalizeInvoice(group, header.mapping, defaults);
  const rowProblems = new Map<number, Problem[]>();
  const put = (record: number, p: Problem) =>
    rowProblems.set(record, [...(rowProblems.get(record) ?? []), p]);
  for (const p of normalized.problems) {
    const { recordNo, records, ...plain } = p;
    for (const r of records ?? [recordNo]) put(r, plain);
  }
  const ref: ClientRef = normalized.ok ? normalized.clientRef : {};
  const given = (field: "client_vat_number" | "client_tax_id" | "client_email" | "client_name") =>
    group.values[field]?.value ?? "";
  const label = {
    name: given("client_name"),
    vat: given("client_vat_number") || given("client_tax_id"),
    email: given("client_email"),
  };
  const planned = (plan: InvoicePlan): PlannedInvoice => ({ group, rowProblems, plan, label });
  if (!normalized.ok) return planned({ action: "invalid" });
  const number = normalized.payload.number;
  // The column of the strongest reference the invoice gives: the one resolution went by first.
  const refField = (["client_vat_number", "client_tax_id", "client_email", "client_name"] as const).find(
    (f) => given(f) !== "",
  );
  const clientColumn = refField === undefined ? undefined : header.mapping[refField];
  let clientId = "";
  let by: RefKey | undefined;
  const resolution = resolver.resolve(ref);
  if (resolution.ok) {
    by = resolution.by;
    if (resolution.client.name !== "") label.name = resolution.client.name;
    if (resolution.pending) {
      if (!dryRun) {
        put(
          first,
          problem(
            "invoice_client_unresolved",
            `the client (${resolution.client.name}) is not in Qonto: the clients run given with --clients-report only planned it; import the clients first`,
            clientColumn,
          ),
        );
        return planned({ action: "invalid" });
      }
      put(
        first,
        problem(
          "invoice_client_pending",
          `the client (${resolution.client.name}) is not in Qonto yet: the clients run would create it`,
          clientColumn,
        ),
      );
    } else clientId = resolution.client.id ?? "";
  } else if (checked || resolution.code === "invoice_client_ambiguous") {
    put(first, problem(resolution.code, resolution.message, clientColumn));
    return planned({ action: "invalid" });
  } else
    put(
      first,
      problem(
        "invoice_client_not_checked",
        "the client is not looked up in Qonto without credentials",
        clientColumn,
      ),
    );
  const byOf = by === undefined ? {} : { by };
  // normalizeInvoice refuses an invoice without a number; the check is for the type.
  if (number === undefined) return planned({ action: "invalid" });
  const existing = existingNumbers.get(number.trim());
  if (existing !== undefined)
    return planned({
      action: "skipped_existing",
      invoiceId: existing,
      ...(clientId === "" ? {} : { clientId }),
      ...byOf,
    });
  const payload = { ...normalized.payload, number, client_id: clientId };
  // Hashed as it would be sent: the same lines for another client are another invoice.
  const refusal = clientId === "" ? undefined : refusals.get(invoicePayloadHash(payload));
  if (refusal !== undefined) return planned({ action: "refused_before", refusal, clientId, ...byOf });
  return planned({ action: "create", payload, ...byOf });
}

/** Where the interrupted run already settled an invoice; undefined when it is carried out as planned. */
export function settleInvoice(p: PlannedInvoice, state: JournalState): InvoiceWrite | undefined {
  const record = p.group.rows[0]?.recordNo ?? 0;
  const done = state.done.get(record);
  if (done !== undefined)
    return {
      outcome: done.outcome === "skipped_existing" ? "skipped_existing" : "created",
      ...(done.invoice_id === undefined ? {} : { invoiceId: done.invoice_id }),
      problems: [],
    };
  // On its way when the run stopped, and Qonto has the number now: that create went through.
  if (state.uncertain.has(record) && p.plan.action === "skipped_existing")
    return { outcome: "created", invoiceId: p.plan.invoiceId, problems: [] };
  return undefined;
}

/** One result per line of the invoice, all with the invoice's outcome. */
export function lineResults(p: PlannedInvoice, write: InvoiceWrite | undefined): RowResult[] {
  const plan = p.plan;
  const number = p.group.key;
  const outcome: Outcome =
    write?.outcome ??
    (plan.action === "invalid"
      ? "invalid"
      : plan.action === "skipped_existing"
        ? "skipped_existing"
        : plan.action === "refused_before"
          ? "failed"
          : "would_create");
  const invoiceId = write?.invoiceId ?? (plan.action === "skipped_existing" ? plan.invoiceId : undefined);
  const clientId =
    plan.action === "create"
      ? plan.payload.client_id
      : plan.action === "skipped_existing" || plan.action === "refused_before"
        ? plan.clientId
        : undefined;
  const refusedBefore =
    plan.action === "refused_before" && write === undefined
      ? [problem("api_rejected_before", refusedBeforeMessage(plan.refusal))]
      : [];
  const by = plan.action === "invalid" ? undefined : plan.by;
  const firstError = [...p.rowProblems.entries()].flatMap(([record, list]) =>
    list.filter((x) => x.severity === "error").map((x) => ({ record, x })),
  )[0];
  return p.group.rows.map((row, i) => {
    const problems = [
      ...(p.rowProblems.get(row.recordNo) ?? []),
      ...(write?.problems ?? []),
      ...refusedBefore,
    ];
    if (outcome === "invalid" && !problems.some((x) => x.severity === "error") && firstError !== undefined)
      problems.push(
        problem(
          "invoice_refused",
          `not imported with its invoice${number === "" ? "" : ` ${number}`}: ${firstError.x.code} on record ${firstError.record}`,
        ),
      );
    const result: RowResult = {
      recordNo: row.recordNo,
      line: row.line,
      outcome,
      problems,
      label: p.label,
      invoice: {
        number,
        item: i + 1,
        ...(invoiceId === undefined ? {} : { id: invoiceId }),
        ...(by === undefined ? {} : { clientMatchedBy: by }),
      },
    };
    if (clientId !== undefined && clientId !== "") result.clientId = clientId;
    return result;
  });
}
