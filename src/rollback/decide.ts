/**
 * What a rollback does with one row of the run it rolls back, once the client's state in Qonto is known. Pure: no
 * network, so the plan (no --yes) is exactly this, and the tests call it in tables.
 */
import { clientKeys, displayName, MATCH_KEYS } from "../dedupe/keys.js";
import { keyLabel, restoreChanges, type FieldChange } from "../dedupe/plan.js";
import { foldHeader } from "../map/aliases.js";
import { fromFile } from "../errors.js";
import { problem, type Problem } from "../problems.js";
import type { Outcome } from "../report/outcome.js";
import type { ClientUpdatePayload, QontoClient } from "../upload/client.js";
import type { RecordedIdentity, RollbackTarget, TargetWrite } from "./targets.js";

export type RollbackDecision =
  | { write: "delete"; outcome: "deleted"; problems: Problem[] }
  | {
      write: "restore";
      outcome: "restored";
      patch: ClientUpdatePayload;
      changes: FieldChange[];
      problems: Problem[];
    }
  | { write: null; outcome: Outcome; problems: Problem[]; changes?: FieldChange[] };

/** The rows whose decision needs nothing from Qonto: nothing to undo, or nothing the rollback can undo. */
export function decideWithoutQonto(target: RollbackTarget): RollbackDecision | undefined {
  const write = target.write;
  switch (write.kind) {
    case "none":
      return { write: null, outcome: "nothing_to_undo", problems: [] };
    case "unknown":
      return {
        write: null,
        outcome: "needs_review",
        problems: [
          problem(
            "import_unfinished",
            "the import sent this client's create and got no answer before it stopped: the client may be in Qonto, under an id nobody knows; finish the import (run it again), then roll it back",
          ),
        ],
      };
    case "update":
      if (write.previous === undefined)
        return {
          write: null,
          outcome: "needs_review",
          problems: [
            problem(
              "previous_values_unknown",
              "the import's journal does not hold the values this update replaced (an older version wrote it): put them back by hand from the changes column of the import's results.csv",
            ),
          ],
        };
      return undefined;
    case "create":
      return undefined;
  }
}

/** A change since the run's write: "unknown" when neither the journal nor Qonto's timestamps can tell. */
export type ChangedSince = "yes" | "no" | "unknown";

/** Clock slack for the fallback rule below: a create's own updated_at may trail its created_at a little. */
const CREATE_SLACK_MS = 1000;

/**
 * Whether someone changed the client after the run wrote it. With the updated_at Qonto answered the run's write
 * (journals since rollback exists), a later updated_at is a change. Without it (older journals), a client the run
 * created counts as changed when its updated_at is more than a second after its created_at (both Qonto's clock);
 * a client the run updated cannot be told.
 */
export function changedSince(
  current: QontoClient,
  write: Extract<TargetWrite, { clientId: string }>,
): ChangedSince {
  const now = Date.parse(current.updated_at ?? "");
  if (write.updatedAt !== undefined) {
    const at = Date.parse(write.updatedAt);
    if (!Number.isNaN(at) && !Number.isNaN(now)) return now > at ? "yes" : "no";
  }
  if (write.kind === "create") {
    const created = Date.parse(current.created_at ?? "");
    if (!Number.isNaN(created) && !Number.isNaN(now)) return now - created > CREATE_SLACK_MS ? "yes" : "no";
  }
  return "unknown";
}

export interface RowState {
  target: RollbackTarget;
  /** The client as Qonto has it now; null when Qonto no longer has it. */
  current: QontoClient | null;
  /** Invoices an invoices run imported for the client. */
  invoices?: { invoices: number; runs: readonly string[] };
  /** An interrupted run of this rollback had the row's write on its way: a client gone, or already as it was, is its doing. */
  sentBefore: boolean;
  force: boolean;
}

