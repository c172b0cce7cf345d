import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { InputFileError } from "../src/errors.js";
import { detectEncoding, readHead } from "../src/parse/csv.js";
import { sniffDelimiter } from "../src/parse/delimiter.js";
import { looksLikeMojibake, mojibakeScore } from "../src/parse/encoding.js";
import { openTable, type OpenOptions } from "../src/parse/open.js";
import type { SourceRow } from "../src/parse/source-row.js";
import { ROOT } from "./helpers/cli.js";

// Files written by other programs (see ../shared/realworld-corpus/SOURCES.md), read in place, never copied here.
const CORPUS = resolve(ROOT, "../shared/realworld-corpus/files");
const corpus = existsSync(CORPUS) ? describe : describe.skip;
if (!existsSync(CORPUS))
  console.warn(`skipping the real-world corpus tests of csv-realworld: ${CORPUS} is absent`);

/** The head of a file decoded as openCsv decodes it when no --encoding is given. */
async function decodedHead(file: string): Promise<{ encoding: string; sample: string }> {
  const bytes = await readHead(file);
  const encoding = detectEncoding(bytes);
  return { encoding, sample: iconv.decode(bytes, encoding) };
}

describe("sniffDelimiter: the table's body outvotes the lines above it", () => {
  it.each([
    {
      name: "a title with commas above a ';' table (no known column names)",
      sample:
        "\n\nStatistik der Ärzte, Jahre, Region, Geschlecht, Teilnahmestatus\n****\nDie Tabelle bezieht sich auf:\n" +
        'Region:;Deutschland\n""\n;"1985";"1993";"2000"\n"Chirurgie";1;2;3\n"Innere Medizin";4;5;6\n"Kinderheilkunde";7;8;9\n',
      expected: ";",
    },
    {
      name: "a title with commas above a ';' client table (known names)",
      sample: "Clients, export du 12/03, agence de Lyon\nRaison sociale;Email;Ville\nAcme;a@acme.fr;Lyon\n",
      expected: ";",
    },
    {
      name: "a title with ';' above a ',' table",
      sample: "Rapport; export du 12/03; agence de Lyon\nref,qty,total\nA1,3,12\nA2,4,16\nA3,5,20\n",
      expected: ",",
    },
    {
      name: "several title lines of two commas each above a small ';' table",
      sample: "a,b,c\nd,e,f\ng,h,i\nj,k,l\ncode;label;value;unit\n1;x;2;kg\n2;y;3;kg\n3;z;4;kg\n",
      expected: ";",
    },
    {
      name: "a ';' table whose rows each hold one decimal comma",
      sample:
        "ref;amount;date\n" + Array.from({ length: 30 }, (_, i) => `A${i};${i},50;2024-01-01\n`).join(""),
      expected: ";",
    },
    {
      name: "tab",
      sample: "hour\texpr1\texpr2\n0\t3,5\t1.2\n1\t4,5\t1.3\n2\t5\t1.4\n",
      expected: "\t",
    },
    { name: "pipe", sample: "Year|New|Other\r\n2001|3,1|2\r\n2002|3,2|2\r\n", expected: "|" },
    { name: "a single column", sample: "Company\nAcme\nBeta\nGamma\n", expected: "," },
    {
      name: "a single column whose values hold commas falls back to ','",
      sample: "Company\nDupont, Martin\nDurand, Paul\n",
      expected: ",",
    },
    {
      name: "';' inside quoted values of a ',' table",
      sample: 'ref,tags,total\n1,"a;b;c;d;e",3\n2,"f;g;h;i;j",4\n3,"k;l;m;n;o",5\n',
      expected: ",",
    },
    {
      name: "',' inside quoted values of a ';' table",
      sample: 'ref;address;city\n1;"12, rue de la Paix, Bât. B";Paris\n2;"3, quai Est, 2e";Lyon\n',
      expected: ";",
    },
    {
      name: "a quoted line break inside a value",
      sample: 'ref;note;city\n1;"line one,\nline two, three";Paris\n2;"a,\nb,c,d";Lyon\n',
      expected: ";",
    },
    {
      name: 'a quote inside an unquoted value (12") opens nothing',
      sample: 'ref;item;qty\n1;12" screen, black;2\n2;15" screen, white;1\n3;cable;4\n',
      expected: ";",
    },
    {
      name: "a head cut part-way through its last record",
      sample: "ref;name;city;zip\n1;a;b;75001\n2;c;d;69001\n3;e,f,g,h,i,j,k",
      expected: ";",
    },
    {
      name: "a header alone: the first line holding a delimiter",
      sample: "Liste des clients\nref;label;city\n",
      expected: ";",
    },
    {
      name: "two lines that disagree: the header decides",
      sample: "a|b|c\r\n1,2,3,4,5\r\n",
      expected: "|",
    },
  ])("$name", ({ sample, expected }) => {
    expect(sniffDelimiter(sample)).toBe(expected);
  });
});

