/**
 * What input may show on a terminal, and how much of it a report repeats. Cells, headers, file and sheet names,
 * mapping-file entries and API details that echo them are data: an escape sequence in one must not clear the
 * screen, retitle the window, write the clipboard (OSC 52), fake a summary line or reorder text (bidi overrides).
 *
 * The escaped form is JSON's (and JavaScript's): `\n`, `\r`, `\t`, otherwise `\uXXXX`. Applied to JSON text it
 * changes no value, since those characters can only stand inside a JSON string, where the escape means the same.
 */

// C0 controls, DEL, C1 controls (U+009B is a one-character CSI), the line and paragraph separators, and the
// bidirectional embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// The same, line feeds aside: the sink keeps the lines the tool writes.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escape(ch: string): string {
  return SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** A value from the input as it may stand inside one line of terminal or log output: every control escaped. */
export function printable(value: string): string {
  UNPRINTABLE.lastIndex = 0;
  return UNPRINTABLE.test(value) ? value.replace(UNPRINTABLE, escape) : value;
}

/**
 * The last line of defence, at the CLI's stdout and stderr: everything printable() escapes except the line feeds
 * the tool writes itself. It cannot tell a value's line break from the tool's, so values go through printable()
 * where they are put into a line; this catches what a message from a library or an unforeseen path carries.
 */
export function terminalSafe(text: string): string {
  UNPRINTABLE_BUT_LF.lastIndex = 0;
  return UNPRINTABLE_BUT_LF.test(text) ? text.replace(UNPRINTABLE_BUT_LF, escape) : text;
}

/** How many characters of a cell a report repeats (errors.csv aside: its rows must stay whole to be fed back). */
export const CELL_CAP = 1000;

/**
 * A value cut to `max` characters, marked with how long it was, so that one 200 MB cell is not copied into every
 * report file. A surrogate pair is never split.
 */
export function capText(value: string, max = CELL_CAP): string {
  if (value.length <= max) return value;
  let end = max;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${value.slice(0, end)}…[cut: ${value.length} characters in all]`;
}

/** A problem whose message and column are cut to CELL_CAP characters: messages quote cells. */
export function capProblem<P extends { message: string; column?: string }>(p: P): P {
  if (p.message.length <= CELL_CAP && (p.column === undefined || p.column.length <= CELL_CAP)) return p;
  return {
    ...p,
    message: capText(p.message),
    ...(p.column === undefined ? {} : { column: capText(p.column) }),
  };
}

/** A row's label (name, VAT number, e-mail, as read from its cells) cut to CELL_CAP characters each. */
export function capLabel<L extends { name: string; vat: string; email: string }>(label: L): L {
  if (label.name.length <= CELL_CAP && label.vat.length <= CELL_CAP && label.email.length <= CELL_CAP)
    return label;
  return { ...label, name: capText(label.name), vat: capText(label.vat), email: capText(label.email) };
}
