// Reading an e-mail cell: the addresses it holds, in order.

/** The addresses of a cell, lower-cased: "Name <addr>" gives addr, "mailto:" is dropped. */
export function emailAddresses(text: string): string[] {
  // "Jean Dupont <jean@acme.fr>": the address inside the brackets.
  return (text.includes("<") ? text.replace(/[^<>,;/]*<([^<>]+)>/g, " $1 ") : text)
    .toLowerCase()
    .split(/[,;/\s]+/)
    .map((e) => e.replace(/^mailto:/, ""))
    .filter((e) => e !== "");
}
