// The worksheet scanner (src/parse/xml-scan.ts): what it reports for each form of XML a writer may use, however the
// bytes are cut, compared with saxes as exceljs's parse-sax drove it (the reading it replaced); and what it refuses.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { SaxEvent } from "../src/parse/ooxml.js";
import { XmlScanError, XmlScanner } from "../src/parse/xml-scan.js";

type ParseSax = (chunks: AsyncIterable<Buffer | string>) => AsyncGenerator<SaxEvent[]>;
const parseSax = createRequire(import.meta.url)("exceljs/lib/utils/parse-sax.js") as ParseSax;

type Event = ["open", string, Record<string, string>] | ["close", string] | ["text", string];

/** Adjacent text pieces joined, as a reader concatenates them. */
function push(events: Event[], e: Event): void {
  const last = events.at(-1);
  if (e[0] === "text" && last?.[0] === "text") last[1] += e[1];
  else events.push(e);
}

/** The scanner's events (all text kept), or its error. */
function scan(chunks: readonly (Buffer | string)[], end = true): Event[] | string {
  const events: Event[] = [];
  const scanner = new XmlScanner({
    open: (name, attributes) => push(events, ["open", name, { ...attributes }]),
    close: (name) => push(events, ["close", name]),
    text: (text) => push(events, ["text", text]),
  });
  scanner.keepText = true;
  try {
    for (const chunk of chunks) scanner.write(chunk);
    if (end) scanner.end();
  } catch (err) {
    expect(err).toBeInstanceOf(XmlScanError);
    return (err as Error).message;
  }
  return events;
}

/** saxes's events through parse-sax (never closed), or its error. */
async function sax(chunks: readonly (Buffer | string)[]): Promise<Event[] | string> {
  const events: Event[] = [];
  async function* source(): AsyncGenerator<Buffer | string> {
    yield* chunks;
  }
  // White space outside the root, which saxes reports and the scanner does not: nothing reads it.
  let depth = 0;
  try {
    for await (const batch of parseSax(source()))
      for (const e of batch)
        if (e.eventType === "text") {
          if (depth > 0) push(events, ["text", e.value]);
        } else if (e.eventType === "opentag") {
          depth += 1;
          push(events, ["open", e.value.name, { ...e.value.attributes }]);
        } else {
          depth -= 1;
          push(events, ["close", e.value.name]);
        }
  } catch (err) {
    return (err as Error).message;
  }
  return events;
}

/** Errors compared by kind: both refuse, with saxes's "line:column: message" form. */
const kind = (r: Event[] | string): Event[] | string =>
  typeof r === "string" ? (/^\d+:\d+: /.test(r) ? "error" : r) : r;

/** Every way of cutting `doc`'s UTF-8 bytes in two, and in three around its middle. */
function cuts(doc: string): Buffer[][] {
  const bytes = Buffer.from(doc, "utf8");
  const out: Buffer[][] = [[bytes]];
  for (let a = 1; a < bytes.length; a++) out.push([bytes.subarray(0, a), bytes.subarray(a)]);
  const mid = bytes.length >> 1;
  for (let a = 1; a < mid; a++)
    for (let b = mid; b < Math.min(bytes.length, mid + 8); b++)
      out.push([bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)]);
  return out;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/** Documents read the same as saxes whatever the cuts (the scanner is told the end: saxes never was). */
