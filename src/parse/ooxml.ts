// The small XML parts of an XLSX package read by namespace, not by prefix: Excel writes `<workbook>` with a
// default namespace, the .NET Open XML SDK `<x:workbook xmlns:x="...">`, and some writers bind the relationships
// namespace to `ns:` instead of `r:`. What a part means is decided by the namespace URI its names resolve to.
// The parsers here take the SAX events of exceljs's parser (saxes, without its namespace mode: see XmlNames) and
// are pure, for tests.

import { BUILTIN_FORMATS, GENERAL, numberFormat, type NumberFormat } from "./number-format.js";

/** SpreadsheetML, in its Transitional (what every program writes) and Strict (ISO 29500 Strict) forms. */
export const SPREADSHEETML = [
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  "http://purl.oclc.org/ooxml/spreadsheetml/main",
];
/** The namespace of `r:id` attributes that name a relationship. */
export const RELATIONSHIPS = [
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  "http://purl.oclc.org/ooxml/officeDocument/relationships",
];
export const PACKAGE_RELATIONSHIPS = ["http://schemas.openxmlformats.org/package/2006/relationships"];
export const CONTENT_TYPES = ["http://schemas.openxmlformats.org/package/2006/content-types"];
const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

export interface SaxNode {
  name: string;
  attributes: Record<string, string>;
}
export type SaxEvent =
  | { eventType: "opentag"; value: SaxNode }
  | { eventType: "closetag"; value: SaxNode }
  | { eventType: "text"; value: string };

/**
 * Namespace scopes while walking a document: `enter` on each start tag (before resolving its names), `leave` on
 * each end tag (after). `local` gives the local name of an element of the namespaces it was made for, undefined
 * for any other. An element in no namespace (no default declared, or a prefix never declared) counts as one of
 * them: hand-made and old files leave the namespace out, and reading them costs nothing. Resolutions are cached
 * until a declaration changes, so the cost on a sheet's rows is one map look-up per element.
 */
export class XmlNames {
  /** Told what the bytes hold, so that elements need not be scanned for declarations when there are none. */
  readonly watch = new DeclarationWatch();
  private readonly accepted: ReadonlySet<string>;
  private readonly bindings = new Map<string, string>([["xml", XML_NAMESPACE]]);
  private readonly undo: ([string, string | undefined][] | undefined)[] = [];
  private readonly cache = new Map<string, string | null>();

  constructor(namespaces: readonly string[]) {
    this.accepted = new Set(namespaces);
  }

  enter(attributes: Record<string, string>): void {
    // Scanning every element's attributes costs a sixth of a sheet's reading: only the root's are, unless the
    // document declares a namespace anywhere after it.
    if (this.undo.length > 0 && !this.watch.later) {
      this.undo.push(undefined);
      return;
    }
    let changes: [string, string | undefined][] | undefined;
    for (const key in attributes) {
      // xmlns="..." or xmlns:p="..."
      if (key.charCodeAt(0) !== 120 || !key.startsWith("xmlns")) continue;
      let prefix: string;
      if (key.length === 5) prefix = "";
      else if (key.charCodeAt(5) === 58) prefix = key.slice(6);
      else continue;
      (changes ??= []).push([prefix, this.bindings.get(prefix)]);
      const uri = attributes[key] ?? "";
      // xmlns="" undeclares the default namespace.
      if (uri === "") this.bindings.delete(prefix);
      else this.bindings.set(prefix, uri);
    }
    this.undo.push(changes);
    if (changes !== undefined) this.cache.clear();
  }

  leave(): void {
    const changes = this.undo.pop();
    if (changes === undefined) return;
    for (let i = changes.length - 1; i >= 0; i--) {
      const [prefix, previous] = changes[i] ?? ["", undefined];
      if (previous === undefined) this.bindings.delete(prefix);
      else this.bindings.set(prefix, previous);
    }
    this.cache.clear();
  }

  /** Pushes a scope without declarations: for an element read while declarations could not change. */
  enterPlain(): void {
    this.undo.push(undefined);
  }

  /** The bindings in force, for resolving names without a look-up while no declaration can change them. */
  snapshot(): FixedNames {
    const foreign: string[] = [];
    for (const [prefix, uri] of this.bindings)
      if (prefix !== "" && !this.accepted.has(uri)) foreign.push(prefix);
    const uri = this.uri("");
    return { defaultAccepted: uri === "" || this.accepted.has(uri), foreign };
  }

  /** The namespace URI a prefix is bound to here ("" for none). */
  uri(prefix: string): string {
    return this.bindings.get(prefix) ?? "";
  }

  /** The local name of an element of the accepted namespaces (or of none); undefined for another namespace. */
  local(qname: string): string | undefined {
    const cached = this.cache.get(qname);
    if (cached !== undefined) return cached ?? undefined;
    const colon = qname.indexOf(":");
    const uri = this.uri(colon < 0 ? "" : qname.slice(0, colon));
    const local = uri === "" || this.accepted.has(uri) ? qname.slice(colon + 1) : null;
    this.cache.set(qname, local);
    return local ?? undefined;
  }