// What a person opening each file sees. The header row each file gets is src/map/header.ts's business.
const CORPUS_DELIMITERS: Record<string, string> = {
  "csvkit--Datagov_FY10_EDU_recp_by_State.csv": ",",
  "csvkit--ks_1033_data.csv": ",",
  "csvkit--mac_newlines.csv": ",",
  "csvkit--test_utf16_big.csv": ",",
  "frictionless--accent.csv": ";",
  "frictionless--bom.csv": ",",
  "frictionless--doublequote.csv": ",",
  "frictionless--encoding-issue-274.csv": ",",
  "frictionless--issue-1138.csv": ";",
  "frictionless--issue-1232.csv": ";",
  "frictionless--issue-277.csv": ",",
  "frictionless--issue-305.csv": ",",
  "frictionless--issue-811.csv": ";",
  "frictionless--skip-rows-before-headers.csv": ",",
  "frictionless--table-infer-iso-8859-7.csv": ",",
  "frictionless--table-with-accents.csv": ";",
  "frictionless--vix.csv": ";",
  "messytables--begrotingsanalyse-2011.csv": ",",
  "messytables--example.tsv": "\t",
  "messytables--excel_pasting.csv": ",",
  "messytables--mixedGLB.csv": ",",
  "messytables--simple.psv": "|",
  "messytables--spanish_chars.csv": ",",
  "messytables--sparse_with_column_errors.csv": ",",
  "messytables--utf-16le_encoded.csv": ",",
  "messytables--weird_head_padding.csv": ";",
  "spectrum--newlines_crlf.csv": ",",
  "spectrum--quotes_and_newlines.csv": ",",
};

corpus("real-world CSV files: delimiter", () => {
  it("every CSV, TSV and PSV of the corpus has an expected delimiter here", () => {
    const files = readdirSync(CORPUS).filter((f) => /\.(csv|tsv|psv)$/i.test(f));
    expect(files.sort()).toEqual(Object.keys(CORPUS_DELIMITERS).sort());
  });

  it.each(Object.entries(CORPUS_DELIMITERS))("%s: %j", async (name, expected) => {
    const { sample } = await decodedHead(resolve(CORPUS, name));
    expect(sniffDelimiter(sample)).toBe(expected);
  });
});

async function readAll(name: string, options: OpenOptions = {}) {
  const table = await openTable(resolve(CORPUS, name), options);
  const rows: SourceRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return { header: table.header, rows };
}

/** Each row's values in column order with its physical line: what is read, whatever the columns are named. */
const valuesAt = (rows: SourceRow[]) => rows.map((r) => [r.line, ...Object.values(r.fields)]);