const SAME: Record<string, string> = {
  "cells and rows": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"/></row></sheetData></worksheet>`,
  "multi-byte UTF-8 in text and attributes": `<a b="é€😀"><t>Zoë 😀 €uro 日本</t></a>`,
  "a BOM": `\ufeff<?xml version="1.0"?><a>x</a>`,
  "single quotes, white space around = and between attributes": `<a\tb = '1'\r\n  c\n=\n"2'"\r/>`,
  "> and / in attribute values": `<a b="x>y/z" c='/>'/>`,
  "references in text and attributes": `<a b="&lt;&amp;&gt;&quot;&apos;&#65;&#x42;&#x1f600;">&lt;&amp;&gt;&quot;&apos;&#65;&#x42;&#x1F600;</a>`,
  "line ends: text reads \\n, attribute values a space, references stay": `<a b="1\t2\r\n3\r4\n5&#9;&#10;&#13;">x\r\ny\rz\n&#13;&#10;w\r</a>`,
  "a DOCTYPE with quotes, brackets, comments and PIs in its internal subset": `<!DOCTYPE a PUBLIC "-//x>[" 'y]>' [<!ENTITY e "v>]"> <!-- ]> " --> <?p ]>' ?> <!ELEMENT a ANY>]  ><a>x</a>`,
  "comments, processing instructions, DOCTYPE": `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "v"> <!-- ] -->]><!-- c > --><?pi data?><a><!-- in - side --><b/><?p x?></a><!-- after -->`,
  "prefixed names and declarations": `<x:a xmlns:x="urn:x"><x:b x:c="1" xmlns:y="urn:y"><y:d/></x:b></x:a>`,
  "white space inside end tags": `<a><b></b \r\n></a\t>`,
  "empty elements and empty text": `<a><b/><c></c><d> </d></a>`,
  "__proto__ and constructor as attribute names": `<a __proto__="1" constructor="2" toString="3"/>`,
  "white space before and after the root": ` \r\n<a/>\n `,
  "XML declaration with single quotes and spaces": `<?xml  version = '1.0'  encoding='utf-8' standalone='yes' ?><a/>`,
  "processing instructions whose target starts with xml": `<?xml-stylesheet href="x"?><a><?xmlfoo?></a>`,
  "non-ASCII names": `<é:b ü="1"/>`,
  "NEL, LS and DEL, which XML 1.0 reads as characters": `<a b="\u0085\u2028\u007f">\u0085\u2028\u007f\r\u0085</a>`,
};

/** Malformed documents: both refuse. */
const REFUSED: Record<string, string> = {
  "mismatched end tag": `<a><b></a>`,
  "end tag without a start": `<a></a></b>`,
  "< inside an attribute value": `<a b="x<y"/>`,
  "unquoted attribute value": `<a b=1/>`,
  "attribute without value": `<a b/>`,
  "duplicate attribute": `<a b="1" b="2"/>`,
  "no space between attributes": `<a b="1"c="2"/>`,
  "undefined entity": `<a>&nbsp;</a>`,
  "entity defined in the DOCTYPE (not expanded, as saxes)": `<!DOCTYPE a [<!ENTITY e "v">]><a>&e;</a>`,
  "undefined entity in an attribute": `<a b="&e;"/>`,
  "bad character reference": `<a>&#0;</a>`,
  "character reference to a surrogate": `<a>&#xD800;</a>`,
  "bare ampersand": `<a>x & y;</a>`,
  "control character": `<a>\u0001</a>`,
  "control character in an attribute": `<a b="\u001f"/>`,
  "]]> in text": `<a>x]]>y</a>`,
  "-- in a comment": `<a><!-- x -- y --></a>`,
  "text before the root": `x<a/>`,
  "a second root": `<a/><b/>`,
  "XML declaration not at the start": `<a/><?xml version="1.0"?>`,
  "XML declaration after white space": ` <?xml version="1.0"?><a/>`,
  "XML declaration in capitals": `<?XML version="1.0"?><a/>`,
  "XML declaration of version 2.0": `<?xml version="2.0"?><a/>`,
  "XML declaration without a version": `<?xml encoding="UTF-8"?><a/>`,
  "XML declaration with an unknown pseudo-attribute": `<?xml version="1.0" foo="x"?><a/>`,
  "XML declaration without white space between pseudo-attributes": `<?xml version="1.0"encoding="UTF-8"?><a/>`,
  "hexadecimal reference with a capital X": `<a>&#X41;</a>`,
  "end tag with an attribute": `<a></a b>`,
  "slash not followed by >": `<a/ >`,
  "bad name": `<a><1b/></a>`,
  "processing instruction target followed by a quote": `<a><?pi"x"?></a>`,
  "processing instruction target followed by a slash": `<a><?pi/?></a>`,
  "a second DOCTYPE": `<!DOCTYPE a><!DOCTYPE a><a/>`,
};

describe("XmlScanner reads as saxes did", () => {
  for (const [name, doc] of Object.entries(SAME))
    it(`${name}, cut at every byte`, async () => {
      const expected = await sax([Buffer.from(doc)]);
      expect(typeof expected).not.toBe("string");
      for (const chunks of cuts(doc)) expect(scan(chunks), chunks.map(String).join("|")).toEqual(expected);
    });

  for (const [name, doc] of Object.entries(REFUSED))
    it(`refuses: ${name}, cut at every byte`, async () => {
      expect(kind(await sax([Buffer.from(doc)]))).toBe("error");
      for (const chunks of cuts(doc)) expect(kind(scan(chunks)), chunks.map(String).join("|")).toBe("error");
    });
});

