import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  JOURNAL_FILE,
  JournalError,
  JournalWriter,
  parseJournal,
  readJournal,
  type JournalLine,
} from "../src/journal/journal.js";
import { unfinishedRuns } from "../src/journal/resume.js";

// A journal cut short by a crash or a full disk: what the writer does before appending to it, and what the
// reader accepts (exactly the torn lines the writer leaves) and refuses (everything else).

const start = (resumed = false): JournalLine => ({
  type: "start",
  tool: "qonto-import",
  version: "0",
  started_at: "2025-01-01T00:00:00.000Z",
  input: { file: "clients.csv", sha256: "abc" },
  options: {},
  options_hash: "h",
  ...(resumed ? { resumed: true } : {}),
});
const intent = (record: number, name = `Client ${record}`): JournalLine => ({
  type: "intent",
  record,
  action: "create",
  keys: {},
  name,
});
const done = (record: number): JournalLine => ({
  type: "done",
  record,
  outcome: "created",
  client_id: `c${record}`,
});
const end: JournalLine = { type: "end", finished_at: "2025-01-01T00:01:00.000Z", complete: true };

const lines = (...ls: JournalLine[]) => ls.map((l) => JSON.stringify(l) + "\n").join("");
/** The first `keep` bytes of the line: what a write cut short leaves. */
const cut = (line: JournalLine, keep: number) => Buffer.from(JSON.stringify(line)).subarray(0, keep);
const fence = (fragment: Buffer) => `\n{"type":"torn","bytes":${fragment.length}}\n`;
const bytes = (...parts: (string | Buffer)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p)));

const tornDone = cut(done(3), 20);
// "Société": the é is two bytes; keep only the first.
const named = intent(4, "Société 4");
const tornUtf8 = cut(named, JSON.stringify(named).indexOf("é") + 1);
const tornIntent = cut(intent(5), 30);

interface Accepted {
  name: string;
  journal: Buffer;
  done: number[];
  uncertain: number[];
  complete: boolean;
}

const accepted: Accepted[] = [
  {
    name: "a whole journal",
    journal: bytes(lines(start(), intent(1), done(1), end)),
    done: [1],
    uncertain: [],
    complete: true,
  },
  {
    name: "a torn last line (a done: its intent stays uncertain)",
    journal: bytes(lines(start(), intent(1), done(1), intent(3)), tornDone),
    done: [1],
    uncertain: [3],
    complete: false,
  },
  {
    name: "a torn line, fenced, then a resume's start",
    journal: bytes(
      lines(start(), intent(1), done(1), intent(3)),
      tornDone,
      fence(tornDone),
      lines(start(true), done(3), end),
    ),
    done: [1, 3],
    uncertain: [],
    complete: true,
  },
  {
    name: "two torn resumes in a row",
    journal: bytes(
      lines(start(), intent(3)),
      tornDone,
      fence(tornDone),
      lines(start(true), done(3)),
      tornIntent,
      fence(tornIntent),
      lines(start(true), intent(5)),
    ),
    done: [3],
    uncertain: [5],
    complete: false,
  },
  {
    name: "a multi-byte character cut in two at the end",
    journal: bytes(lines(start(), intent(1)), tornUtf8),
    done: [],
    uncertain: [1],
    complete: false,
  },
  {
    name: "a multi-byte character cut in two, fenced (the fence counts bytes)",
    journal: bytes(lines(start()), tornUtf8, fence(tornUtf8), lines(start(true), intent(4), done(4), end)),
    done: [4],
    uncertain: [],
    complete: true,
  },
  {
    name: "a last line whole but for its newline",
    journal: bytes(lines(start(), intent(1)), JSON.stringify(done(1))),
    done: [1],
    uncertain: [],
    complete: false,
  },
];

interface Refused {
  name: string;
  journal: Buffer;
  /** What the error says: the line it names, and why. */
  message: RegExp;
  empty?: boolean;
}

