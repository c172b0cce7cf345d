// Reading an e-mail cell: the addresses it holds, in order, and what cannot be sent as written.

import type { ProblemCode } from "../problems.js";

export interface EmailReading {
  /** Lower-cased, in the cell's order; the schema checks each. */
  addresses: string[];
  /**
   * email_invalid for addresses written to fool robots ("jean at acme.fr"), one each with the address to write,
   * and one for the cell's words that are no address at all. Addresses with an "@" are left to the schema.
   */
  problems: { code: ProblemCode; message: string }[];
}

// "jean at acme.fr", "jean(at)acme.fr", "jean [at] acme dot fr", "jean@acme[dot]fr": an address spelled out so
// that robots miss it. Read as one, it is one problem, not one per word.
const AT = String.raw`\s*[[({]\s*(?:at|@|arobase)\s*[\])}]\s*|\s+(?:at|arobase)\s+|\s*@\s*`;
const DOT = String.raw`\s*[[({]\s*(?:dot|point|punto|punkt)\s*[\])}]\s*|\s+(?:dot|point|punto|punkt)\s+|\.`;
const LABEL = String.raw`[\p{L}\p{N}-]+`;
const SPELLED = new RegExp(String.raw`([\p{L}\p{N}._%+'-]+)(${AT})(${LABEL}(?:(?:${DOT})${LABEL})+)`, "giu");
const DOT_WORD = new RegExp(DOT, "giu");

/** The addresses of a cell: "Name <addr>" gives addr, "mailto:" and a link's "?subject=" are dropped. Pure. */
export function readEmails(text: string): EmailReading {
  const problems: EmailReading["problems"] = [];
  let cell = text;
  // Only a cell with a bracket or a space can hold one: most cells are a plain address.
  if (/[[({\s]/.test(cell))
    cell = cell.replace(SPELLED, (whole: string, local: string, at: string, domain: string) => {
      // An address as it should be, or followed by words ("jean@acme.fr point de contact"): left to the split.
      if (at === "@" && domain.includes(".")) return whole;
      const fixed = `${local}@${domain.replace(DOT_WORD, ".")}`.toLowerCase();
      problems.push({
        code: "email_invalid",
        message: `"${whole.trim()}" is not an e-mail address as written: write it ${fixed}`,
      });
      return " ";
    });
  // "Jean Dupont <jean@acme.fr>", "Dupont, Jean <jean@acme.fr>": the addresses inside the brackets; the words
  // around them are names.
  const named = cell.includes("<");
  if (named) cell = cell.replace(/[^<>,;/]*<([^<>]+)>/g, " $1 ");
  // "jean@acme.fr (Jean Dupont)": a comment, as in a mail header.
  if (cell.includes("(")) cell = cell.replace(/\([^()@]*\)/g, " ");
  const addresses: string[] = [];
  const words: string[] = [];
  for (const token of cell.toLowerCase().split(/[,;/\s]+/)) {
    const e = token.replace(/^mailto:/, "").replace(/\?.*$/, "");
    if (e.includes("@")) addresses.push(e);
    // Beside "<addr>", words are a name; elsewhere they are reported once for the cell, not once each.
    else if (e !== "" && !named) words.push(e);
  }
  if (words.length > 0) {
    const list = words.map((w) => `"${w}"`).join(", ");
    const where = words.length === 1 && words[0] === text.trim().toLowerCase() ? "" : ` in "${text.trim()}"`;
    problems.push({
      code: "email_invalid",
      message: `${list}${where} ${words.length > 1 ? "are not e-mail addresses" : "is not an e-mail address"}`,
    });
  }
  return { addresses, problems };
}
