import type { SourceRow } from "../parse/source-row.js";
import { problem, type Problem, type ProblemCode } from "../problems.js";
import type { ClientUpdatePayload, QontoAddress, QontoClient } from "../upload/client.js";
import type { NormalizedRow } from "../validate/normalize.js";
import type { ClientCreatePayload } from "../validate/schema.js";
import { CompactKeyIndex } from "./compact-index.js";
import { judgeAll, type Candidate, type KeyIndex } from "./index.js";
import { clientKeys, displayName, type ClientKeys, type MatchKey } from "./keys.js";
import { ALL_KEYS, evidenceOf, type MatchOn } from "./match.js";

export type OnMatch = "skip" | "update" | "create";

export interface FieldChange {
  field: string;
  from: string | null;
  /** null: the value is cleared (--clear-empty). */
  to: string | null;
}

/** An update as the planner builds it: a field or address part set to null is cleared. */
export type ClientPatch = ClientUpdatePayload;

export interface PlannerOptions {
  /**
   * --clear-empty: with --on-match update, a field the row leaves empty is cleared on the existing client, if
   * mappedFields names it. Off by default: an empty cell never blanks a value.
   */
  clearEmpty?: boolean;
  /**
   * The payload fields the input has a column for, the only ones clearEmpty may clear: top-level names ("email",
   * "phone", "extra_emails", "vat_number", "billing_address", ...), or one address part ("billing_address.city").
   * A bare "billing_address" stands for all five of its parts. Without it, nothing is cleared.
   */
  mappedFields?: ReadonlySet<string>;
  /** --match-on: the keys that may propose a match (all by default). */
  matchOn?: MatchOn;
}

/** What the plan decides for one row; the applier acts on create and update only. */
export type PlannedAction =
  | { action: "create"; payload: ClientCreatePayload; keys: ClientKeys; matchedKey?: MatchKey }
  | {
      action: "update";
      payload: ClientCreatePayload;
      clientId: string;
      matchedKey: MatchKey;
      patch: ClientUpdatePayload;
      changes: FieldChange[];
      /** The values the patch replaces, as a PATCH putting them back; absent in plans made before it was kept. */
      previous?: ClientUpdatePayload;
    }
  | { action: "unchanged"; clientId: string; matchedKey: MatchKey }
  | { action: "skipped_existing"; clientId: string; matchedKey: MatchKey }
  | { action: "duplicate_in_file"; duplicateOf: number; matchedKey: MatchKey }
  | { action: "needs_review"; candidateIds: string[] }
  | { action: "invalid" }
  // A totals line or a repeated header, set aside before planning (dedupe/ignored.ts).
  | { action: "ignored" };

export interface PlannedRow {
  row: SourceRow;
  plan: PlannedAction;
  problems: Problem[];
  /** What a person needs to recognise the row in the report without the input file. */
  label: { name: string; vat: string; email: string };
}

export interface Planner {
  plan(row: SourceRow, normalized: NormalizedRow): PlannedRow;
}

/**
 * Decides, row by row and in file order, what to do against the clients already in Qonto and the rows seen
 * before. Pure apart from remembering earlier rows: no network, so --dry-run is exactly this.
 */
