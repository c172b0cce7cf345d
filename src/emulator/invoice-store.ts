/**
 * Client invoices: their in-memory store, and the record it keeps for each invoice.
 */
import { randomUUID } from "node:crypto";
import type { InvoiceDraft, InvoiceStatus } from "./invoice-types.js";

/** The client as embedded in an invoice: a snapshot taken when the invoice is created. */
export type InvoiceClientSnapshot = Record<string, unknown>;

export interface StoredInvoice {
  id: string;
  seq: number;
  createdMs: number;
  updatedMs: number;
  status: InvoiceStatus;
  draft: InvoiceDraft;
  client: InvoiceClientSnapshot;
}

/** Told of every write before it is answered: the data file appends it there. */
export interface InvoiceStoreListener {
  put(stored: StoredInvoice): void;
}

export class InvoiceStore {
  private readonly byId = new Map<string, StoredInvoice>();
  private readonly numbers = new Set<string>();
  private seq = 0;
  private lastMs = 0;
  listener: InvoiceStoreListener | undefined;

  restore(stored: StoredInvoice): void {
    const previous = this.byId.get(stored.id);
    if (previous) this.numbers.delete(previous.draft.number);
    this.byId.set(stored.id, stored);
    this.numbers.add(stored.draft.number);
    this.seq = Math.max(this.seq, stored.seq + 1);
    this.lastMs = Math.max(this.lastMs, stored.createdMs, stored.updatedMs);
  }

  /** Strictly increasing millisecond clock, as the client store's. */
  private tick(): number {
    this.lastMs = Math.max(Date.now(), this.lastMs + 1);
    return this.lastMs;
  }

  /** Invoice numbers are unique within the organization; compared exactly, after trimming. */
  hasNumber(number: string): boolean {
    return this.numbers.has(number);
  }

  insert(draft: InvoiceDraft, client: InvoiceClientSnapshot): StoredInvoice {
    if (this.numbers.has(draft.number)) throw new Error(`duplicate invoice number ${draft.number}`);
    const createdMs = this.tick();
    const stored: StoredInvoice = {
      id: randomUUID(),
      seq: this.seq++,
      createdMs,
      updatedMs: createdMs,
      status: draft.status,
      draft,
      client,
    };
    this.byId.set(stored.id, stored);
    this.numbers.add(draft.number);
    this.listener?.put(stored);
    return stored;
  }

  get(id: string): StoredInvoice | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  all(): StoredInvoice[] {
    return [...this.byId.values()];
  }
}
