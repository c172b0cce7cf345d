/**
 * In-memory state of the emulator: stored clients, ids and timestamps.
 */
import { randomUUID } from "node:crypto";
import type { ClientDraft, EmulatorAddress, EmulatorClient } from "./types.js";

export interface StoredClient {
  id: string;
  /** Creation order; breaks sorting ties so pagination is stable. */
  seq: number;
  createdMs: number;
  updatedMs: number;
  draft: ClientDraft;
}

export interface InsertMeta {
  id?: string;
  createdAt?: Date;
  updatedAt?: Date;
}

function copyAddress(address: EmulatorAddress | null): EmulatorAddress | null {
  return address ? { ...address } : null;
}

/** Builds the response shape, including the derived and deprecated fields. */
export function renderClient(stored: StoredClient): EmulatorClient {
  const d = stored.draft;
  const name = d.kind === "company" ? (d.name ?? "") : `${d.first_name ?? ""} ${d.last_name ?? ""}`;
  const billing = d.billing_address;
  return {
    id: stored.id,
    kind: d.kind,
    type: d.kind,
    name,
    first_name: d.first_name,
    last_name: d.last_name,
    email: d.email,
    extra_emails: d.extra_emails ? [...d.extra_emails] : null,
    phone: d.phone ? { ...d.phone } : null,
    phone_number: d.phone ? `${d.phone.country_code}${d.phone.number}` : null,
    currency: d.currency,
    locale: d.locale,
    vat_number: d.vat_number,
    tax_identification_number: d.tax_identification_number,
    e_invoicing_address: d.e_invoicing_address,
    recipient_code: d.recipient_code,
    address: billing?.street_address ?? null,
    city: billing?.city ?? null,
    zip_code: billing?.zip_code ?? null,
    province_code: billing?.province_code ?? null,
    country_code: billing?.country_code ?? null,
    billing_address: copyAddress(billing),
    delivery_address: copyAddress(d.delivery_address),
    created_at: new Date(stored.createdMs).toISOString(),
    updated_at: new Date(stored.updatedMs).toISOString(),
  };
}

/** Told of every write before it is answered: the data file appends it there. */
export interface StoreListener {
  put(stored: StoredClient): void;
  delete(id: string): void;
}

export class ClientStore {
  // A Map iterates in insertion order, which is creation order.
  private readonly byId = new Map<string, StoredClient>();
  private seq = 0;
  private lastMs = 0;
  listener: StoreListener | undefined;

  /** Puts back a client read from the data file, as it was (id, order, timestamps). */
  restore(stored: StoredClient): void {
    this.byId.set(stored.id, stored);
    this.seq = Math.max(this.seq, stored.seq + 1);
    this.lastMs = Math.max(this.lastMs, stored.createdMs, stored.updatedMs);
  }

  /**
   * Strictly increasing millisecond clock: two writes in the same millisecond still get
   * distinct, ordered timestamps, so sorting by created_at/updated_at is deterministic.
   */
  private tick(): number {
    this.lastMs = Math.max(Date.now(), this.lastMs + 1);
    return this.lastMs;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  insert(draft: ClientDraft, meta: InsertMeta = {}): StoredClient {
    const id = meta.id ?? randomUUID();
    if (this.byId.has(id)) throw new Error(`duplicate client id ${id}`);
    const createdMs = meta.createdAt?.getTime() ?? this.tick();
    const updatedMs = meta.updatedAt?.getTime() ?? createdMs;
    // Later writes must sort after seeded timestamps, even ones in the future.
    this.lastMs = Math.max(this.lastMs, createdMs, updatedMs);
    const stored: StoredClient = { id, seq: this.seq++, createdMs, updatedMs, draft };
    this.byId.set(id, stored);
    this.listener?.put(stored);
    return stored;
  }

  get(id: string): StoredClient | undefined {
    return this.byId.get(id);
  }

  update(id: string, draft: ClientDraft): StoredClient | undefined {
    const current = this.byId.get(id);
    if (!current) return undefined;
    const next: StoredClient = { ...current, draft, updatedMs: this.tick() };
    this.byId.set(id, next);
    this.listener?.put(next);
    return next;
  }

  delete(id: string): boolean {
    const deleted = this.byId.delete(id);
    if (deleted) this.listener?.delete(id);
    return deleted;
  }

  get size(): number {
    return this.byId.size;
  }

  all(): StoredClient[] {
    return [...this.byId.values()];
  }
}
