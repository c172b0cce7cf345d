// An invoice's client reference (VAT number, tax id, e-mail or name) → the Qonto client it is for. Pure.
//
// Rules:
// - The keys are tried in that order, strongest first; the first key that finds any client decides: one client
//   resolves the invoice, several make it ambiguous. A key that finds nobody hands over to the next one.
// - A client whose own VAT number or tax id differs from the one the invoice gives is never taken, whichever key
//   found it: an invoice naming "Acme" with Acme's old VAT number must not land on another Acme.
// - Keys are compared as client de-duplication compares them (dedupe/keys.ts); names case- and accent-blind.
// - Clients Qonto has come first. Clients a clients run would create (its dry-run report, given with
//   --clients-report) only resolve an invoice that no Qonto client does: a pending resolution.

import { clientKeys, type ClientKeys } from "../dedupe/keys.js";
import { foldHeader } from "../map/aliases.js";
import type { ProblemCode } from "../problems.js";
import type { ClientRef } from "./normalize.js";

/** A client as resolution knows it: from Qonto's list, or from a clients run's report or journal. */
export interface KnownClient {
  /** Undefined for a client a dry run would create: it has no id yet. */
  id?: string;
  name: string;
  vat_number?: string;
  tax_identification_number?: string;
  email?: string;
}

export type RefKey = keyof ClientRef;
const REF_KEYS: readonly RefKey[] = ["vat_number", "tax_identification_number", "email", "name"];

const REF_LABELS: Record<RefKey, string> = {
  vat_number: "VAT number",
  tax_identification_number: "tax id",
  email: "e-mail",
  name: "name",
};

export type Resolution =
  | { ok: true; client: KnownClient; by: RefKey; pending: boolean }
  | { ok: false; code: Extract<ProblemCode, `invoice_client_${string}`>; message: string };

interface Keyed {
  client: KnownClient;
  keys: ClientKeys;
}

/** The comparable form of each key of a client or a reference. */
function keysOf(source: ClientRef): Partial<Record<RefKey, string>> {
  const k = clientKeys({
    kind: "company",
    name: source.name ?? null,
    vat_number: source.vat_number ?? null,
    tax_identification_number: source.tax_identification_number ?? null,
    email: source.email ?? null,
  });
  const out: Partial<Record<RefKey, string>> = {};
  if (k.vat_number !== undefined) out.vat_number = k.vat_number;
  if (k.tax_identification_number !== undefined) out.tax_identification_number = k.tax_identification_number;
  if (k.email !== undefined) out.email = k.email;
  const name = foldHeader(source.name ?? "");
  if (name !== "") out.name = name;
  return out;
}

class Index {
  private readonly byKey = new Map<string, Keyed[]>();
  private readonly ids = new Set<string>();

  add(client: KnownClient): void {
    if (client.id !== undefined) {
      if (this.ids.has(client.id)) return;
      this.ids.add(client.id);
    }
    const keys = keysOf(client);
    const entry: Keyed = { client, keys: keys as ClientKeys };
    for (const key of REF_KEYS) {
      const value = keys[key];
      if (value === undefined) continue;
      const slot = `${key}:${value}`;
      const list = this.byKey.get(slot);
      if (list === undefined) this.byKey.set(slot, [entry]);
      else list.push(entry);
    }
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  find(key: RefKey, value: string): Keyed[] {
    return this.byKey.get(`${key}:${value}`) ?? [];
  }
}

export class ClientResolver {
  private readonly qonto = new Index();
  private readonly pending = new Index();

  /** A client Qonto has (from its list, or created by a clients run whose report is given). */
  addExisting(client: KnownClient & { id: string }): void {
    this.qonto.add(client);
  }

  /** A client a clients dry run would create: it resolves an invoice only in a dry run, as pending. */
  addPending(client: KnownClient): void {
    this.pending.add(client);
  }

  hasClient(id: string): boolean {
    return this.qonto.has(id);
  }

  resolve(ref: ClientRef): Resolution {
    const wanted = keysOf(ref);
    const found = this.search(this.qonto, wanted) ?? this.search(this.pending, wanted);
    if (found === undefined) {
      const tried = REF_KEYS.flatMap((k) => (ref[k] === undefined ? [] : [`${REF_LABELS[k]} "${ref[k]}"`]));
      return {
        ok: false,
        code: "invoice_client_unresolved",
        message: `no Qonto client has the ${tried.join(", or the ")}`,
      };
    }
    const { key, matches, pending } = found;
    const [only] = matches;
    if (matches.length === 1 && only !== undefined)
      return { ok: true, client: only.client, by: key, pending };
    const listed = matches
      .slice(0, 3)
      .map((m) => `${m.client.name}${m.client.id === undefined ? "" : ` (${m.client.id})`}`)
      .join(", ");
    return {
      ok: false,
      code: "invoice_client_ambiguous",
      message: `${matches.length} clients have the ${REF_LABELS[key]} "${ref[key] ?? ""}": ${listed}${matches.length > 3 ? ", ..." : ""}`,
    };
  }

  private search(
    index: Index,
    wanted: Partial<Record<RefKey, string>>,
  ): { key: RefKey; matches: Keyed[]; pending: boolean } | undefined {
    for (const key of REF_KEYS) {
      const value = wanted[key];
      if (value === undefined) continue;
      const matches = index.find(key, value).filter((m) => !contradicts(m.keys, wanted));
      if (matches.length > 0) return { key, matches, pending: index === this.pending };
    }
    return undefined;
  }
}

/** The client has its own VAT number or tax id, and it is not the one the invoice gives. */
function contradicts(client: ClientKeys, wanted: Partial<Record<RefKey, string>>): boolean {
  return (["vat_number", "tax_identification_number"] as const).some(
    (k) => wanted[k] !== undefined && client[k] !== undefined && client[k] !== wanted[k],
  );
}
