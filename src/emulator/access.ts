/**
 * Who the emulator answers: requests addressed to this machine (the Host check against DNS rebinding), with
 * credentials it accepts (API key or bearer token).
 */
import { isThisMachine } from "../upload/base-url.js";
import type { EmulatorCredentials } from "./types.js";

// 127.0.0.0/8, [::1] (or ::1 mapped from IPv4), localhost, each with any port.

/**
 * Whether a request names this machine. A web page can make a browser send requests to a name it controls that
 * resolves to 127.0.0.1 (DNS rebinding); such a request names that host, not this one, and is refused: the demo
 * credentials are public.
 */
export function namesLoopback(host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    // Read as the importer reads a base URL's host, so the two agree on what "this machine" is.
    const url = new URL(`http://${host.trim()}/`);
    return url.username === "" && url.password === "" && url.pathname === "/" && isThisMachine(url.hostname);
  } catch {
    return false;
  }
}

type AuthOutcome = "ok" | "missing" | "invalid";

/** `Authorization: <login>:<secret-key>` (API key, plain) or `Authorization: Bearer <token>`. */
export function checkAuthorization(
  header: string | undefined,
  credentials: EmulatorCredentials,
): AuthOutcome {
  const value = header?.trim() ?? "";
  if (value === "") return "missing";
  const bearer = /^Bearer\s+(.+)$/i.exec(value);
  if (bearer?.[1]) return credentials.accessTokens.includes(bearer[1].trim()) ? "ok" : "invalid";
  const colon = value.indexOf(":");
  if (colon <= 0) return "invalid";
  const login = value.slice(0, colon);
  const secret = value.slice(colon + 1);
  return credentials.apiKeys.some((k) => k.login === login && k.secretKey === secret) ? "ok" : "invalid";
}
