// A streaming XML scanner for the one part read element by element at volume: a worksheet's rows (xlsx-rows.ts).
// saxes (through exceljs's parse-sax) builds an object per event and per attribute and an array of events per
// chunk; here the handler is called directly. What it accepts and refuses follows saxes as exceljs drives it (no
// namespace processing, comments not reported), so the rows read are the same and damaged XML still fails with
// "line:column: message". The differences: a CDATA section's text is read (parse-sax dropped it); `end` refuses a
// part that stops inside its root element, which parse-sax, never closing saxes, let pass; an XML 1.1 document is
// read with XML 1.0's rules (no writer of spreadsheets emits 1.1); and an error's line and column are counted in
// UTF-16 units, a CR alone not ending a line, so they may differ a little from saxes's. Pure: fed Buffers or strings.

export interface XmlHandler {
  /** A start tag (an empty-element tag is reported as a start tag, then an end tag). */
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  /** Character data inside the root, possibly in several pieces; only while `keepText` is set. */
  text(text: string): void;
}

/** Malformed XML: the message reads "line:column: what" as saxes's did. */
export class XmlScanError extends Error {}

// Attributes objects without Object.prototype (as saxes's, so "constructor" or "__proto__" are plain names), yet in
// V8's fast mode, which Object.create(null) objects are not.
const Attributes = function (this: object) {} as unknown as new () => Record<string, string>;
Attributes.prototype = Object.create(null) as object;

const S_TEXT = 0;
const S_COMMENT = 1;
const S_CDATA = 2;
const S_PI = 3;
const S_DOCTYPE = 4;

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQUALS = 61;
const AMP = 38;
const CR = 13;

/** Characters XML 1.0 forbids anywhere (lone surrogates cannot come out of the UTF-8 decoder). */
const DISALLOWED = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

// Name characters: ASCII by table, the rest by XML 1.0 (fifth edition) ranges.
const ASCII_NAME = new Uint8Array(128); // 1: name character; 2: also a start character
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) ASCII_NAME[c] = 2;
  else if (/[0-9.-]/.test(ch)) ASCII_NAME[c] = 1;
}
const NAME_START_RANGES =
  /[\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDFFF]/;