const refused: Refused[] = [
  { name: "an empty file", journal: bytes(""), message: /holds no complete line/, empty: true },
  {
    name: "a file of only a torn line",
    journal: cut(start(), 25),
    message: /holds no complete line/,
    empty: true,
  },
  {
    name: "a fenced torn line and nothing else",
    journal: bytes(cut(start(), 25), fence(cut(start(), 25))),
    message: /holds no complete line/,
    empty: true,
  },
  {
    name: "garbage in the middle",
    journal: bytes(lines(start(), intent(1)), "garbage\n", lines(done(1))),
    message: /line 3: not valid JSON/,
  },
  {
    name: "interleaved half-lines from two writers",
    journal: bytes(
      lines(start()),
      cut(intent(1), 15),
      JSON.stringify(intent(2)),
      "\n",
      Buffer.from(JSON.stringify(intent(1))).subarray(15),
      "\n",
      lines(done(1), done(2)),
    ),
    message: /line 2: not valid JSON/,
  },
  {
    name: "a torn line glued to a resume's start (what a writer that does not fence leaves)",
    journal: bytes(lines(start(), intent(3)), tornDone, lines(start(true), done(3))),
    message: /line 3: not valid JSON/,
  },
  {
    name: "a torn line followed by a start, without the fence",
    journal: bytes(lines(start(), intent(3)), tornDone, "\n", lines(start(true), done(3))),
    message: /line 3: not valid JSON/,
  },
  {
    name: "a fence giving another length",
    journal: bytes(lines(start(), intent(3)), tornDone, `\n{"type":"torn","bytes":7}\n`, lines(start(true))),
    message: /line 3: not valid JSON/,
  },
  {
    name: "a fence after a whole line",
    journal: bytes(lines(start(), intent(3)), `{"type":"torn","bytes":5}\n`, lines(done(3))),
    message: /line 3: a torn-line fence that follows no torn line/,
  },
  {
    name: "an unparseable last line followed by a newline",
    journal: bytes(lines(start(), intent(3)), tornDone, "\n"),
    message: /line 3: not valid JSON/,
  },
  {
    name: "a blank line in the middle",
    journal: bytes(lines(start()), "\n", lines(intent(1))),
    message: /line 2: not valid JSON/,
  },
  {
    name: "an unknown line type",
    journal: bytes(lines(start()), `{"type":"deleted","record":1}\n`),
    message: /line 2: unknown line type "deleted"/,
  },
  {
    name: "a line that is not an object",
    journal: bytes(lines(start()), "[1,2]\n"),
    message: /line 2: not a JSON object/,
  },
  { name: "a number", journal: bytes(lines(start()), "42\n"), message: /line 2: not a JSON object/ },
  {
    name: "a line without the fields it needs",
    journal: bytes(lines(start()), `{"type":"done","record":"1"}\n`),
    message: /line 2: a "done" line without the fields it needs/,
  },
  {
    name: "a line before the start line",
    journal: bytes(lines(intent(1), start())),
    message: /line 1: comes before the "start" line/,
  },
];

describe("readJournal", () => {
  it.each(accepted)("reads $name", ({ journal, done: doneRecords, uncertain, complete }) => {
    const state = parseJournal(journal, JOURNAL_FILE);
    expect([...state.done.keys()].sort()).toEqual(doneRecords);
    expect([...state.uncertain.keys()].sort()).toEqual(uncertain);
    expect(state.complete).toBe(complete);
    expect(state.start.input.sha256).toBe("abc");
  });

  it.each(refused)("refuses $name", ({ journal, message, empty }) => {
    let error: unknown;
    try {
      parseJournal(journal, "/r/journal.ndjson");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(JournalError);
    const e = error as JournalError;
    expect(e.message).toMatch(message);
    expect(e.message.startsWith("/r/journal.ndjson")).toBe(true);
    expect(e.empty).toBe(empty === true);
  });

  it("says whose run a journal it refuses is, when its start was read", () => {
    try {
      parseJournal(bytes(lines(start()), "garbage\n", lines(intent(1))), JOURNAL_FILE);
      expect.unreachable();
    } catch (err) {
      expect((err as JournalError).start?.input.sha256).toBe("abc");
    }
  });

  it("is undefined for a folder without a journal, and for a path that is a file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-journal-none-"));
    expect(readJournal(dir)).toBeUndefined();
    await writeFile(join(dir, "a-file"), "x");
    expect(readJournal(join(dir, "a-file"))).toBeUndefined();
  });
});

/** A journal file holding `content`, reopened by a writer that appends `then`: what the file ends up holding. */
async function reopen(content: Buffer, then: JournalLine[]): Promise<{ dir: string; file: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), "qonto-journal-torn-"));
  const path = join(dir, JOURNAL_FILE);
  await writeFile(path, content);
  const writer = new JournalWriter(path);
  await Promise.all(then.map((l) => writer.append(l)));
  writer.close();
  return { dir, file: await readFile(path) };
}

