import { printable } from "../report/printable.js";

// C0 controls other than the whitespace a cell's spaces are normalized from (tab, LF, VT, FF, CR), DEL, and C1
// controls: no text holds them; they come from binary junk, a broken export or a copy from a terminal, and
// Qonto would store them (a client named "\0\0\0" was created).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/;
const CONTROLS = new RegExp(CONTROL.source, "g");

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/** The message of a control_characters problem: which ones, in their escaped form (the value itself may be huge). */
export function controlCharactersMessage(value: string): string {
  const found = [...new Set(value.match(CONTROLS) ?? [])];
  const shown = found.slice(0, 5).map(printable).join(" ");
  return `the value holds control characters (${shown}${found.length > 5 ? " …" : ""}), which are not text: remove them`;
}