const NAME_RANGES = /[\u00B7\u0300-\u036F\u203F\u2040]/;
function isNameChar(c: number): boolean {
  if (c < 128) return ASCII_NAME[c] !== 0;
  const ch = String.fromCharCode(c);
  return NAME_START_RANGES.test(ch) || NAME_RANGES.test(ch);
}
function isNameStart(c: number): boolean {
  if (c < 128) return ASCII_NAME[c] === 2;
  return NAME_START_RANGES.test(String.fromCharCode(c));
}
const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;
/** What follows `<?xml`, as saxes checks it. */
const XML_DECLARATION =
  /^\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][\w.-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*$/;
const ENTITY_NAME = /^[A-Za-z_:][\w.:-]*$/;

/**
 * Where a start tag ends (its `>`, quoted values skipped), searched from `from`, a point outside its quoted values:
 * `end` is the `>`, or -1 when the buffer ends first, with `resume` the last point known outside quotes.
 */
function tagEnd(s: string, from: number): { end: number; resume: number } {
  let gt = s.indexOf(">", from);
  let dq = s.indexOf('"', from);
  let sq = s.indexOf("'", from);
  let resume = from;
  for (;;) {
    if (gt < 0) return { end: -1, resume };
    const q = dq < 0 ? sq : sq < 0 ? dq : Math.min(dq, sq);
    if (q < 0 || q > gt) return { end: gt, resume };
    const close = s.indexOf(q === dq ? '"' : "'", q + 1);
    if (close < 0) return { end: -1, resume };
    resume = close + 1;
    if (gt < close) gt = s.indexOf(">", close + 1);
    if (dq >= 0 && dq <= close) dq = s.indexOf('"', close + 1);
    if (sq >= 0 && sq <= close) sq = s.indexOf("'", close + 1);
  }
}

export class XmlScanner {
  /** Whether text is wanted now: text read while it is not is checked, never built. */
  keepText = false;
  private readonly decoder = new TextDecoder("utf-8");
  private pending = "";
  private state = S_TEXT;
  private readonly open: string[] = [];
  private sawRoot = false;
  private sawDoctype = false;
  /**
   * When the start tag at the head of the buffer was cut by its end, how far into it its `>` has been searched for
   * (-1: no tag cut): it is parsed again only once its `>` has come, and each character is searched once.
   */
  private tagCut = -1;
  /** Characters consumed before the current buffer, and the line and column where it starts. */
  private offset = 0;
  private line = 1;
  private column = 0;
  // The current buffer and the next "&", "\r" and "]]>" in it at or after the scan (or -1), so that text is
  // searched for them once whatever the number of text runs.
  private buf = "";
  private nextAmp = -1;
  private nextCr = -1;
  private nextCdataEnd = -1;
  private doctypeDepth = 0;
  private doctypeUntil = "";
  private doctypeResume = 0;

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: Buffer | string): void {
    let text = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    if (this.offset === 0 && this.pending === "" && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text !== "") this.scan(text);
  }

  /** The end of the part: refused when it stops inside the root element. */
  end(): void {
    const rest = this.decoder.decode();
    if (rest !== "") this.scan(rest);
    // After the root, or before any, parse-sax (which never closed saxes) let a part end anywhere, and an empty part
    // read as an empty sheet: so here. Only a part that stops inside its root is refused.
    if (this.open.length === 0) return;
    const s = this.pending;
    this.setBuffer(s);
    if (this.state === S_TEXT && s !== "") {
      // The tail kept back from text (at most two characters and an unfinished reference), or a tag never ended.
      const lt = s.indexOf("<");
      if (lt >= 0 || s.includes("&")) this.fail(s.length, "unexpected end.");
      this.textRun(s, 0, s.length, true);
    }
    const unclosed = this.open.at(-1);
    if (unclosed !== undefined) this.fail(s.length, `unclosed tag: ${unclosed}`);
    if (this.state !== S_TEXT) this.fail(s.length, "unexpected end.");
  }

  private setBuffer(s: string): void {
    this.buf = s;
    this.nextAmp = s.indexOf("&");
    this.nextCr = s.indexOf("\r");
    this.nextCdataEnd = s.indexOf("]]>");
  }

  private scan(chunk: string): void {
    const s = this.pending === "" ? chunk : this.pending + chunk;
    this.setBuffer(s);
    const bad = DISALLOWED.exec(chunk);
    if (bad !== null) this.fail(s.length - chunk.length + bad.index + 1, "disallowed character.");
    const n = s.length;
    let i = 0;
    while (i < n) {
      if (this.state === S_DOCTYPE) {
        const after = this.doctype(s, i);
        if (after < 0) {
          i = this.doctypeResume;
          break;
        }
        this.state = S_TEXT;
        i = after;
        continue;
      }
      if (this.state !== S_TEXT) {
        const [close, width] =
          this.state === S_COMMENT ? ["--", 2] : this.state === S_CDATA ? ["]]>", 3] : ["?>", 2];
        const at = s.indexOf(close, i);
        if (at < 0 || (this.state === S_COMMENT && at + 2 >= n)) {
          let stop = at >= 0 ? at : Math.max(i, n - width + 1);
          // A CR at the end may be the first half of a CRLF: it waits for the next chunk.
          if (this.state === S_CDATA && stop > i && s.charCodeAt(stop - 1) === CR) stop -= 1;
          if (this.state === S_CDATA) this.cdataText(s, i, stop);
          i = stop;
          break;
        }
        if (this.state === S_COMMENT && s.charCodeAt(at + 2) !== GT) this.fail(at + 3, "malformed comment.");
        if (this.state === S_CDATA) this.cdataText(s, i, at);
        i = at + (this.state === S_COMMENT ? 3 : width);
        this.state = S_TEXT;
        continue;
      }
      const lt = s.indexOf("<", i);
      if (lt < 0) {
        // Text to the end of the buffer: the last characters wait for the next chunk ("]]>", "\r\n" or a
        // reference may straddle it).
        let cut = n - 2;
        if (cut > i && s.charCodeAt(cut - 1) === CR) cut -= 1;
        if (cut > i) i = this.textRun(s, i, cut, false);
        break;
      }
      if (lt > i) this.textRun(s, i, lt, true);
      i = lt;
      const next = s.charCodeAt(lt + 1);
      if (Number.isNaN(next)) break;
      if (next === SLASH) {
        const gt = s.indexOf(">", lt + 2);
        if (gt < 0) break;
        this.closeTag(s, lt, gt);
        i = gt + 1;
      } else if (next === BANG) {
        const after = this.markupDeclaration(s, lt);
        if (after < 0) break;
        i = after;
      } else if (next === QUESTION) {
        let end = lt + 2;
        while (end < n && isNameChar(s.charCodeAt(end))) end++;
        if (end >= n) break;
        if (end === lt + 2 || !isNameStart(s.charCodeAt(lt + 2)))
          this.fail(lt + 3, "processing instruction without a target.");
        const after = s.charCodeAt(end);
        if (!isSpace(after) && after !== QUESTION)
          this.fail(end + 1, "disallowed character in processing instruction name.");
        const target = s.slice(lt + 2, end);
        if (target.length === 3 && target.toLowerCase() === "xml") {
          if (target !== "xml" || this.offset + lt !== 0)
            this.fail(end, "an XML declaration must be at the start of the document.");
          const close = s.indexOf("?>", end);
          // Not waited for without end: a declaration is a few dozen characters.
          if (close < 0 && n - lt > 1024) this.fail(n, "malformed XML declaration.");
          if (close < 0) break;
          if (!XML_DECLARATION.test(s.slice(end, close))) this.fail(close, "malformed XML declaration.");
          i = close + 2;
          continue;
        }
        this.state = S_PI;
        i = end;
      } else {
        // A tag cut by a chunk's end is not parsed again at every chunk (a hostile megabyte-long tag would be read
        // sixteen times over): only once a native search finds its end.
        if (this.tagCut >= 0) {
          const found = tagEnd(s, lt + this.tagCut);
          this.tagCut = found.resume - lt;
          if (found.end < 0) break;
        }
        const after = this.startTag(s, lt);
        this.tagCut = after < 0 ? 0 : -1;
        if (after < 0) break;
        i = after;
      }
    }
    this.consume(s, i);
  }

  /** Drops the buffer up to `i`, keeping the rest for the next chunk. */
  private consume(s: string, i: number): void {
    const keep = Math.min(i, s.length);
    let lineStart = -1;
    for (let at = s.indexOf("\n"); at >= 0 && at < keep; at = s.indexOf("\n", at + 1)) {
      this.line += 1;
      lineStart = at + 1;
    }
    this.column = lineStart < 0 ? this.column + keep : keep - lineStart;
    this.offset += keep;
    this.pending = keep >= s.length ? "" : s.slice(keep);
  }

  private fail(at: number, message: string): never {
    // `at` is the index in the current buffer just past the offending character, as saxes counts columns.
    const s = this.buf;
    let line = this.line;
    let lineStart = -1;
    for (let k = s.indexOf("\n"); k >= 0 && k < at; k = s.indexOf("\n", k + 1)) {
      line += 1;
      lineStart = k + 1;
    }
    const column = lineStart < 0 ? this.column + at : at - lineStart;
    throw new XmlScanError(`${line}:${column}: ${message}`);
  }

  /**
   * Character data from `from` to `to`. When `whole`, it ends at a "<"; otherwise at the end of the buffer, and
   * returns where the next scan resumes (before an unfinished reference).
   */
  private textRun(s: string, from: number, to: number, whole: boolean): number {
    if (this.open.length === 0) {
      // Outside the root only white space may stand.
      for (let k = from; k < to; k++)
        if (!isSpace(s.charCodeAt(k))) this.fail(k + 1, "text data outside of root node.");
      return to;
    }
    if (this.nextCdataEnd >= 0 && this.nextCdataEnd < from) this.nextCdataEnd = s.indexOf("]]>", from);
    // Cut by the end of the buffer, the run goes on to it: a "]]>" across the cut is found now.
    if (this.nextCdataEnd >= 0 && this.nextCdataEnd + 3 <= (whole ? to : s.length))
      this.fail(this.nextCdataEnd + 3, 'the string "]]>" is disallowed in char data.');
    if (this.nextAmp >= 0 && this.nextAmp < from) this.nextAmp = s.indexOf("&", from);
    let end = to;
    if (!whole && this.nextAmp >= 0 && this.nextAmp < to) {
      // A reference cut by the end of the buffer is read with the next chunk.
      const last = s.lastIndexOf("&", to - 1);
      const semi = s.indexOf(";", last);
      if (semi < 0 || semi >= to) end = last;
      if (end === from) return from;
    }
    if (this.nextAmp < 0 || this.nextAmp >= end) {
      if (!this.keepText) return end;
      if (this.nextCr >= 0 && this.nextCr < from) this.nextCr = s.indexOf("\r", from);
      const raw = s.slice(from, end);
      this.handler.text(this.nextCr < 0 || this.nextCr >= end ? raw : normalizeLines(raw));
      return end;
    }
    const value = this.references(s, from, end, false);
    if (this.keepText) this.handler.text(value);
    return end;
  }

  /**
   * Text from `from` to `to` with its references replaced: line ends read as "\n" in text; in attribute values
   * (`attribute`) tab, CR and LF read as a space, as XML normalizes them (not those written as references).
   */
  private references(s: string, from: number, to: number, attribute: boolean): string {
    let out = "";
    let at = from;
    for (let amp = s.indexOf("&", from); amp >= 0 && amp < to; amp = s.indexOf("&", at)) {
      out += attribute ? normalizeSpaces(s.slice(at, amp)) : normalizeLines(s.slice(at, amp));
      const semi = s.indexOf(";", amp + 1);
      if (semi < 0 || semi >= to) this.fail(to, "disallowed character in entity name.");
      out += this.entity(s.slice(amp + 1, semi), semi + 1);
      at = semi + 1;
    }
    return out + (attribute ? normalizeSpaces(s.slice(at, to)) : normalizeLines(s.slice(at, to)));
  }

  private entity(name: string, at: number): string {
    if (name === "") this.fail(at, "empty entity name.");
    if (name.charCodeAt(0) !== 35) {
      const known = ENTITIES[name];
      if (known !== undefined) return known;
      return this.fail(
        at,
        ENTITY_NAME.test(name) ? "undefined entity." : "disallowed character in entity name.",
      );
    }
    let code = NaN;
    if (/^#x[0-9a-f]+$/i.test(name) && name.charCodeAt(1) === 120) code = parseInt(name.slice(2), 16);
    else if (/^#[0-9]+$/.test(name)) code = parseInt(name.slice(1), 10);
    const char =
      code === 9 ||
      code === 10 ||
      code === 13 ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!char) this.fail(at, "malformed character entity.");
    return String.fromCodePoint(code);
  }

  /**
   * A CDATA section's characters are text, as every XML reader has them (openpyxl among them); saxes reported them
   * as an event exceljs's parse-sax never listened to, so `<t>a<![CDATA[b]]></t>` read "a". Line ends normalized.
   */
  private cdataText(s: string, from: number, to: number): void {
    if (this.keepText && to > from) this.handler.text(normalizeLines(s.slice(from, to)));
  }

  /** `<!--`, `<![CDATA[` or `<!DOCTYPE` at `lt`: where scanning resumes, or -1 to wait for more. */
  private markupDeclaration(s: string, lt: number): number {
    const n = s.length;
    if (s.startsWith("<!--", lt)) {
      this.state = S_COMMENT;
      return lt + 4;
    }
    if (s.startsWith("<![CDATA[", lt)) {
      if (this.open.length === 0) this.fail(lt + 9, "text data outside of root node.");
      this.state = S_CDATA;
      return lt + 9;
    }
    if (s.startsWith("<!DOCTYPE", lt)) {
      if (this.sawRoot || this.sawDoctype) this.fail(lt + 9, "inappropriately located doctype declaration.");
      this.sawDoctype = true;
      this.state = S_DOCTYPE;
      this.doctypeDepth = 0;
      this.doctypeUntil = "";
      return lt + 9;
    }
    // Too short to tell yet?
    if (n - lt < 9 && ["<!--", "<![CDATA[", "<!DOCTYPE"].some((p) => p.startsWith(s.slice(lt)))) return -1;
    return this.fail(lt + 2, "incorrect syntax.");
  }

  /**
   * Inside a DOCTYPE from `k`, skipped whole, internal subset included (its entities are not defined: saxes does
   * not either): where scanning resumes after it, or -1 with `doctypeResume` when the buffer ends first. Its state
   * is kept between chunks, so that however long it is its text is read once.
   */
  private doctype(s: string, k: number): number {
    const n = s.length;
    while (k < n) {
      const until = this.doctypeUntil;
      if (until !== "") {
        // A quoted literal, or a comment or processing instruction of the internal subset.
        const at = s.indexOf(until, k);
        if (at < 0) {
          this.doctypeResume = Math.max(k, n - until.length + 1);
          return -1;
        }
        k = at + until.length;
        this.doctypeUntil = "";
        continue;
      }
      const c = s.charCodeAt(k);
      if (c === 34 || c === 39) this.doctypeUntil = c === 34 ? '"' : "'";
      else if (c === LT && this.doctypeDepth > 0) {
        if (n - k < 4) {
          this.doctypeResume = k;
          return -1;
        }
        if (s.startsWith("<!--", k)) {
          this.doctypeUntil = "-->";
          k += 3;
        } else if (s.startsWith("<?", k)) {
          this.doctypeUntil = "?>";
          k += 1;
        }
      } else if (c === 91) this.doctypeDepth += 1;
      else if (c === 93) this.doctypeDepth -= 1;
      else if (c === GT && this.doctypeDepth <= 0) return k + 1;
      k += 1;
    }
    this.doctypeResume = n;
    return -1;
  }

  private closeTag(s: string, lt: number, gt: number): void {
    const expected = this.open.at(-1);
    if (expected !== undefined && gt - lt - 2 === expected.length && s.startsWith(expected, lt + 2)) {
      // The usual case, without slicing the name again.
      this.open.pop();
      this.handler.close(expected);
      return;
    }
    let k = lt + 2;
    while (k < gt && isNameChar(s.charCodeAt(k))) k++;
    const name = s.slice(lt + 2, k);
    for (; k < gt; k++)
      if (!isSpace(s.charCodeAt(k))) this.fail(k + 1, "disallowed character in closing tag.");
    if (name === "") this.fail(gt + 1, "weird empty close tag.");
    const top = this.open.pop();
    if (top !== name)
      this.fail(
        gt + 1,
        top !== undefined && this.open.includes(name)
          ? "unexpected close tag."
          : `unmatched closing tag: ${name}.`,
      );
    this.handler.close(name);
  }

  /** A start or empty-element tag at `lt`: where scanning resumes, or -1 to wait for more. */
  private startTag(s: string, lt: number): number {
    const n = s.length;
    if (!isNameStart(s.charCodeAt(lt + 1))) this.fail(lt + 2, "disallowed character in tag name.");
    let k = lt + 2;
    while (k < n && isNameChar(s.charCodeAt(k))) k++;
    if (k >= n) return -1;
    const name = s.slice(lt + 1, k);
    const attributes = new Attributes();
    let spaced = false;
    for (;;) {
      let c = s.charCodeAt(k);
      if (isSpace(c)) {
        spaced = true;
        while (++k < n && isSpace((c = s.charCodeAt(k))));
        if (k >= n) return -1;
      }
      if (c === GT) {
        this.opened(name, attributes, lt);
        return k + 1;
      }
      if (c === SLASH) {
        if (k + 1 >= n) return -1;
        if (s.charCodeAt(k + 1) !== GT) this.fail(k + 2, "forward-slash in opening tag not followed by >.");
        this.opened(name, attributes, lt);
        this.open.pop();
        this.handler.close(name);
        return k + 2;
      }
      if (!isNameStart(c))
        this.fail(
          k + 1,
          spaced ? "disallowed character in attribute name." : "disallowed character in tag name.",
        );
      if (!spaced) this.fail(k + 1, "no whitespace between attributes.");
      const from = k;
      while (++k < n && isNameChar(s.charCodeAt(k)));
      if (k >= n) return -1;
      const key = s.slice(from, k);
      while (k < n && isSpace(s.charCodeAt(k))) k++;
      if (k >= n) return -1;
      if (s.charCodeAt(k) !== EQUALS) this.fail(k + 1, "attribute without value.");
      while (++k < n && isSpace(s.charCodeAt(k)));
      if (k >= n) return -1;
      const q = s.charCodeAt(k);
      if (q !== 34 && q !== 39) this.fail(k + 1, "unquoted attribute value.");
      const close = s.indexOf(q === 34 ? '"' : "'", k + 1);
      if (close < 0) return -1;
      let plain = true;
      for (let v = k + 1; v < close; v++) {
        const ch = s.charCodeAt(v);
        if (ch === LT) this.fail(v + 1, "disallowed character.");
        if (ch === AMP || ch < 32) plain = false;
      }
      const value = plain ? s.slice(k + 1, close) : this.references(s, k + 1, close, true);
      if (attributes[key] !== undefined) this.fail(close + 1, `duplicate attribute: ${key}.`);
      attributes[key] = value;
      k = close + 1;
      spaced = false;
      if (k >= n) return -1;
    }
  }

  private opened(name: string, attributes: Record<string, string>, lt: number): void {
    // Nothing open after the root was: this would be a second one.
    if (this.sawRoot && this.open.length === 0) this.fail(lt + 1, "documents may contain only one root.");
    this.sawRoot = true;
    this.open.push(name);
    this.handler.open(name, attributes);
  }
}

function normalizeLines(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

function normalizeSpaces(text: string): string {
  return text.replace(/\r\n|[\t\n\r]/g, " ");
}
