/**
 * The /v2/client_invoices routes: list (GET) and create (POST). Creating one checks its number and client against
 * the state when it is carried out, and may be refused by an injected fault (FaultOptions.refuseInvoices).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerContext } from "./context.js";
import { readJsonObject } from "./body.js";
import { renderInvoice } from "./invoice-render.js";
import { validateInvoicePayload } from "./invoice-validate.js";
import { listInvoices, parseInvoiceListQuery } from "./invoices.js";
import { errorAnswer, send, sendErrors, unprocessable, type Answer, type Work } from "./respond.js";
import { renderClient } from "./store.js";

export function listInvoicesRoute(ctx: ServerContext, url: URL, res: ServerResponse): void {
  const parsed = parseInvoiceListQuery(url.searchParams);
  if (!parsed.ok) {
    sendErrors(res, 400, [
      {
        code: "invalid_parameter",
        detail: parsed.error.detail,
        source: { parameter: parsed.error.parameter },
      },
    ]);
    return;
  }
  send(res, 200, listInvoices(ctx.invoices.all(), parsed.query, ctx.orgCountry));
}

/** The client fields the contract embeds in an invoice, as they are when the invoice is created. */
const INVOICE_CLIENT_KEYS = [
  "id",
  "name",
  "first_name",
  "last_name",
  "type",
  "email",
  "vat_number",
  "tax_identification_number",
  "address",
  "city",
  "zip_code",
  "province_code",
  "country_code",
  "recipient_code",
  "locale",
  "billing_address",
  "delivery_address",
] as const;

export async function createInvoiceRoute(ctx: ServerContext, req: IncomingMessage): Promise<Work> {
  const body = await readJsonObject(req);
  if (!body.ok) {
    // The invoice contract names its 400 code for a body that is not JSON.
    const code = body.status === 400 ? "malformed_json" : "bad_request";
    return errorAnswer(body.status, [{ code, detail: body.detail }]);
  }
  return () => createInvoice(ctx, body.body);
}

/** Validates and stores an invoice against the state now: its number and client are checked when it is made. */
function createInvoice(ctx: ServerContext, body: Record<string, unknown>): Answer {
  const result = validateInvoicePayload(body, {
    orgCountry: ctx.orgCountry,
    clientExists: (id) => ctx.store.has(id),
  });
  if (!result.ok) return unprocessable(result.errors);
  const injected = ctx.refuseInvoice(result.draft.number, JSON.stringify(result.draft));
  if (injected !== undefined) {
    ctx.stats.faults.refused += 1;
    return unprocessable([injected]);
  }
  if (ctx.invoices.hasNumber(result.draft.number)) {
    return errorAnswer(409, [
      {
        status: "conflict",
        code: "invoice_number_already_exists",
        detail: `an invoice numbered ${result.draft.number} already exists in the organization`,
        source: { pointer: "/number" },
      },
    ]);
  }
  const client = ctx.store.get(result.draft.client_id);
  if (!client)
    return unprocessable([
      {
        code: "invalid_client_id",
        detail: "client_id does not match any client of the organization",
        pointer: "/client_id",
      },
    ]);
  const rendered = renderClient(client);
  const snapshot = Object.fromEntries(INVOICE_CLIENT_KEYS.map((k) => [k, structuredClone(rendered[k])]));
  // 200, as the contract documents for a created invoice (and as for clients).
  return {
    status: 200,
    body: { client_invoice: renderInvoice(ctx.invoices.insert(result.draft, snapshot), ctx.orgCountry) },
  };
}
