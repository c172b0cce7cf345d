import { describe, expect, it } from "vitest";
import type { JournalState } from "../src/journal/journal.js";
import { lookUpAfter } from "../src/journal/resume.js";

const state = (at: string | undefined, lastWriteAt: number | undefined): JournalState => ({
  start: {
    type: "start",
    tool: "t",
    version: "0",
    started_at: "2026-12-04T10:00:00.000Z",
    input: { file: "f", sha256: "x" },
    options: {},
    options_hash: "h",
  },
  done: new Map(),
  uncertain: new Map([
    [
      7,
      {
        type: "intent",
        record: 7,
        action: "create",
        keys: {},
        name: "n",
        ...(at === undefined ? {} : { at }),
      },
    ],
  ]),
  intents: new Map(),
  refused: new Map(),
  complete: false,
  ...(lastWriteAt === undefined ? {} : { lastWriteAt }),
});
const T = Date.parse("2026-12-04T10:05:00.000Z");

describe("a resume looks up a create on its way only once it has had the settle delay to land", () => {
  it.each<[string, string | undefined, number | undefined, number]>([
    [
      "from the journal's last write, when the run lived on after the intent",
      "2026-12-04T10:05:00.000Z",
      T + 40_000,
      T + 70_000,
    ],
    ["from the intent, if the journal says nothing later", "2026-12-04T10:05:00.000Z", undefined, T + 30_000],
    ["from the last write, for an intent written before times were kept", undefined, T, T + 30_000],
    ["at once, for an old journal with neither", undefined, undefined, 30_000],
  ])("%s", (_name, at, lastWriteAt, expected) => {
    expect(lookUpAfter(state(at, lastWriteAt), 7, 30_000)).toBe(expected);
  });
});