describe("JournalWriter on a journal cut short", () => {
  const table: { name: string; content: Buffer; appended: string }[] = [
    {
      name: "a torn last line: fenced, the fragment kept",
      content: bytes(lines(start(), intent(3)), tornDone),
      appended: fence(tornDone),
    },
    {
      name: "a multi-byte character cut in two: the fence counts its bytes",
      content: bytes(lines(start(), intent(1)), tornUtf8),
      appended: fence(tornUtf8),
    },
    {
      name: "a file of only a torn line",
      content: cut(start(), 25),
      appended: fence(cut(start(), 25)),
    },
    {
      name: "a last line whole but for its newline: the newline only",
      content: bytes(lines(start(), intent(1)), JSON.stringify(done(1))),
      appended: "\n",
    },
    { name: "a journal that ends with a newline: nothing", content: bytes(lines(start())), appended: "" },
    { name: "an empty file: nothing", content: bytes(""), appended: "" },
  ];

  it.each(table)("$name", async ({ content, appended }) => {
    const { file } = await reopen(content, [start(true), done(3)]);
    expect(file.toString("utf8")).toBe(
      bytes(content, appended, lines(start(true), done(3))).toString("utf8"),
    );
    expect(file.subarray(0, content.length).equals(content)).toBe(true);
  });

  it("a journal resumed twice after two torn writes reads back whole", async () => {
    const first = await reopen(bytes(lines(start(), intent(3)), tornDone), [start(true), done(3), intent(5)]);
    const path = join(first.dir, JOURNAL_FILE);
    await writeFile(path, bytes(first.file, tornIntent));
    const writer = new JournalWriter(path);
    await writer.append(start(true));
    await writer.append(intent(5));
    await writer.append(done(5));
    await writer.append(end);
    writer.close();
    const state = readJournal(first.dir);
    expect([...(state?.done.keys() ?? [])].sort()).toEqual([3, 5]);
    expect(state?.uncertain.size).toBe(0);
    expect(state?.complete).toBe(true);
    const text = await readFile(path, "utf8");
    expect(text.match(/"type":"torn"/g)).toHaveLength(2);
  });

  it("fences only once: lines appended after the fence follow it directly", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-journal-once-"));
    const path = join(dir, JOURNAL_FILE);
    await writeFile(path, bytes(lines(start(), intent(3)), tornDone));
    const writer = new JournalWriter(path);
    await writer.append(start(true));
    await writer.append(done(3));
    writer.close();
    const text = await readFile(path, "utf8");
    expect(text.match(/"type":"torn"/g)).toHaveLength(1);
    expect(readJournal(dir)?.done.has(3)).toBe(true);
  });

  it("a new journal gets no fence", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-journal-new-"));
    const path = join(dir, JOURNAL_FILE);
    const writer = new JournalWriter(path);
    await writer.append(start());
    writer.close();
    expect(await readFile(path, "utf8")).toBe(lines(start()));
  });
});

describe("unfinishedRuns over damaged journals", () => {
  it("warns about a run of this file whose journal it cannot read, naming the folder and the line", async () => {
    const root = await mkdtemp(join(tmpdir(), "qonto-journal-scan-"));
    const write = async (name: string, content: Buffer) => {
      await mkdir(join(root, name));
      await writeFile(join(root, name, JOURNAL_FILE), content);
    };
    const other = { ...start(), input: { file: "other.csv", sha256: "other" } } as JournalLine;
    await write("a-damaged", bytes(lines(start(), intent(1)), "garbage\n", lines(done(1))));
    await write("b-other-file", bytes(lines(other), "garbage\n", lines(done(1))));
    await write("c-empty", bytes(""));
    await write("d-torn", bytes(lines(start(), intent(3)), tornDone));
    await writeFile(join(root, "notes.txt"), "not a run");
    const warnings: string[] = [];
    const runs = unfinishedRuns(root, "abc", (line) => warnings.push(line));
    expect(runs.map((r) => r.dir)).toEqual([join(root, "d-torn")]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(join(root, "a-damaged"));
    expect(warnings[0]).toContain(`${JOURNAL_FILE}, line 3: not valid JSON`);
  });
});
