/**
 * `qonto-import apply <plan.json>`: carries out exactly the plan a dry run wrote, after checking that what it relies
 * on still holds: a client created since the plan is not created again, a client updated by the plan still exists.
 */
import type { KeyIndex } from "../dedupe/index.js";
import type { PlannedAction, PlannedRow } from "../dedupe/plan.js";
import { keyLabel, previousOf, restoreChanges } from "../dedupe/plan.js";
import { clientKeys, displayName } from "../dedupe/keys.js";
import { ALL_KEYS, evidenceOf, parseMatchOn, type MatchOn } from "../dedupe/match.js";
import { fromFile, InputFileError, otherBaseUrl } from "../errors.js";
import { execute } from "../execute/execute.js";
import { BATCH_SIZE, batches, sha256File } from "../execute/batches.js";
import { type ExecuteOutcome, type ExecuteSettings, type RunHooks } from "../execute/types.js";
import { problem } from "../problems.js";
import { checkReportRoot } from "../report/safe-files.js";
import { readPlanHead, readPlanRows, PlanFileError, type PlanRow } from "../report/plan-file.js";
import type { QontoClient } from "../upload/client.js";

export interface ApplySettings extends Omit<
  ExecuteSettings,
  "recorded" | "dryRun" | "publicOptions" | "baseUrl"
> {
  plan: string;
  /** From --base-url, --sandbox or the default: never from the plan, which only has to agree with it. */
  baseUrl: string;
}

/**
 * Checks a planned row against the clients Qonto has now; the plan's decision when it still holds. A client the
 * plan names by id is written, or reported, only if it still has the key the plan matched it by: an id edited in
 * the plan (or a client changed since) is left for review. What an update changes, and what it replaces, are
 * worked out again from the client as it is, so the report says what is sent.
 */
export function recheck(
  row: PlanRow,
  existing: KeyIndex<QontoClient>,
  clients: ReadonlyMap<string, QontoClient>,
  onMatch: string,
  matchOn: MatchOn = ALL_KEYS,
): PlannedRow {
  const planned: PlannedRow = {
    row: { file: "", recordNo: row.record, line: row.line, fields: {}, problems: [] },
    plan: row.plan,
    problems: [...row.problems],
    label: row.label,
  };
  const plan: PlannedAction = row.plan;
  // A write's row is named by what it sends, not by the plan's copy of its label.
  if (plan.action === "create" || plan.action === "update")
    planned.label = {
      name: displayName(plan.payload),
      vat: plan.payload.vat_number ?? "",
      email: plan.payload.email ?? "",
    };
  const outdated = (message: string, candidateIds: string[]) => {
    planned.problems.push(problem("plan_outdated", message));
    planned.plan = { action: "needs_review", candidateIds };
  };
  if (plan.action === "create") {
    // The keys are the payload's, not the plan's copy of them: they steer the look-up after a lost answer.
    const keys = clientKeys(plan.payload);
    planned.plan = { ...plan, keys };
    // The import's rule, on the plan's own values: a namesake created since is not a reason to skip the row.
    const match =
      onMatch === "create"
        ? undefined
        : existing.match(keys, evidenceOf(plan.payload, keys), matchOn).same[0];
    if (match !== undefined) {
      planned.problems.push(
        problem(
          "plan_outdated",
          `a client with the same ${keyLabel(match.key)} (${match.item.id}) is in Qonto now, though not when the plan was made: not created again`,
        ),
      );
      planned.plan = { action: "skipped_existing", clientId: match.item.id, matchedKey: match.key };
    }
    return planned;
  }
  if (plan.action !== "update" && plan.action !== "unchanged" && plan.action !== "skipped_existing")
    return planned;
  const current = clients.get(plan.clientId);
  if (current === undefined) {
    outdated(`the client the plan relies on (${plan.clientId}) is no longer in Qonto: nothing was done`, [
      plan.clientId,
    ]);
    return planned;
  }
  // An update has the row's payload; a skip or an unchanged row only its label's VAT number and e-mail.
  const wanted =
    plan.action === "update"
      ? clientKeys(plan.payload)[plan.matchedKey]
      : clientKeys({ vat_number: row.label.vat, email: row.label.email })[plan.matchedKey];
  const theirs = clientKeys(current)[plan.matchedKey];
  if ((plan.action === "update" || wanted !== undefined) && (wanted === undefined || wanted !== theirs)) {
    outdated(
      `the client the plan names (${plan.clientId}) does not have the ${keyLabel(plan.matchedKey)} the plan matched it by (${wanted ?? "none"}; it has ${theirs ?? "none"}): nothing was done`,
      [plan.clientId],
    );
    return planned;
  }
  if (plan.action === "update")
    planned.plan = {
      ...plan,
      changes: restoreChanges(current, plan.patch),
      previous: previousOf(current, plan.patch as Record<string, unknown>),
    };
  return planned;
}

