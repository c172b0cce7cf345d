// Issue 18's pure parts, table-driven: printable(), capText(), neutralize/unneutralize, control characters.
import { describe, expect, it } from "vitest";
import { validateInvoicePayload } from "../src/emulator/invoice-validate.js";
import { validateCreatePayload } from "../src/emulator/validate.js";
import { matchInvoiceHeader } from "../src/invoices/aliases.js";
import { groupInvoiceRows } from "../src/invoices/group.js";
import { normalizeInvoice } from "../src/invoices/normalize.js";
import { matchHeader } from "../src/map/header.js";
import type { SourceRow } from "../src/parse/source-row.js";
import { capLabel, capProblem, capText, CELL_CAP, printable, terminalSafe } from "../src/report/printable.js";
import { neutralize, unneutralize } from "../src/report/reporter.js";
import { fedBackTable } from "../src/report/feed-back.js";
import { restoreRow } from "../src/report/feed-back.js";
import { normalizeRow } from "../src/validate/normalize.js";

describe("printable: a value from the input, safe inside one line of output", () => {
  it.each([
    ["plain text", "Dupont SA", "Dupont SA"],
    ["accents and emoji stay", "Société Générale 🏦", "Société Générale 🏦"],
    [
      "OSC title + clear + colour",
      "\x1b]0;T\x07\x1b[2J\x1b[31mFAKE",
      "\\u001b]0;T\\u0007\\u001b[2J\\u001b[31mFAKE",
    ],
    ["OSC 52 clipboard", "\x1b]52;c;SGVsbG8=\x07", "\\u001b]52;c;SGVsbG8=\\u0007"],
    ["C1 CSI", "a\u009b2Jb", "a\\u009b2Jb"],
    ["C1 NEL", "a\u0085b", "a\\u0085b"],
    ["DEL", "a\x7fb", "a\\u007fb"],
    ["NUL", "\0\0", "\\u0000\\u0000"],
    ["bare CR overwriting the line", "ok\rFAKE", "ok\\rFAKE"],
    ["line feed faking a line", "ok\nFAKE", "ok\\nFAKE"],
    ["tab", "a\tb", "a\\tb"],
    ["backspace", "abc\b\b\bxyz", "abc\\u0008\\u0008\\u0008xyz"],
    ["bidi override", "invoice\u202Efdp.exe", "invoice\\u202efdp.exe"],
    ["bidi embeddings U+202A–U+202D", "\u202A\u202B\u202C\u202D", "\\u202a\\u202b\\u202c\\u202d"],
    ["bidi isolates U+2066–U+2069", "\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069"],
    ["line and paragraph separators", "a\u2028b\u2029c", "a\\u2028b\\u2029c"],
    ["a backslash is left as it is", "C:\\Users\\x", "C:\\Users\\x"],
  ])("%s", (_, value, shown) => {
    expect(printable(value)).toBe(shown);
    expect(printable(shown)).toBe(shown); // idempotent: escaping twice changes nothing
  });

  it("terminalSafe keeps the tool's own line feeds and escapes everything else printable() does", () => {
    expect(terminalSafe("line 1\nline 2\r\x1b[2J\u009b\t\u202e\n")).toBe(
      "line 1\nline 2\\r\\u001b[2J\\u009b\\t\\u202e\n",
    );
  });

  it("terminalSafe on JSON text keeps the same JSON value", () => {
    const value = { name: "a\u009b\u202e\x7f\u2028b", n: 1 };
    const text = terminalSafe(JSON.stringify(value, null, 2));
    expect(text).not.toMatch(/[\u007f-\u009f\u202e\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("capText: what a report repeats of a cell", () => {
  it.each([
    ["short", "abc", "abc"],
    ["exactly the cap", "x".repeat(CELL_CAP), "x".repeat(CELL_CAP)],
    [
      "one more",
      "x".repeat(CELL_CAP + 1),
      `${"x".repeat(CELL_CAP)}…[cut: ${CELL_CAP + 1} characters in all]`,
    ],
    [
      "a surrogate pair at the edge is not split",
      `${"x".repeat(CELL_CAP - 1)}😀yz`,
      `${"x".repeat(CELL_CAP - 1)}…[cut: ${CELL_CAP + 3} characters in all]`,
    ],
  ])("%s", (_, value, expected) => {
    expect(capText(value)).toBe(expected);
  });

  it("problems and labels are cut only when long, and are the same objects otherwise", () => {
    const p = { code: "x", message: "short", column: "Email" };
    expect(capProblem(p)).toBe(p);
    const long = { ...p, message: "m".repeat(5000) };
    expect(capProblem(long).message).toHaveLength(CELL_CAP + "…[cut: 5000 characters in all]".length);
    const label = { name: "n", vat: "", email: "" };
    expect(capLabel(label)).toBe(label);
    expect(capLabel({ ...label, name: "n".repeat(2000) }).name.startsWith("n".repeat(CELL_CAP) + "…")).toBe(
      true,
    );
  });
});

// The trigger set: what starts a formula in Excel, LibreOffice and Google Sheets.
const TRIGGERS = ["=", "+", "-", "@", "\t", "\r"];

describe("neutralize / unneutralize: exact inverses", () => {
  const cases: [string, string][] = [
    ["", ""],
    ["Dupont", "Dupont"],
    ["'", "'"],
    ["''", "''"],
    ["'Quoted", "'Quoted"],
    ["a=b", "a=b"],
    [" =1", " =1"],
    ...TRIGGERS.flatMap((t): [string, string][] => [
      [`${t}1+1`, `'${t}1+1`],
      [`'${t}1+1`, `''${t}1+1`],
      [`''${t}x`, `'''${t}x`],
      [t, `'${t}`],
      [`'${t}`, `''${t}`],
    ]),
    ['=HYPERLINK("http://x","click")', `'=HYPERLINK("http://x","click")`],
  ];
  it.each(cases)("neutralize(%j) = %j, and back", (value, written) => {
    expect(neutralize(value)).toBe(written);
    expect(unneutralize(written)).toBe(value);
  });

  it.each([
    // A cell as a person may leave it in errors.csv: a single quote before plain text is kept.
    ["'abc", "'abc"],
    ["'", "'"],
    ["abc", "abc"],
  ])("unneutralize(%j) = %j", (cell, value) => {
    expect(unneutralize(cell)).toBe(value);
  });

  it("unneutralize(neutralize(v)) === v, and neutralize(v) never starts a formula, for generated strings", () => {
    const alphabet = ["'", "'", ...TRIGGERS, "a", " ", "1", '"', "\n"];
    // A fixed linear congruential generator: the same strings on every run.
    let seed = 18;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const length = next() % 6;
      let v = "";
      for (let j = 0; j < length; j++) v += alphabet[next() % alphabet.length];
      const n = neutralize(v);
      expect(unneutralize(n)).toBe(v);
      expect(n).not.toMatch(/^[=+\-@\t\r]/);
      // Neutralizing what was neutralized, then undoing twice, is the value too.
      expect(unneutralize(unneutralize(neutralize(n)))).toBe(v);
    }
  });
});

describe("an errors.csv fed back: its header and values are the input's again", () => {
  it("restoreRow undoes the quote in column names, values and reader problems' columns", () => {
    const row: SourceRow = {
      file: "errors.csv",
      recordNo: 1,
      line: 2,
      fields: { "'+Mail": "'-12", "'=HYPERLINK(1)": "''=x", Nom: "'plain" },
      problems: [{ code: "encoding_invalid", severity: "error", message: "m", column: "'+Mail" }],
    };
    expect(restoreRow(row)).toMatchObject({
      fields: { "+Mail": "-12", "=HYPERLINK(1)": "'=x", Nom: "'plain" },
      problems: [{ column: "+Mail" }],
    });
  });

  it("fedBackTable leaves a table without our error column alone, and restores one with it", async () => {
    async function* rows(): AsyncGenerator<SourceRow> {
      yield {
        file: "f",
        recordNo: 1,
        line: 2,
        fields: { "'@Tag": "'+1", qonto_import_error: "x" },
        problems: [],
      };
    }
    const header = { file: "f", format: "csv" as const, line: 1 };
    const plain = { header: { ...header, columns: ["'@Tag"] }, rows: rows(), recordCount: () => 1 };
    expect(fedBackTable(plain)).toBe(plain);
    const table = fedBackTable({
      header: { ...header, columns: ["'@Tag", "qonto_import_error"] },
      rows: rows(),
      recordCount: () => 1,
    });
    expect(table.header.columns).toEqual(["@Tag", "qonto_import_error"]);
    for await (const row of table.rows) expect(row.fields["@Tag"]).toBe("+1");
    expect(table.recordCount()).toBe(1);
  });
});

describe("control characters in a value refuse the row", () => {
  const clientRow = (fields: Record<string, string>) => {
    const { mapping } = matchHeader(Object.keys(fields));
    return normalizeRow({ file: "c.csv", recordNo: 1, line: 2, fields, problems: [] }, mapping, {
      orgCountry: "FR",
      currency: "EUR",
    });
  };
  const base = {
    "Raison sociale": "Dupont SA",
    Email: "contact@dupont.fr",
    Ville: "Paris",
    "Code postal": "75001",
  };

  it.each([
    ["NUL in the name", "Raison sociale", "\0\0\0"],
    ["escape in the name", "Raison sociale", "Dupont\x1b[2J SA"],
    ["bell in the city", "Ville", "Par\x07is"],
    ["backspace in the city", "Ville", "Paris\b"],
    ["DEL in the zip code", "Code postal", "75001\x7f"],
    ["C1 NEL in the city", "Ville", "Paris\u0085"],
    ["C1 CSI in the name", "Raison sociale", "Dupont\u009b SA"],
    ["unit separator in the e-mail", "Email", "contact\x1f@dupont.fr"],
  ])("%s: control_characters on its column, never sent", (_, column, value) => {
    const result = clientRow({ ...base, [column]: value });
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: "control_characters", severity: "error", column }),
    );
  });

  it.each([
    ["tab", "Paris\tCentre"],
    ["line breaks of a multi-line cell", "Paris\r\nCentre"],
    ["vertical tab and form feed", "Paris\v\fCentre"],
    ["no-break space", "Paris\u00a0Centre"],
  ])("%s: whitespace, read as a space, not a problem", (_, city) => {
    const result = clientRow({ ...base, Ville: city });
    expect(result.problems.map((p) => p.code)).not.toContain("control_characters");
    expect(result.ok).toBe(true);
  });

  it("a mapping file's constant holding one is refused too", () => {
    const { mapping } = matchHeader(Object.keys(base));
    const result = normalizeRow(
      { file: "c.csv", recordNo: 1, line: 2, fields: base, problems: [] },
      mapping,
      {
        orgCountry: "FR",
        currency: "EUR",
        constants: { address: "1 rue\0" },
      },
    );
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.objectContaining({ code: "control_characters" }));
  });

  it("an invoice whose line holds one is refused, naming the record and the column", () => {
    const fields = {
      "N° facture": "F-1",
      "TVA client": "FR32123456789",
      "Date d'émission": "31/01/2024",
      "Date d'échéance": "01/03/2024",
      IBAN: "FR14 2004 1010 0505 0001 3M02 606",
      Désignation: "Conseil",
      Quantité: "1",
      "Prix unitaire HT": "100",
      "Taux de TVA": "20 %",
    };
    const lines = [fields, { ...fields, Désignation: "Conseil\x1b]52;c;eA==\x07" }];
    const { mapping } = matchInvoiceHeader(Object.keys(fields));
    const rows: SourceRow[] = lines.map((f, i) => ({
      file: "i.csv",
      recordNo: i + 1,
      line: i + 2,
      fields: f,
      problems: [],
    }));
    const [group] = groupInvoiceRows(rows, mapping);
    if (group === undefined) expect.fail("no invoice");
    const clean = normalizeInvoice({ ...group, rows: group.rows.slice(0, 1) }, mapping, {
      orgCountry: "FR",
      dateFormat: "dmy",
    });
    expect(clean.ok).toBe(true);
    const result = normalizeInvoice(group, mapping, { orgCountry: "FR", dateFormat: "dmy" });
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: "control_characters", recordNo: 2, column: "Désignation" }),
    );
  });
});

