import { baseOf } from "./base-url.js";
import type { QontoAuth } from "./client.js";

/**
 * The line a run prints before its first write: which organization, at which host. The API has no organization
 * endpoint; an API key's login is the organization's slug, so that is the name we can give. A token's organization
 * is not named by the API. Never the secret.
 */
export function writeTargetLine(baseUrl: string, auth: QontoAuth): string {
  let where = baseUrl;
  try {
    // Only origin and path: a base URL from elsewhere could hold a password.
    where = baseOf(new URL(baseUrl));
  } catch {
    // Shown as given: the request itself will say what is wrong with it.
  }
  return auth.kind === "api_key"
    ? `Writing to organization ${JSON.stringify(auth.login)} at ${where} (API key login)`
    : `Writing to the organization of the OAuth token at ${where} (the API does not name a token's organization)`;
}

/** The hook createQontoApi calls once before the first write: the line, through the run's log. */
export function announceWrites(
  log: (line: string) => void,
  target: { baseUrl: string; auth: QontoAuth },
): () => void {
  return () => log(writeTargetLine(target.baseUrl, target.auth));
}