export function createPlanner(
  existing: KeyIndex<QontoClient>,
  onMatch: OnMatch,
  options: PlannerOptions = {},
): Planner {
  const earlier = new CompactKeyIndex();
  const claimed = new Map<string, number>();
  const mapped = options.clearEmpty === true ? expandPaths(options.mappedFields ?? NO_FIELDS) : NO_FIELDS;
  const matchOn = options.matchOn ?? ALL_KEYS;

  return {
    plan(row, normalized) {
      const problems = [...normalized.problems];
      if (!normalized.ok)
        return { row, plan: { action: "invalid" }, problems, label: normalized.label ?? noLabel() };
      const payload = normalized.payload;
      const label = labelOf(payload);
      const keys = clientKeys(payload);
      const evidence = evidenceOf(payload, keys);

      const inFile = judgeAll(earlier.find(keys, matchOn), evidence);
      const first = inFile.same.reduce<Candidate<number> | undefined>(
        (best, c) => (best === undefined || c.item < best.item ? c : best),
        undefined,
      );
      if (first !== undefined) {
        problems.push(
          problem(
            "duplicate_in_file",
            `same client as record ${first.item} (same ${keyLabel(first.key)}); only record ${first.item} is imported`,
          ),
        );
        return {
          row,
          plan: { action: "duplicate_in_file", duplicateOf: first.item, matchedKey: first.key },
          problems,
          label,
        };
      }
      earlier.add(keys, row.recordNo, evidence);

      const matches = existing.match(keys, evidence, matchOn);
      const ids = [...new Set(matches.same.map((m) => m.item.id))];
      if (ids.length > 1) {
        problems.push(
          problem(
            "matches_several_clients",
            `matches ${matches.same.length} existing Qonto clients (${matches.same.map((m) => `${displayName(m.item)} [${m.item.id}] by ${keyLabel(m.key)}`).join(", ")}); nothing was changed`,
          ),
        );
        return { row, plan: { action: "needs_review", candidateIds: ids }, problems, label };
      }
      const match = matches.same[0];
      if (match === undefined) {
        // Told, not decided: the user sees in the report which record or client the new one resembles.
        const lookalikes = [
          ...inFile.others.map((o) => ({ what: `record ${o.item}`, key: o.key, why: o.why })),
          ...matches.others.map((o) => ({
            what: `Qonto client ${displayName(o.item)} [${o.item.id}]`,
            key: o.key,
            why: o.why,
          })),
        ];
        if (lookalikes.length > 0) problems.push(possibleDuplicate(lookalikes));
        return { row, plan: { action: "create", payload, keys }, problems, label };
      }

      const { item: client, key } = match;
      // Two rows that resolve to the same existing client (one by VAT, one by e-mail) are one client: the first
      // row decides, so two updates never race on it.
      const claimedBy = claimed.get(client.id);
      if (claimedBy !== undefined && onMatch !== "create") {
        problems.push(
          problem(
            "duplicate_in_file",
            `same Qonto client as record ${claimedBy} (${displayName(client)}, matched by ${keyLabel(key)}); only record ${claimedBy} is used`,
          ),
        );
        return {
          row,
          plan: { action: "duplicate_in_file", duplicateOf: claimedBy, matchedKey: key },
          problems,
          label,
        };
      }
      claimed.set(client.id, row.recordNo);
      if (onMatch === "create")
        return {
          row,
          plan: { action: "create", payload, keys, matchedKey: key },
          problems,
          label,
        };
      if (onMatch === "skip")
        return {
          row,
          plan: { action: "skipped_existing", clientId: client.id, matchedKey: key },
          problems,
          label,
        };
      const { patch, changes, previous } = diffClient(client, payload, clearableFor(mapped, problems));
      if (changes.length === 0)
        return { row, plan: { action: "unchanged", clientId: client.id, matchedKey: key }, problems, label };
      return {
        row,
        plan: {
          action: "update",
          payload,
          clientId: client.id,
          matchedKey: key,
          patch,
          changes,
          previous,
        },
        problems,
        label,
      };
    },
  };
}

const KEY_LABELS: Record<MatchKey, string> = {
  vat_number: "vat number",
  tax_identification_number: "tax id",
  e_invoicing_address: "e-invoicing address",
  email: "email",
  name_zip: "name and zip code",
};

export function keyLabel(key: MatchKey): string {
  return KEY_LABELS[key];
}

// A person may have namesakes by the thousand in a big file: the warning names a few.
const LOOKALIKES_NAMED = 3;

/** The possible_duplicate warning of a row kept apart from records or clients that share a key with it. */
export function possibleDuplicate(
  lookalikes: readonly { what: string; key: MatchKey; why: string }[],
): Problem {
  const named = lookalikes
    .slice(0, LOOKALIKES_NAMED)
    .map((l) => `${l.what} (same ${keyLabel(l.key)}, but ${l.why})`);
  const more = lookalikes.length - named.length;
  return problem(
    "possible_duplicate",
    `kept as a client of its own, though it resembles ${named.join("; ")}${more > 0 ? `; and ${more} more` : ""}`,
  );
}

const NO_FIELDS: ReadonlySet<string> = new Set();
const ADDRESS_FIELDS = ["billing_address", "delivery_address"] as const;
const ADDRESS_PARTS = ["street_address", "city", "zip_code", "province_code", "country_code"] as const;

/** "billing_address" stands for each of its parts, so that one part can be taken out again. */
function expandPaths(fields: ReadonlySet<string>): ReadonlySet<string> {
  const out = new Set<string>();
  for (const field of fields) {
    if ((ADDRESS_FIELDS as readonly string[]).includes(field))
      for (const part of ADDRESS_PARTS) out.add(`${field}.${part}`);
    else out.add(field);
  }
  return out;
}

// A warning that leaves a value out stands for a cell that was not empty (a phone that does not parse, an
// e-invoicing address for a non-French organization): what it concerns must not be cleared.
const LEFT_OUT: Partial<Record<ProblemCode, readonly string[]>> = {
  phone_invalid: ["phone"],
  province_not_sent: ["billing_address.province_code", "delivery_address.province_code"],
  field_not_sent: ["e_invoicing_address", "recipient_code", "delivery_address"],
};