corpus("real-world CSV files: encoding", () => {
  it("frictionless--table-infer-iso-8859-7.csv (Greek) is refused, naming a garbled word and the code page", async () => {
    const file = resolve(CORPUS, "frictionless--table-infer-iso-8859-7.csv");
    const err: unknown = await openTable(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputFileError);
    expect((err as InputFileError).message).toBe(
      `${file}: probably not windows-1252 (text such as "Ëåùíéäáò" on line 2 looks garbled): try --encoding, e.g. --encoding iso-8859-7 for Greek`,
    );
  });

  it("frictionless--table-infer-iso-8859-7.csv with --encoding iso-8859-7 reads the Greek names", async () => {
    const { header, rows } = await readAll("frictionless--table-infer-iso-8859-7.csv", {
      encoding: "iso-8859-7",
    });
    expect(header).toMatchObject({ encoding: "iso-8859-7", delimiter: "," });
    expect(rows.map((r) => Object.values(r.fields)[2])).toEqual([
      "Λεωνιδας",
      "Αλεξανδρος",
      "Μυρων",
      "Ευστοργιος",
    ]);
  });

  // The Windows-1252 files of the corpus (Italian, French, Spanish, German): not one garbled word in the whole
  // file, not only in the head detection reads, and each is read.
  it.each([
    "frictionless--issue-811.csv",
    "frictionless--table-with-accents.csv",
    "messytables--spanish_chars.csv",
    "messytables--sparse_with_column_errors.csv",
  ])("%s: Windows-1252, never taken for garbled", async (name) => {
    const bytes = await readFile(resolve(CORPUS, name));
    expect(detectEncoding(bytes.subarray(0, 64 * 1024))).toBe("windows-1252");
    const text = iconv.decode(bytes, "windows-1252");
    expect(mojibakeScore(text).words).toBeGreaterThan(50);
    expect(mojibakeScore(text).garbled).toBe(0);
    expect(looksLikeMojibake(text)).toBeUndefined();
    const { header, rows } = await readAll(name);
    expect(header.encoding).toBe("windows-1252");
    expect(rows.length).toBeGreaterThan(100);
  });

  it("frictionless--issue-811.csv keeps Š and ž (0x8a, 0x9e), which Latin-1 lacks", async () => {
    const { rows } = await readAll("frictionless--issue-811.csv");
    const values = rows.flatMap((r) => Object.values(r.fields)).join("\n");
    expect(values).toMatch(/Š/);
    expect(values).toMatch(/ž/);
  });

  it("UTF-16LE with BOM: messytables--utf-16le_encoded.csv", async () => {
    const { header, rows } = await readAll("messytables--utf-16le_encoded.csv");
    expect(header).toMatchObject({ encoding: "utf-16le", delimiter: ",", line: 1 });
    expect(header.columns[0]).toBe("Organisation_code");
    expect(rows).toHaveLength(327);
    expect(valuesAt(rows)[0]?.slice(0, 3)).toEqual([2, "5C1", "Enfield PCT"]);
    expect(valuesAt(rows).at(-1)?.slice(0, 3)).toEqual([
      328,
      "NYA04",
      "St Andrews Healthcare - Nottinghamshire",
    ]);
  });

  it("UTF-16BE with BOM: csvkit--test_utf16_big.csv", async () => {
    const { header, rows } = await readAll("csvkit--test_utf16_big.csv");
    expect(header).toMatchObject({ encoding: "utf-16be", delimiter: ",", columns: ["a", "b", "c"] });
    expect(valuesAt(rows)).toEqual([
      [2, "1", "2", "3"],
      [3, "4", "5", "ʤ"],
    ]);
  });

  it("UTF-8 with BOM: frictionless--bom.csv", async () => {
    const { header, rows } = await readAll("frictionless--bom.csv");
    expect(header).toMatchObject({ encoding: "utf-8", delimiter: ",", columns: ["id", "name"] });
    expect(valuesAt(rows)).toEqual([
      [2, "1", "english"],
      [3, "2", "中国人"],
    ]);
  });

  it("CR-only line endings with a quoted CR: csvkit--mac_newlines.csv", async () => {
    const { header, rows } = await readAll("csvkit--mac_newlines.csv");
    expect(header).toMatchObject({ encoding: "utf-8", delimiter: ",", columns: ["a", "b", "c"] });
    expect(valuesAt(rows)).toEqual([
      [2, "1", "2", "3"],
      [3, "Once upon\ra time", "5", "6"],
    ]);
  });

  it("CR-only line endings: messytables--mixedGLB.csv counts its 137 lines", async () => {
    const { header, rows } = await readAll("messytables--mixedGLB.csv");
    expect(header).toMatchObject({ encoding: "utf-8", delimiter: "," });
    const values = valuesAt(rows);
    expect(values.find((v) => v[1] === "1880")?.[0]).toBe(5);
    expect(values.at(-1)?.slice(0, 2)).toEqual([137, "2012"]);
  });
});