export async function applyPlan(settings: ApplySettings, hooks: RunHooks): Promise<ExecuteOutcome> {
  const startedAt = new Date();
  let head;
  let total = 0;
  // Hashed before it is checked, and again once it has been read for sending: a plan changed in between is refused.
  const sha256 = await sha256File(settings.plan);
  try {
    head = await readPlanHead(settings.plan);
    // The whole plan is checked before the first request, as an input file is; its row count is the report's check.
    for await (const row of readPlanRows(settings.plan)) if (row) total += 1;
  } catch (err) {
    if (err instanceof PlanFileError) throw new InputFileError(settings.plan, err.message);
    throw err;
  }
  const onMatch = typeof head.options.onMatch === "string" ? head.options.onMatch : "skip";
  const parsedMatchOn =
    typeof head.options.matchOn === "string" ? parseMatchOn(head.options.matchOn) : undefined;
  if (parsedMatchOn?.ok === false)
    throw new InputFileError(settings.plan, `match-on: ${parsedMatchOn.error}`);
  const matchOn = parsedMatchOn?.keys ?? ALL_KEYS;
  // A plan is handed around and brought back: where the credentials go is the command line's to say, not its.
  const baseUrl = settings.baseUrl;
  const planBaseUrl = head.options.baseUrl;
  if (planBaseUrl !== undefined && planBaseUrl !== baseUrl)
    throw new InputFileError(settings.plan, otherBaseUrl("the plan", planBaseUrl, baseUrl));
  if (!head.existing_clients_checked)
    hooks.log(
      "This plan was made without reading Qonto (a dry run without credentials): every create is checked now.",
    );
  hooks.log(
    `Applying ${settings.plan} (made ${fromFile(head.created_at)} from ${fromFile(head.input.file)}).`,
  );
  // An unusable report folder is said before the first request, not once every client has been read.
  await checkReportRoot(settings.reportDir);
  const { plan: planPath, ...rest } = settings;
  return execute(
    {
      file: planPath,
      sha256,
      positionName: "line",
      // No expectedRows: a plan is re-checked against the whole list, so a vanished client is told from one not read.
      async *plan(existing) {
        try {
          for await (const batch of batches(readPlanRows(planPath), BATCH_SIZE))
            yield batch.map((row) => recheck(row, existing.index, existing.clients, onMatch, matchOn));
        } catch (err) {
          if (err instanceof PlanFileError) throw new InputFileError(planPath, err.message);
          throw err;
        }
        if ((await sha256File(planPath)) !== sha256)
          throw new InputFileError(
            planPath,
            "changed while it was being applied: see results.csv for what was sent",
          );
      },
      recordCount: () => total,
    },
    {
      ...rest,
      baseUrl,
      dryRun: false,
      recorded: { plan: sha256, baseUrl },
      publicOptions: {
        plan: planPath,
        plan_input: head.input,
        base_url: baseUrl,
        on_match: onMatch,
        concurrency: settings.concurrency,
      },
    },
    hooks,
    startedAt,
  );
}