function clearableFor(mapped: ReadonlySet<string>, problems: readonly Problem[]): ReadonlySet<string> {
  if (mapped.size === 0) return mapped;
  const blocked = expandPaths(new Set(problems.flatMap((p) => LEFT_OUT[p.code] ?? [])));
  if (blocked.size === 0) return mapped;
  return new Set([...mapped].filter((path) => !blocked.has(path)));
}

// An invalid row's label comes from normalization, which knows the mapped columns (validate/row-label.ts).
const noLabel = (): PlannedRow["label"] => ({ name: "", vat: "", email: "" });

function labelOf(payload: ClientCreatePayload): PlannedRow["label"] {
  return { name: displayName(payload), vat: payload.vat_number ?? "", email: payload.email ?? "" };
}

// Two spellings of the same value are not a change: identifiers ignore separators, text ignores case.
const IDENTIFIERS = new Set(["vat_number", "tax_identification_number", "zip_code"]);
const comparable = (field: string, value: string | null | undefined): string => {
  const v = (value ?? "").trim();
  if (IDENTIFIERS.has(field)) return v.replace(/[^0-9A-Za-z]/g, "").toUpperCase();
  // As its match key: spaces ignored, "_" kept (it separates the parts).
  return field === "e_invoicing_address" ? v.replace(/\s+/g, "").toLowerCase() : v.toLowerCase();
};
const same = (field: string, a: string | null | undefined, b: string) =>
  comparable(field, a) === comparable(field, b);

/**
 * The fields the row would change on an existing client. An empty cell never blanks an existing value unless its
 * field (or address part, "billing_address.city") is in clearable: the payload holds only the non-empty cells, so
 * other absent fields are simply not compared. kind and name are never cleared. `previous` is the patch that puts
 * the client back as it was: each field the patch sends, with the client's value (null where it had none), and
 * each address whole.
 */
export function diffClient(
  client: QontoClient,
  payload: ClientCreatePayload,
  clearable: ReadonlySet<string> = NO_FIELDS,
): { patch: ClientPatch; changes: FieldChange[]; previous: ClientPatch } {
  const patch: Record<string, unknown> = {};
  const changes: FieldChange[] = [];
  const sent = payload as Record<string, unknown>;
  const mayClear = (path: string) => clearable.has(path) || clearable.has(path.split(".")[0] ?? "");
  // update-client.md is silent on how a field is cleared: null, as the create contract types extra_emails.
  const clear = (field: string, from: string) => {
    patch[field] = null;
    changes.push({ field, from, to: null });
  };
  for (const [field, value] of Object.entries(payload) as [string, unknown][]) {
    if (field === "kind" || value === undefined) continue;
    if (typeof value === "string") {
      const current = (client as unknown as Record<string, string | null | undefined>)[field];
      if (!same(field, current, value)) {
        patch[field] = value;
        changes.push({ field, from: current ?? null, to: value });
      }
    } else if (field === "extra_emails" && Array.isArray(value)) {
      // Added to the ones Qonto has, never replacing them: an empty or shorter cell must not drop recipients.
      const current = client.extra_emails ?? [];
      const known = new Set(current.map((e) => e.toLowerCase()));
      const added = (value as string[]).filter((e) => !known.has(e.toLowerCase()));
      if (added.length > 0) {
        patch.extra_emails = [...current, ...added];
        changes.push({
          field,
          from: current.length > 0 ? current.join(" ") : null,
          to: [...current, ...added].join(" "),
        });
      }
    } else if (field === "phone") {
      const phone = value as { country_code: string; number: string };
      if (
        !same("phone", client.phone?.country_code, phone.country_code) ||
        !same("phone", client.phone?.number, phone.number)
      ) {
        patch.phone = phone;
        changes.push({
          field: "phone",
          from: phoneText(client),
          to: `${phone.country_code} ${phone.number}`,
        });
      }
    }
  }

  if (clearable.size > 0) {
    const current = client as unknown as Record<string, unknown>;
    for (const field of CLEARABLE) {
      if (sent[field] !== undefined || !mayClear(field)) continue;
      // A person's names are required; a company's are its contact person's and may go.
      if ((field === "first_name" || field === "last_name") && client.kind !== "company") continue;
      const was = current[field];
      if (typeof was === "string" && was.trim() !== "") clear(field, was);
    }
    if (sent.extra_emails === undefined && mayClear("extra_emails") && (client.extra_emails ?? []).length > 0)
      clear("extra_emails", (client.extra_emails ?? []).join(" "));
    const phone = phoneText(client);
    if (sent.phone === undefined && mayClear("phone") && phone !== null) clear("phone", phone);
  }

  for (const field of ADDRESS_FIELDS) {
    const current: QontoAddress = client[field] ?? {};
    const next: Record<string, string> = payload[field] ?? {};
    const cleared: Record<string, null> = {};
    let changed = false;
    for (const [sub, subValue] of Object.entries(next)) {
      const was = current[sub as keyof QontoAddress];
      if (!same(sub, was, subValue)) {
        changed = true;
        changes.push({ field: `${field}.${sub}`, from: was ?? null, to: subValue });
      }
    }
    for (const sub of ADDRESS_PARTS) {
      const was = current[sub];
      if (next[sub] !== undefined || !mayClear(`${field}.${sub}`) || was == null || was.trim() === "")
        continue;
      changed = true;
      cleared[sub] = null;
      changes.push({ field: `${field}.${sub}`, from: was, to: null });
    }
    // The whole address is sent, existing parts kept, so a partial object cannot blank the rest.
    if (changed) patch[field] = { ...withoutNulls(current), ...next, ...cleared };
  }
  return { patch: patch as ClientPatch, changes, previous: previousOf(client, patch) };
}

