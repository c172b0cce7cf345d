// "Did you mean --dry-run?": the closest documented option (or command) to a mistyped one, only when it is close.

/** The long options a command's help lists in its option lines ("  --dry-run   ...", "  -h, --help   ..."). */
export function optionsInHelp(help: string): string[] {
  const found = new Set<string>();
  for (const line of help.split("\n")) {
    const m = /^\s+(?:-[A-Za-z], )?(--[a-z0-9][a-z0-9-]*)/.exec(line);
    if (m?.[1] !== undefined) found.add(m[1]);
  }
  return [...found];
}

/** Edit distance counting a swap of two neighbouring letters as one edit ("--dyr-run" is one from "--dry-run"). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * The known option a user most likely meant, or undefined when none is close enough to be a typo: one edit for
 * a short name, up to a third of the name for a longer one, or the start of exactly one option ("--dry").
 * Case and a single leading dash ("-dry-run") are forgiven.
 */
export function closestOption(typed: string, known: readonly string[]): string | undefined {
  const name = typed.split("=")[0]!.toLowerCase().replace(/^-+/, "");
  if (name === "") return undefined;
  let best: { option: string; distance: number } | undefined;
  for (const option of known) {
    const distance = editDistance(name, option.replace(/^-+/, ""));
    if (best === undefined || distance < best.distance) best = { option, distance };
  }
  const allowed = Math.max(1, Math.floor(name.length / 3));
  if (best !== undefined && best.distance > 0 && best.distance <= allowed) return best.option;
  if (best !== undefined && best.distance === 0 && typed !== best.option) return best.option;
  const prefixed = known.filter((o) => name.length >= 3 && o.replace(/^-+/, "").startsWith(name));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
