/**
 * Shared by the client and invoice payload validators (and the server's body reader): what counts as a JSON
 * object, and the control characters refused in any string.
 */

type Json = Record<string, unknown>;

export function isJsonObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Contract silent on control characters: C0 other than tab, LF and CR, DEL and C1 are refused (a form would not
 * let them through, and the harsher answer is the safer stand-in).
 */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
