/**
 * The /v2/clients routes: list (GET), create (POST), and GET, PATCH and DELETE /v2/clients/{id}. A write route
 * returns its Work (see respond.ts) so the pipeline can carry it out now or, under the late-commit fault, later.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerContext } from "./context.js";
import { readJsonObject } from "./body.js";
import { listClients, parseListQuery } from "./list.js";
import { errorAnswer, reply, send, sendErrors, unprocessable, type Answer, type Work } from "./respond.js";
import { renderClient } from "./store.js";
import { validateCreatePayload, validateUpdatePayload } from "./validate.js";

const CLIENT_NOT_FOUND: Answer = errorAnswer(404, [
  { code: "not_found", detail: "Client not found", source: { parameter: "id" } },
]);

export function clientNotFound(res: ServerResponse): void {
  reply(res, CLIENT_NOT_FOUND);
}

export function listRoute(ctx: ServerContext, url: URL, res: ServerResponse): void {
  const parsed = parseListQuery(url.searchParams);
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
  send(res, 200, listClients(ctx.store.all(), parsed.query));
}

export async function createRoute(ctx: ServerContext, req: IncomingMessage): Promise<Work> {
  const body = await readJsonObject(req);
  if (!body.ok) return errorAnswer(body.status, [{ code: "bad_request", detail: body.detail }]);
  return () => {
    const result = validateCreatePayload(body.body, { orgCountry: ctx.orgCountry });
    if (!result.ok) return unprocessable(result.errors);
    // The contract documents 200 (not 201) for a created client.
    return { status: 200, body: { client: renderClient(ctx.store.insert(result.draft)) } };
  };
}

export function getRoute(ctx: ServerContext, id: string, res: ServerResponse): void {
  const stored = ctx.store.get(id);
  if (!stored) return clientNotFound(res);
  send(res, 200, { client: renderClient(stored) });
}

/** `late`: the client is looked for when the write is carried out, so the body is read whatever the state now. */
export async function updateRoute(
  ctx: ServerContext,
  id: string,
  req: IncomingMessage,
  late: boolean,
): Promise<Work> {
  if (!late && !ctx.store.has(id)) {
    req.resume();
    return CLIENT_NOT_FOUND;
  }
  const body = await readJsonObject(req);
  if (!body.ok) return errorAnswer(body.status, [{ code: "bad_request", detail: body.detail }]);
  return () => {
    // Read now, not before the body: a concurrent (or earlier late) DELETE may have removed the client meanwhile.
    const current = ctx.store.get(id);
    if (!current) return CLIENT_NOT_FOUND;
    const result = validateUpdatePayload(body.body, current.draft, { orgCountry: ctx.orgCountry });
    if (!result.ok) return unprocessable(result.errors);
    const updated = ctx.store.update(id, result.draft);
    if (!updated) return CLIENT_NOT_FOUND;
    return { status: 200, body: { client: renderClient(updated) } };
  };
}

export function deleteClient(ctx: ServerContext, id: string): Answer {
  return ctx.store.delete(id) ? { status: 204 } : CLIENT_NOT_FOUND;
}
