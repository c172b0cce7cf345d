// The clients a clients run accounted for, read from its report folder (--clients-report): what lets invoices
// name clients created in the same session, and lets a dry run of invoices follow a dry run of clients.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { UsageError } from "../errors.js";
import { delimiterOfReport, RESULTS_COLUMNS, unneutralize } from "../report/reporter.js";
import type { KnownClient } from "./resolve.js";

export interface ClientsReport {
  folder: string;
  /** Clients the run created, updated or found: they have an id. */
  existing: (KnownClient & { id: string })[];
  /** Clients a dry run would create. */
  pending: KnownClient[];
}

// Outcomes that leave the row's client in Qonto, with its id in the report.
const WITH_ID = new Set(["created", "updated", "unchanged", "skipped_existing"]);

/** Reads results.csv of a clients run's report folder; a folder that is not one is a usage error. */
export async function readClientsReport(folder: string): Promise<ClientsReport> {
  let text: string;
  try {
    text = await readFile(join(folder, "results.csv"), "utf8");
  } catch {
    throw new UsageError(
      `--clients-report ${folder}: no results.csv there; give the report folder of a clients import`,
    );
  }
  const rows = parse(text, {
    bom: true,
    columns: true,
    skip_empty_lines: true,
    delimiter: delimiterOfReport(text.slice(0, 64)),
  }) as Record<string, string>[];
  const header = Object.keys(rows[0] ?? {});
  if (rows.length > 0 && !RESULTS_COLUMNS.every((c) => header.includes(c)))
    throw new UsageError(
      `--clients-report ${folder}: its results.csv is not a clients import's (columns ${header.join(", ")})`,
    );
  const report: ClientsReport = { folder, existing: [], pending: [] };
  const cell = (row: Record<string, string>, column: string): string | undefined => {
    const raw = unneutralize(row[column] ?? "").trim();
    return raw === "" ? undefined : raw;
  };
  for (const row of rows) {
    const client: KnownClient = { name: cell(row, "name") ?? "" };
    const vat = cell(row, "vat_number");
    if (vat !== undefined) client.vat_number = vat;
    const email = cell(row, "email");
    if (email !== undefined) client.email = email;
    const id = cell(row, "qonto_client_id");
    const outcome = cell(row, "outcome") ?? "";
    if (id !== undefined && WITH_ID.has(outcome)) report.existing.push({ ...client, id });
    else if (outcome === "would_create") report.pending.push(client);
  }
  return report;
}
