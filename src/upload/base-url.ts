/**
 * Where a run may send its requests. Every request carries the credentials (API key or token), so plain http is
 * allowed only to this machine (the emulator, a local proxy); anywhere else they would travel in clear.
 */

/**
 * True for a URL host that names this machine: 127.0.0.0/8, [::1] and `localhost`, as the WHATWG URL parser leaves
 * them (it turns 0x7f.0.0.1, 127.1 and 2130706433 into 127.0.0.1, and lowercases names). `*.localhost`,
 * `localhost.` and IPv4-mapped IPv6 are not: a resolver may send them elsewhere, and nobody needs them.
 */
export function isThisMachine(hostname: string): boolean {
  return (
    hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/** A base URL's origin and path, trailing slashes off: what requests are sent under, and what a run names. */
export function baseOf(url: URL): string {
  return url.origin + url.pathname.replace(/\/+$/, "");
}

export type BaseUrlResult = { ok: true; baseUrl: string } | { ok: false; error: string };

/**
 * A base URL as given (flag or environment), checked: http(s), nothing the requests would silently drop (user
 * name, password, query, fragment), and https unless it is this machine. The path is kept, without trailing
 * slashes: the API's paths are appended to it.
 */
export function parseBaseUrl(text: string, what = "--base-url"): BaseUrlResult {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: `${what} must be an http(s) URL, not "${text}"` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { ok: false, error: `${what} must be an http(s) URL, not "${text}"` };
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "")
    return {
      ok: false,
      error: `${what} must not hold a user name, password, query or fragment: the requests would not carry them`,
    };
  const baseUrl = baseOf(url);
  const refused = plainHttpRefusal(url, what);
  return refused === undefined ? { ok: true, baseUrl } : { ok: false, error: refused };
}

/** Why this URL may not carry credentials, or undefined when it may. */
export function plainHttpRefusal(url: URL, what = "the base URL"): string | undefined {
  if (url.protocol !== "http:" || isThisMachine(url.hostname)) return undefined;
  return `${what} ${url.origin} is plain http to another machine: the credentials would travel in clear; use https (http is only for this machine: 127.0.0.1, [::1], localhost)`;
}