/** The rollback's decision for a row the run wrote (see decideWithoutQonto for the others). */
export function decideRollback(state: RowState): RollbackDecision {
  const early = decideWithoutQonto(state.target);
  if (early !== undefined) return early;
  const write = state.target.write;
  if (write.kind !== "create" && write.kind !== "update")
    return { write: null, outcome: "nothing_to_undo", problems: [] };
  const { current, force } = state;
  if (current === null)
    return {
      write: null,
      outcome: state.sentBefore && write.kind === "create" ? "deleted" : "already_gone",
      problems: [],
    };
  // The journal names the client by id; it is the run's only if it still has what the run recorded it by. An
  // edited journal must not make a rollback delete or overwrite another client, --force or not.
  const stranger = notRecognised(current, write.recorded);
  if (stranger !== undefined)
    return {
      write: null,
      outcome: "needs_review",
      problems: [problem("client_not_recognised", stranger)],
    };
  const problems: Problem[] = [];
  const changed = changedSince(current, write);
  const forced = force ? ": rolled back all the same (--force)" : "";
  if (changed !== "no")
    problems.push(
      problem(
        "changed_since_import",
        changed === "yes"
          ? `changed in Qonto at ${current.updated_at ?? "?"}, after the import wrote it (${write.updatedAt ?? current.created_at ?? "?"})${forced}`
          : `the import's journal does not say when it wrote the client, so a later change cannot be ruled out${forced}`,
      ),
    );

  if (write.kind === "update") {
    const previous = write.previous ?? {};
    const changes = restoreChanges(current, previous);
    // Already as it was before the import: by an interrupted run of this rollback, or by hand.
    if (changes.length === 0)
      return { write: null, outcome: state.sentBefore ? "restored" : "unchanged", problems: [] };
    if (changed !== "no" && !force) return { write: null, outcome: "left_changed", problems, changes };
    return { write: "restore", outcome: "restored", patch: previous, changes, problems };
  }

  const invoices = state.invoices;
  if (invoices !== undefined && invoices.invoices > 0)
    problems.push(
      problem(
        "client_has_invoices",
        `${invoices.invoices} invoice${invoices.invoices === 1 ? " was" : "s were"} imported for this client (${invoices.runs.join(", ")}); deleting it cancels its recurring invoices${forced}`,
      ),
    );
  if (!force && invoices !== undefined && invoices.invoices > 0)
    return { write: null, outcome: "refused_invoices", problems };
  if (!force && changed !== "no") return { write: null, outcome: "left_changed", problems };
  return { write: "delete", outcome: "deleted", problems };
}

/**
 * Why the client in Qonto is not the one the journal recorded, or undefined when it is: when it still has one of the
 * recorded keys; with no key recorded, the same name. A journal line that records neither (every version of the
 * tool wrote one or the other) was not written by a run, so its client is not touched.
 */
export function notRecognised(
  current: QontoClient,
  recorded: RecordedIdentity | undefined,
): string | undefined {
  const keys = MATCH_KEYS.filter((k) => recorded?.keys[k] !== undefined);
  if (recorded === undefined || (keys.length === 0 && recorded.name === undefined))
    return `the run's journal records no key and no name for the client ${current.id} (${displayName(current) || "no name"}), so it cannot be told to be the one the run wrote: left alone`;
  const theirs = clientKeys(current);
  if (keys.length > 0) {
    if (keys.some((k) => recorded.keys[k] === theirs[k])) return undefined;
    const listed = keys.map((k) => `${keyLabel(k)} ${fromFile(recorded.keys[k])}`).join(", ");
    return `the client ${current.id} in Qonto (${displayName(current) || "no name"}) has none of the keys the run's journal recorded for it (${listed}): left alone`;
  }
  if (foldHeader(displayName(current)) === foldHeader(recorded.name ?? "")) return undefined;
  return `the client ${current.id} in Qonto is named ${displayName(current) || "(no name)"}, not ${fromFile(recorded.name)} as the run's journal recorded: left alone`;
}
