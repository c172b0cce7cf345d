import type { PlannedRow } from "./plan.js";
import { classifyRow, type RowRoles } from "../map/summary-rows.js";
import type { SourceRow } from "../parse/source-row.js";

/**
 * A totals line or a repeated header, planned as ignored: its label for the report, and only the reason it is set
 * aside (what the reader says about its shape, a missing field or a formula without a value, is moot for a row
 * that is not data). Rows whose cells may be misplaced or garbled are not judged: they are planned as any row.
 */
export function ignoredRow(row: SourceRow, roles: RowRoles): PlannedRow | undefined {
  if (row.problems.some((p) => p.code === "row_too_many_fields" || p.code === "encoding_invalid"))
    return undefined;
  const why = classifyRow(row.fields, roles);
  if (why === undefined) return undefined;
  const shown = roles.columns.map((c) => (row.fields[c] ?? "").trim()).filter((v) => v !== "");
  const name = why.column === undefined ? shown.slice(0, 2).join(" ") : (row.fields[why.column] ?? "").trim();
  return { row, plan: { action: "ignored" }, problems: [why], label: { name, vat: "", email: "" } };
}