describe("the emulator refuses control characters in strings (422, invalid_format)", () => {
  it.each([
    ["/name", { kind: "company", name: "\0\0\0" }],
    ["/name", { kind: "company", name: "Acme\u009b" }],
    ["/billing_address/city", { kind: "company", name: "Acme", billing_address: { city: "Par\x1bis" } }],
  ])("%s", (pointer, body) => {
    const result = validateCreatePayload(body, { orgCountry: "FR" });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toContainEqual(expect.objectContaining({ pointer, code: "invalid_format" }));
  });

  it("keeps tab and line breaks, which a real form lets through", () => {
    expect(validateCreatePayload({ kind: "company", name: "Acme\tSA" }, { orgCountry: "FR" }).ok).toBe(true);
  });

  it("invoices: an item title with an escape", () => {
    const result = validateInvoicePayload(
      {
        client_id: "c1",
        number: "F-1",
        issue_date: "2024-01-31",
        due_date: "2024-03-01",
        currency: "EUR",
        payment_methods: { iban: "FR1420041010050500013M02606" },
        items: [
          {
            title: "Conseil\x1b[2J",
            quantity: "1",
            unit_price: { value: "100", currency: "EUR" },
            vat_rate: "0.2",
          },
        ],
      },
      { orgCountry: "FR", clientExists: () => true },
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([
        expect.objectContaining({ pointer: "/items/0/title", code: "invalid_format" }),
      ]);
  });
});