const EMPTY_A: Event[] = [
  ["open", "a", {}],
  ["close", "a"],
];

describe("XmlScanner", () => {
  it("normalizes attribute values and line ends as XML says", () => {
    expect(scan([`<a b="1\t2\r\n3\r4\n5&#10;">x\r\ny\rz&#13;</a>`])).toEqual([
      ["open", "a", { b: "1 2 3 4 5\n" }],
      ["text", "x\ny\nz\r"],
      ["close", "a"],
    ]);
  });

  it("leaves comments and processing instructions out, as exceljs's reading did", () => {
    expect(scan([`<a>x<!--z--><?p q?>w</a>`])).toEqual([
      ["open", "a", {}],
      ["text", "xw"],
      ["close", "a"],
    ]);
  });

  // saxes reported CDATA as an event exceljs's parse-sax never listened to: `<t>a<![CDATA[b]]></t>` read "a".
  // Its characters are text, unescaped, line ends normalized, as openpyxl (lxml) and every XML reader have them.
  it.each([
    ["markup and references kept as written", `<a>x<![CDATA[<b>&c;]]]]>y</a>`, "x<b>&c;]]y"],
    ["line ends", `<a><![CDATA[1\r\n2\r3\n]]></a>`, "1\n2\n3\n"],
    ["several sections, one empty", `<a><![CDATA[p]]><![CDATA[]]><![CDATA[q😀]]></a>`, "pq😀"],
  ])("reads a CDATA section's characters as text (%s), cut at every byte", (_, doc, text) => {
    for (const chunks of cuts(doc))
      expect(scan(chunks), chunks.map(String).join("|")).toEqual([
        ["open", "a", {}],
        ["text", text],
        ["close", "a"],
      ]);
  });

  it("builds no text while none is wanted, but still checks it", () => {
    const texts: string[] = [];
    const scanner = new XmlScanner({ open() {}, close() {}, text: (t) => texts.push(t) });
    scanner.write("<a> <b>x&amp;y</b> </a>");
    scanner.end();
    expect(texts).toEqual([]);
    const checked = new XmlScanner({ open() {}, close() {}, text() {} });
    expect(() => checked.write("<a>&nbsp;</a>")).toThrow(/^1:\d+: undefined entity\.$/);
  });

  it("says where the damage is, as line:column", () => {
    expect(scan(["<a>\n<b>\n  </c>"])).toMatch(/^3:\d+: unmatched closing tag: c\.$/);
    expect(scan(["<a>\n", "<b>\n  <c ", 'd="<"/>'])).toMatch(/^3:\d+: disallowed character\.$/);
  });

  it("reads a long start tag fed in small chunks, with > and quotes inside its values, once whole", () => {
    const attrs = Array.from({ length: 2_000 }, (_, i) => ` a${i}="x>'${i}'" b${i}='y>"${i}"'`).join("");
    const doc = `<r><c${attrs}>t</c></r>`;
    const bytes = Buffer.from(doc);
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 97) chunks.push(bytes.subarray(at, at + 97));
    const events = scan(chunks);
    expect(events).toEqual(scan([doc]));
    const open = Array.isArray(events) ? events[1] : undefined;
    expect(open?.[0] === "open" ? Object.keys(open[2]).length : 0).toBe(4_000);
    expect(open?.[0] === "open" ? open[2].b1999 : undefined).toBe(`y>"1999"`);
  });

  it("refuses a part that ends inside an element, a tag, a comment or a reference", () => {
    for (const doc of ["<a><b>", "<a><b", "<a><!-- x", "<a>&amp"])
      for (const chunks of cuts(doc)) expect(kind(scan(chunks)), doc).toBe("error");
    // Before its root or after it, a part may end anywhere, as parse-sax (never closing saxes) let it: an empty sheet
    // part reads as an empty sheet rather than refusing the workbook it sits in.
    for (const doc of [
      "",
      " \n",
      "<?xml version='1.0'?>",
      "<?xml version='1.0'?><works",
      "<a/><!-- x",
      "<a/>x",
    ])
      for (const chunks of cuts(doc)) expect(scan(chunks), doc).toEqual(doc.includes("<a/>") ? EMPTY_A : []);
    // Without the end, a part cut short is not refused (text waits for what follows it, as in saxes).
    expect(scan(["<a><b>x"], false)).toEqual([
      ["open", "a", {}],
      ["open", "b", {}],
    ]);
  });
});
