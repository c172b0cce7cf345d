/**
 * Scrubbing secrets from what a server sends back (error details, codes, pointers, trace ids) before any of it
 * reaches a message, a log or a report. A hostile or buggy server may echo a secret in another form than it was
 * sent, so each secret is matched in the forms it could take: any letter case, percent-encoded (wholly or in part,
 * either hex case), and base64 (standard or URL-safe, padded or not, alone or inside a longer base64 text).
 */

export const REDACTED = "[redacted]";

/** Secrets shorter than this are not scrubbed: replacing them would garble messages, and real secrets are long. */
export const MIN_SECRET_LENGTH = 8;

const urlSafe = (b64: string) => b64.replace(/\+/g, "-").replace(/\//g, "_");

/**
 * The base64 text of `secret` wherever it sits in a longer encoded text: at each of the three byte alignments, the
 * characters that depend on the secret's bytes only (an encoded prefix or suffix changes the ones at the edges).
 */
export function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const cores: string[] = [];
  for (let k = 0; k < 3; k++) {
    const encoded = Buffer.concat([Buffer.alloc(k), bytes]).toString("base64");
    // Character i holds bits [6i, 6i + 6); the secret's bits are [8k, 8(k + n)).
    const first = Math.ceil((8 * k) / 6);
    const end = Math.floor((8 * (k + bytes.length)) / 6);
    cores.push(encoded.slice(first, end));
  }
  return cores;
}

const escapeChar = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");

/** A pattern for `text` where any character may also be written percent-encoded (%2F or %2f), a space as `+`. */
function percentTolerant(text: string): string {
  return Array.from(text)
    .map((c) => {
      const encoded = [...Buffer.from(c, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
      return `(?:${escapeChar(c)}|${encoded}${c === " " ? "|\\+" : ""})`;
    })
    .join("");
}

/** Every form of one secret as a pattern; the longest first, so a whole form wins over a part of it. */
function formsOf(secret: string): string[] {
  const b64 = Buffer.from(secret, "utf8").toString("base64");
  const padding = "(?:=|%3d){0,2}";
  const forms: { text: string; pattern: string }[] = [
    { text: b64, pattern: percentTolerant(b64.replace(/=+$/, "")) + padding },
    { text: urlSafe(b64), pattern: percentTolerant(urlSafe(b64).replace(/=+$/, "")) + padding },
    { text: secret, pattern: percentTolerant(secret) },
    ...base64Cores(secret).flatMap((core) => [
      { text: core, pattern: percentTolerant(core) },
      { text: urlSafe(core), pattern: percentTolerant(urlSafe(core)) },
    ]),
  ];
  return forms.sort((a, b) => b.text.length - a.text.length).map((f) => f.pattern);
}

/** A function replacing every form of these secrets with [redacted]; secrets too short to scrub are skipped. */
export function createRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const kept = [...new Set(secrets)].filter(
    (s): s is string => s !== undefined && s.length >= MIN_SECRET_LENGTH,
  );
  if (kept.length === 0) return (text) => text;
  // Longer secrets first: "login:secret" as a whole before the secret inside it.
  const patterns = kept.sort((a, b) => b.length - a.length).flatMap(formsOf);
  const pattern = new RegExp(patterns.join("|"), "giu");
  return (text) => text.replace(pattern, REDACTED);
}