/** The client's values of the fields a patch sends: the patch that undoes it. */
export function previousOf(client: QontoClient, patch: Record<string, unknown>): ClientPatch {
  const previous: Record<string, unknown> = {};
  const current = client as unknown as Record<string, unknown>;
  for (const [field, sent] of Object.entries(patch)) {
    if (field === "billing_address" || field === "delivery_address") {
      const was = withoutNulls(client[field] ?? {});
      previous[field] = Object.fromEntries(
        Object.keys(sent as Record<string, unknown>).map((part) => [part, was[part] ?? null]),
      );
    } else if (field === "extra_emails") {
      const was = client.extra_emails ?? [];
      previous[field] = was.length > 0 ? [...was] : null;
    } else if (field === "phone") {
      previous[field] = client.phone?.number
        ? { country_code: client.phone.country_code ?? "", number: client.phone.number }
        : null;
    } else {
      const was = current[field];
      previous[field] = typeof was === "string" && was.trim() !== "" ? was : null;
    }
  }
  return previous as ClientPatch;
}

/**
 * What sending `previous` (an update's undoing patch) would change on the client as it is now, field by field,
 * compared as the planner compares: empty when the client already has those values.
 */
export function restoreChanges(client: QontoClient, previous: ClientUpdatePayload): FieldChange[] {
  const changes: FieldChange[] = [];
  const current = client as unknown as Record<string, unknown>;
  for (const [field, wanted] of Object.entries(previous) as [string, unknown][]) {
    if (wanted === undefined) continue;
    if (field === "billing_address" || field === "delivery_address") {
      const now: QontoAddress = client[field] ?? {};
      const parts = (wanted ?? Object.fromEntries(ADDRESS_PARTS.map((p) => [p, null]))) as Record<
        string,
        string | null
      >;
      for (const [part, value] of Object.entries(parts)) {
        const was = now[part as keyof QontoAddress] ?? null;
        if (!same(part, was, value ?? "")) changes.push({ field: `${field}.${part}`, from: was, to: value });
      }
    } else if (field === "extra_emails") {
      const now = client.extra_emails ?? [];
      const want = (wanted as string[] | null) ?? [];
      const key = (list: readonly string[]) =>
        list
          .map((e) => e.toLowerCase())
          .sort()
          .join(" ");
      if (key(now) !== key(want))
        changes.push({
          field,
          from: now.length > 0 ? now.join(" ") : null,
          to: want.length > 0 ? want.join(" ") : null,
        });
    } else if (field === "phone") {
      const want = wanted as { country_code: string; number: string } | null;
      const text = want === null ? null : `${want.country_code} ${want.number}`.trim();
      const now = phoneText(client);
      if (
        !same("phone", client.phone?.country_code, want?.country_code ?? "") ||
        !same("phone", client.phone?.number, want?.number ?? "")
      )
        changes.push({ field, from: now, to: text });
    } else {
      const was = current[field];
      const now = typeof was === "string" && was !== "" ? was : null;
      const value = typeof wanted === "string" ? wanted : null;
      if (!same(field, now, value ?? "")) changes.push({ field, from: now, to: value });
    }
  }
  return changes;
}

// The top-level text fields --clear-empty may clear; kind and name (required, and the client's identity) never.
const CLEARABLE = [
  "first_name",
  "last_name",
  "email",
  "vat_number",
  "tax_identification_number",
  "e_invoicing_address",
  "recipient_code",
  "currency",
  "locale",
] as const;

function phoneText(client: QontoClient): string | null {
  return client.phone?.number ? `${client.phone.country_code ?? ""} ${client.phone.number}`.trim() : null;
}

function withoutNulls(address: QontoAddress): Record<string, string> {
  const out: Record<string, string> = {};
  // Qonto may return country codes in lower case; the update contract wants ISO codes as sent.
  for (const [k, v] of Object.entries(address))
    if (typeof v === "string" && v !== "") out[k] = k === "country_code" ? v.toUpperCase() : v;
  return out;
}