  /** The value of the attribute `local` in one of `namespaces`, whatever its prefix. */
  attribute(
    attributes: Record<string, string>,
    namespaces: readonly string[],
    local: string,
  ): string | undefined {
    for (const key in attributes) {
      const colon = key.indexOf(":");
      if (colon < 0 || key.slice(colon + 1) !== local) continue;
      const prefix = key.slice(0, colon);
      if (prefix !== "xmlns" && namespaces.includes(this.uri(prefix))) return attributes[key];
    }
    return undefined;
  }
}

/** Bindings frozen by XmlNames.snapshot: whether unprefixed names are ours, and the prefixes that are not. */
export interface FixedNames {
  defaultAccepted: boolean;
  foreign: string[];
}

/** The local name of an element under fixed bindings, as XmlNames.local would give it. */
export function fixedLocal(qname: string, fixed: FixedNames): string | undefined {
  const colon = qname.indexOf(":");
  if (colon < 0) return fixed.defaultAccepted ? qname : undefined;
  return fixed.foreign.length > 0 && fixed.foreign.includes(qname.slice(0, colon))
    ? undefined
    : qname.slice(colon + 1);
}

/**
 * Watches a document's bytes, before the SAX parser gets them, for "xmlns" after the start tag of its root element.
 * Wrong only on the safe side: a `>` inside an attribute, a tag in a comment before the root or the word in text
 * make it say there may be declarations.
 */
export class DeclarationWatch {
  /**
   * "xmlns" seen after the root element's start tag, so every element must be scanned from now on; true too until
   * the watch has seen any byte (events fed without their bytes are all scanned).
   */
  later = true;
  private seen = false;
  /** 0: before the root's start tag; 1: inside it; 2: after it. */
  private state = 0;
  private tail: Buffer = Buffer.alloc(0);

  see(chunk: Buffer): void {
    if (!this.seen) {
      this.seen = true;
      this.later = false;
    }
    if (this.later) return;
    let from = 0;
    if (this.state === 0) {
      for (let at = chunk.indexOf(0x3c); at >= 0; at = chunk.indexOf(0x3c, at + 1)) {
        const next = chunk[at + 1];
        // A name starts the root's tag (not <?xml, <!-- or </); a chunk ending on "<" is decided next time.
        if (next !== undefined && next !== 0x3f && next !== 0x21 && next !== 0x2f) {
          this.state = 1;
          from = at + 1;
          break;
        }
      }
      if (this.state === 0) return;
    }
    if (this.state === 1) {
      const end = chunk.indexOf(0x3e, from);
      if (end < 0) return;
      this.state = 2;
      from = end + 1;
      this.tail = Buffer.alloc(0);
    }
    // "xmlns" split between two chunks is found in the joint of the last bytes of one and the first of the next.
    const joint = Buffer.concat([this.tail, chunk.subarray(from, from + 4)]);
    if (joint.includes(XMLNS) || chunk.includes(XMLNS, from)) this.later = true;
    this.tail = chunk.subarray(Math.max(from, chunk.length - 4));
  }
}

const XMLNS = Buffer.from("xmlns");

/**
 * Walks SAX events, calling `open` with the local name of each element of `namespaces` (or of none) and its
 * attributes, `close` at its end, and `text` with the text inside.
 */
export class PartWalker {
  readonly names: XmlNames;
  /** Depth of elements of other namespaces being skipped: what they hold is theirs. */
  private foreign = 0;

  constructor(
    namespaces: readonly string[],
    private readonly handler: {
      open(name: string, attributes: Record<string, string>, names: XmlNames): void;
      close?(name: string): void;
      text?(text: string): void;
    },
  ) {
    this.names = new XmlNames(namespaces);
  }

  feed(events: readonly SaxEvent[]): void {
    for (const e of events) {
      if (e.eventType === "text") {
        if (this.foreign === 0) this.handler.text?.(e.value);
        continue;
      }
      if (e.eventType === "opentag") {
        this.names.enter(e.value.attributes);
        const name = this.foreign === 0 ? this.names.local(e.value.name) : undefined;
        if (name === undefined) this.foreign += 1;
        else this.handler.open(name, e.value.attributes, this.names);
      } else {
        if (this.foreign > 0) this.foreign -= 1;
        else {
          const name = this.names.local(e.value.name);
          if (name !== undefined) this.handler.close?.(name);
        }
        this.names.leave();
      }
    }
  }
}

/** XML Schema's boolean: "true" or "1" (and "on", which some writers use); anything else is false. */
export function xmlBoolean(value: string | undefined): boolean {
  const v = value?.trim().toLowerCase();
  return v === "true" || v === "1" || v === "on";
}

// ---------------------------------------------------------------------------------------------------------------
// workbook.xml

export interface WorkbookSheet {
  name: string;
  /** The relationship id naming the sheet's part. */
  rId: string | undefined;
  state: string | undefined;
}

export interface WorkbookPart {
  /** The root element is SpreadsheetML's workbook: anything else is not a workbook. */
  isWorkbook: boolean;
  sheets: WorkbookSheet[];
  /** `<workbookPr date1904>`: days count from 1904-01-01 (old Mac Excel, and LibreOffice's "true"). */
  date1904: boolean;
}

export function workbookParser(): { walker: PartWalker; result: WorkbookPart } {
  const result: WorkbookPart = { isWorkbook: false, sheets: [], date1904: false };
  let depth = 0;
  let inSheets = false;
  const walker = new PartWalker(SPREADSHEETML, {
    open(name, attrs, names) {
      depth += 1;
      if (depth === 1) result.isWorkbook = name === "workbook";
      if (!result.isWorkbook) return;
      if (depth === 2) {
        if (name === "workbookPr") result.date1904 = xmlBoolean(attrs.date1904);
        else if (name === "sheets") inSheets = true;
      } else if (depth === 3 && inSheets && name === "sheet")
        result.sheets.push({
          name: attrs.name ?? "",
          rId: names.attribute(attrs, RELATIONSHIPS, "id"),
          state: attrs.state,
        });
    },
    close(name) {
      if (depth === 2 && name === "sheets") inSheets = false;
      depth -= 1;
    },
  });
  return { walker, result };
}

// ---------------------------------------------------------------------------------------------------------------
// Relationships (.rels) and [Content_Types].xml

export interface Relationship {
  Id: string;
  Type: string;
  Target: string;
  TargetMode?: string;
}

export function relsParser(): { walker: PartWalker; result: Relationship[] } {
  const result: Relationship[] = [];
  const walker = new PartWalker(PACKAGE_RELATIONSHIPS, {
    open(name, attrs) {
      if (name !== "Relationship") return;
      const rel: Relationship = { Id: attrs.Id ?? "", Type: attrs.Type ?? "", Target: attrs.Target ?? "" };
      if (attrs.TargetMode !== undefined) rel.TargetMode = attrs.TargetMode;
      result.push(rel);
    },
  });
  return { walker, result };
}

export interface ContentTypes {
  /** Content type by part name, without its leading slash. */
  overrides: Map<string, string>;
  /** Content type by extension, lower-case. */
  defaults: Map<string, string>;
}

export function contentTypesParser(): { walker: PartWalker; result: ContentTypes } {
  const result: ContentTypes = { overrides: new Map(), defaults: new Map() };
  const walker = new PartWalker(CONTENT_TYPES, {
    open(name, attrs) {
      const type = attrs.ContentType;
      if (type === undefined) return;
      if (name === "Override" && attrs.PartName !== undefined)
        result.overrides.set(attrs.PartName.replace(/^\//, ""), type);
      else if (name === "Default" && attrs.Extension !== undefined)
        result.defaults.set(attrs.Extension.toLowerCase(), type);
    },
  });
  return { walker, result };
}

/** The content type of a part, from its override or its extension's default. */
export function contentTypeOf(types: ContentTypes, part: string): string | undefined {
  const override = types.overrides.get(part);
  if (override !== undefined) return override;
  const dot = part.lastIndexOf(".");
  return dot < 0 ? undefined : types.defaults.get(part.slice(dot + 1).toLowerCase());
}

// ---------------------------------------------------------------------------------------------------------------
// styles.xml: only what numbers mean.

/** The number format of each cell style (`s` attribute of a cell), from `<cellXfs>` and `<numFmts>`. */
export function stylesParser(): { walker: PartWalker; formats: () => NumberFormat[] } {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let depth = 0;
  let section = "";
  const walker = new PartWalker(SPREADSHEETML, {
    open(name, attrs) {
      depth += 1;
      if (depth === 2) section = name;
      else if (depth === 3 && section === "numFmts" && name === "numFmt") {
        const id = Number(attrs.numFmtId);
        if (Number.isInteger(id) && attrs.formatCode !== undefined) custom.set(id, attrs.formatCode);
      } else if (depth === 3 && section === "cellXfs" && name === "xf") {
        const id = Number(attrs.numFmtId ?? 0);
        xfs.push(Number.isInteger(id) ? id : 0);
      }
    },
    close() {
      depth -= 1;
      if (depth === 1) section = "";
    },
  });
  const formats = (): NumberFormat[] => {
    const byId = new Map<number, NumberFormat>();
    return xfs.map((id) => {
      let format = byId.get(id);
      if (format === undefined) {
        // A style's own <numFmt> wins over the built-in format of the same id.
        const code = custom.get(id) ?? BUILTIN_FORMATS.get(id);
        format = code === undefined || id === 0 ? GENERAL : numberFormat(code);
        byId.set(id, format);
      }
      return format;
    });
  };
  return { walker, formats };
}
