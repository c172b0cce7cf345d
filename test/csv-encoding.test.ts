import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputFileError } from "../src/errors.js";
import { openCsv } from "../src/parse/csv.js";
import { guessCodePage, looksLikeMojibake, mojibakeScore } from "../src/parse/encoding.js";
import { runCli } from "./helpers/cli.js";

/** Text as a file in `encoding` holds it, read back as Windows-1252 (what detection does with non-UTF-8 bytes). */
function readAs1252(text: string, encoding: string): string {
  const bytes = iconv.encode(text, encoding);
  // The sample must fit its code page, or the test would be about "?" instead.
  expect(iconv.decode(bytes, encoding)).toBe(text);
  return iconv.decode(bytes, "windows-1252");
}

// Client-file-like text in languages Windows-1252 writes: none may be flagged.
const WESTERN: Record<string, string> = {
  French:
    "Nom;Adresse;Ville\nHélène Dupré;12 rue de l'Église;Besançon\nSociété Générale;3, place de la Défense;Puteaux\n" +
    "ÉCOLE NATIONALE SUPÉRIEURE DES MINES;60 bd Saint-Michel;Paris\nNoël Lefèvre;Château-Thierry;Crème brûlée SARL\n" +
    "L’Oréal;Françoise Côté;Œuvre d’Orient, cœur\nN° SIRET 123;été 2024;ÉTÉ;« déjà vu » €12,50\n",
  German:
    "Firma;Straße;Ort\nMüller GmbH;Königstraße 5;Düsseldorf\nBäckerei Schäfer;Größe Grüße;Köln\n" +
    "JÜRGEN HÖSS;ÖSTERREICH;Übersee\n„Zitat“ – Ärzte;Öl;Äußere\n",
  Spanish:
    "Nombre;Calle;Ciudad\nÀlex Peña;Calle Años 1º;Logroño\nJosé Martínez Ñúñez;Almacén nº 3;A Coruña\n" +
    "¿Qué tal?;¡Olé!;1ª planta\nMÉXICO;Ñandú;Cañón\n",
  Italian:
    "Ragione sociale;Città\nSocietà Benefit;Città di Castello\nPerché no srl;Forlì-Cesena\nNICOLÒ CANTÙ;Cantù\n" +
    "l’Aquila;Sant’Antonio\n",
  Portuguese:
    "Nome;Morada\nJoão Gonçalves;Avenida da Liberdade 1ºandar\nAção Social;São Paulo\n" +
    "Órgão da Conceição;AÇÃO;ÇÃO\nTrás-os-Montes;Évora\n",
  Icelandic:
    "Nafn;Staður\nÞórður Guðmundsson;Reykjavík\nÍsafjörður;Sauðárkrókur\nÞýðing ehf;Ægisíða 12\nÞÝÐING;ÖÐRU\n",
  Nordic:
    "Navn;By\nSøren Kierkegaard;Århus\nØkonomi A/S;Ærø\nÅsa Öberg;Göteborg\nMalmö;Jyväskylä\nHämeenlinna;Ääkkönen\n",
  Catalan: "Nom;Ciutat\nCol·legi Sant Josep;Lleida\nParal·lel 12;Girona\nL’Hospitalet;Pça. Catalunya\n",
  // Irish mutates an initial vowel after a lowercase letter: na hÉireann, i nÉirinn.
  Irish:
    "Ainm;Seoladh\nBanc Ceannais na hÉireann;Baile Átha Cliath\nAontas na nÉimíríochtaí Arabacha;i nÉirinn\n",
  "symbols and units":
    "Produit;Prix\nAcme™ Pro;€ 12,50\nBeta® Plus;50 m² – 3 m³\n5 µg;±2 %\nJean–Pierre;cafés…\n",
};

// The same kind of text in other code pages, read as Windows-1252: each must be flagged, and its code page guessed.
const FOREIGN: { name: string; encoding: string; text: string; word: string; line: number; guess: string }[] =
  [
    {
      name: "Greek",
      encoding: "iso-8859-7",
      text:
        "Όνομα;Διεύθυνση;Πόλη\nΛεωνίδας Παπαδόπουλος;Οδός Ερμού 12;Αθήνα\n" +
        "Αλέξανδρος Γεωργίου;Λεωφόρος Συγγρού 45;Θεσσαλονίκη\nΕΤΑΙΡΕΙΑ ΑΕ;Πλατεία Συντάγματος;Πάτρα\n",
      word: "¼íïìá",
      line: 1,
      guess: "iso-8859-7",
    },
    {
      name: "Greek without accents (as the corpus file)",
      encoding: "iso-8859-7",
      text: "id,age,name\n1,39,Λεωνιδας\n2,23,Αλεξανδρος\n3,36,Μυρων\n4,28,Ευστοργιος\n",
      word: "Ëåùíéäáò",
      line: 2,
      guess: "iso-8859-7",
    },
    {
      name: "Russian",
      encoding: "windows-1251",
      text:
        "Фамилия;Адрес;Город\nИванов Иван Иванович;ул. Ленина, д. 5;Москва\nООО Ромашка;пр. Мира 12;Санкт-Петербург\n" +
        "Петрова Анна;ул. Чехова 7;Екатеринбург\n",
      word: "Ôàìèëèÿ",
      line: 1,
      guess: "windows-1251",
    },
    {
      name: "Russian in KOI8-R",
      encoding: "koi8-r",
      text:
        "Фамилия;Адрес;Город\nИванов Иван Иванович;ул. Ленина, д. 5;Москва\nООО Ромашка;пр. Мира 12;Санкт-Петербург\n" +
        "Петрова Анна;ул. Чехова 7;Екатеринбург\n",
      word: "æÁÍÉÌÉÑ",
      line: 1,
      guess: "koi8-r",
    },
    {
      name: "Ukrainian",
      encoding: "windows-1251",
      text: "Ім'я;Місто\nШевченко Тарас;Київ\nвулиця Хрещатик 22;Львів\nІван Франко;Одеса\n",
      word: "Ì³ñòî",
      line: 1,
      guess: "windows-1251",
    },
    {
      name: "Bulgarian",
      encoding: "windows-1251",
      text: "Име;Град\nИван Петров;София\nГеорги Димитров;Пловдив\nЕТ Слънце;Варна\n",
      word: "Ãðàä",
      line: 1,
      guess: "windows-1251",
    },
    {
      name: "Polish",
      encoding: "windows-1250",
      text:
        "Nazwa;Ulica;Miasto\nMichał Kowalski;ul. Główna 5;Łódź\nSpółka z o.o. Żywiec;ul. Świętokrzyska 12;Wrocław\n" +
        "Zażółć gęślą jaźń;Plac Zbawiciela;Gdańsk\n",
      word: "G³ówna",
      line: 2,
      guess: "windows-1250",
    },
    {
      name: "Polish in ISO-8859-2",
      encoding: "iso-8859-2",
      text: "Nazwa;Miasto\nMichał Kowalski;Łódź\nul. Główna 5;Wrocław\nZażółć gęślą jaźń;Gdańsk\n",
      word: "G³ówna",
      line: 3,
      guess: "windows-1250",
    },
    {
      name: "Hebrew",
      encoding: "windows-1255",
      text: "שם;עיר\nדוד כהן;תל אביב\nמשה לוי;ירושלים\nרחוב הרצל 5;חיפה\nאברהם ישראלי;באר שבע\n",
      word: "àáéá",
      line: 2,
      guess: "windows-1255",
    },
    {
      name: "Hebrew in ISO-8859-8",
      encoding: "iso-8859-8",
      text: "שם;עיר\nדוד כהן;תל אביב\nמשה לוי;ירושלים\nרחוב הרצל 5;חיפה\n",
      word: "àáéá",
      line: 2,
      guess: "windows-1255",
    },
    {
      name: "Arabic",
      encoding: "windows-1256",
      text: "الاسم;المدينة\nمحمد أحمد;القاهرة\nشركة النور;الرياض\nشارع الملك فهد;جدة\n",
      word: "ÇáÇÓã",
      line: 1,
      guess: "windows-1256",
    },
  ];

describe("looksLikeMojibake: Western text read as Windows-1252 is never flagged", () => {
  it.each(Object.entries(WESTERN))("%s", (_, text) => {
    const read = readAs1252(text, "windows-1252");
    expect(read).toBe(text);
    expect(mojibakeScore(read).garbled).toBe(0);
    expect(looksLikeMojibake(read)).toBeUndefined();
  });

  it("one odd word in a file of accented names refuses nothing", () => {
    const text = "Nom\n" + "Hélène Dupré\nFrançoise Côté\nNoël Lefèvre\nJosé Peña\n".repeat(3) + "ÖÐÞÆ\n";
    expect(mojibakeScore(text).garbled).toBe(1);
    expect(looksLikeMojibake(text)).toBeUndefined();
  });
});

describe("looksLikeMojibake: other code pages read as Windows-1252 are flagged", () => {
  it.each(FOREIGN)("$name ($encoding): $word on line $line", ({ encoding, text, word, line }) => {
    expect(looksLikeMojibake(readAs1252(text, encoding))).toEqual({ word, line });
  });

  it("UTF-8 with one bad byte, read as Windows-1252", () => {
    const bytes = Buffer.concat([Buffer.from(WESTERN.French ?? "", "utf8"), Buffer.from([0xe9, 0x0a])]);
    expect(looksLikeMojibake(iconv.decode(bytes, "windows-1252"))).toEqual({ word: "HÃ©lÃ¨ne", line: 2 });
    expect(guessCodePage(bytes)).toEqual({ encoding: "utf-8", language: "UTF-8" });
  });

  // Limits: these read as plausible Latin text (ř → ø, ő → õ, ş → º, ğ → ð): not flagged. Their rare bytes that
  // Windows-1252 lacks (Czech ť) still give the rows holding them an encoding_invalid problem.
  it.each([
    ["Czech", "windows-1250", "Jméno;Ulice\nAntonín Dvořák;Nádražní 12\nČeněk Šťastný;Plzeň\nŘeřicha;Brno\n"],
    ["Hungarian", "windows-1250", "Név;Város\nSzabó Lőrinc;Győr\nÁrvíztűrő tükörfúrógép;Kőszeg\n"],
    ["Turkish", "windows-1254", "Ad;Şehir\nAhmet Doğan;İstanbul\nBeşiktaş Şirketi;Ankara\n"],
  ])("not flagged: %s (%s)", (_, encoding, text) => {
    expect(looksLikeMojibake(readAs1252(text, encoding))).toBeUndefined();
  });
});

describe("guessCodePage", () => {
  it.each(FOREIGN)("$name ($encoding) → $guess", ({ encoding, text, guess }) => {
    expect(guessCodePage(iconv.encode(text, encoding))?.encoding).toBe(guess);
  });
});

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "qonto-import-encoding-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const GREEK_CLIENTS =
  "Raison sociale;Email;Ville\r\nΑλέξανδρος Παπαδόπουλος;alex@example.gr;Αθήνα\r\n" +
  "Λεωνίδας Γεωργίου;leo@example.gr;Θεσσαλονίκη\r\nΜύρων Ευστοργίου;myron@example.gr;Πάτρα\r\n";

describe("openCsv: a detected Windows-1252 file that reads garbled", () => {
  it("is refused with one line naming the file, a garbled word and its line, and the --encoding to try", async () => {
    const file = join(dir, "greek.csv");
    await writeFile(file, iconv.encode(GREEK_CLIENTS, "iso-8859-7"));
    const err: unknown = await openCsv(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputFileError);
    expect((err as InputFileError).message).toBe(
      `${file}: probably not windows-1252 (text such as "ÁëÝîáíäñïò" on line 2 looks garbled): try --encoding, e.g. --encoding iso-8859-7 for Greek`,
    );
    expect((err as InputFileError).exitCode).toBe(2);
  });

  it("is read as given with --encoding, and is not judged when the encoding is given", async () => {
    const file = join(dir, "greek-given.csv");
    await writeFile(file, iconv.encode(GREEK_CLIENTS, "iso-8859-7"));
    const greek = await openCsv(file, { encoding: "iso-8859-7" });
    const first = await greek.rows.next();
    expect(first.value?.fields["Raison sociale"]).toBe("Αλέξανδρος Παπαδόπουλος");
    // Asked for Windows-1252 explicitly, the file is read so: the person said what it is.
    const western = await openCsv(file, { encoding: "windows-1252" });
    expect(western.header.encoding).toBe("windows-1252");
  });
});

describe("CLI: a Greek ISO-8859-7 file", () => {
  const message = (file: string) =>
    `qonto-import: ${file}: probably not windows-1252 (text such as "ÁëÝîáíäñïò" on line 2 looks garbled): try --encoding, e.g. --encoding iso-8859-7 for Greek\n`;

  it.each([
    ["inspect", (file: string) => ["inspect", file]],
    [
      "clients --dry-run",
      (file: string) => ["clients", file, "--dry-run", "--report-dir", join(dir, "reports")],
    ],
  ])("%s refuses it: exit 2 (an input file that cannot be read), one line on stderr", async (name, args) => {
    const file = join(dir, `greek-${name.replace(/\W+/g, "-")}.csv`);
    await writeFile(file, iconv.encode(GREEK_CLIENTS, "iso-8859-7"));
    const result = await runCli(args(file));
    expect(result.code).toBe(2);
    // The dry run warns first that it has no credentials; the refusal is the one error line, and the last.
    expect(result.stderr.endsWith(message(file))).toBe(true);
    expect(result.stderr.match(/^qonto-import: /gm)).toHaveLength(1);
    expect(result.stdout).toBe("");
  });

  it("inspect --encoding iso-8859-7 reads it right", async () => {
    const file = join(dir, "greek-inspect-given.csv");
    await writeFile(file, iconv.encode(GREEK_CLIENTS, "iso-8859-7"));
    const result = await runCli(["inspect", file, "--encoding", "iso-8859-7", "--json"]);
    expect(result.code).toBe(0);
    const inspected = JSON.parse(result.stdout) as {
      header: { encoding: string; delimiter: string };
      rows: { payload: { name?: string } | null }[];
    };
    expect(inspected.header).toMatchObject({ encoding: "iso-8859-7", delimiter: ";" });
    expect(inspected.rows.map((r) => r.payload?.name)).toEqual([
      "Αλέξανδρος Παπαδόπουλος",
      "Λεωνίδας Γεωργίου",
      "Μύρων Ευστοργίου",
    ]);
  });
});

describe("openCsv: UTF-8 read byte-wise, as a decoder would read it", () => {
  // csv-parse gets a UTF-8 file's bytes as read and decodes each value: a character split by the 64 KiB read
  // chunks must stay whole, and a bad byte must read as U+FFFD exactly where TextDecoder (WHATWG) puts it.
  const BAD = [
    Buffer.from([0xc3]), // a lead byte, its continuation missing
    Buffer.from([0xa9]), // a continuation byte alone
    Buffer.from([0xe2, 0x82]), // a 3-byte sequence cut short
    Buffer.from([0xf0, 0x9f, 0x98]), // a 4-byte sequence cut short
    Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate
    Buffer.from([0xff, 0xfe]),
  ];
  it("reads every value of a 200 KiB file as TextDecoder reads the whole file", async () => {
    const parts: Buffer[] = [Buffer.from("\uFEFFnom;ville;note\n")];
    const size = () => parts.reduce((n, p) => n + p.length, 0);
    // An ASCII row that ends `at` bytes before a chunk boundary, then a row starting with `text`.
    const astride = (boundary: number, at: number, text: string) => {
      parts.push(Buffer.from(`pad;pad;${"x".repeat(boundary - at - size() - 9)}\n`));
      parts.push(Buffer.from(`${text};Besançon;€\n`));
    };
    astride(64 * 1024, 2, "😀 emoji"); // a 4-byte character cut in its middle
    astride(128 * 1024, 1, "é accent"); // a 2-byte character cut after its first byte
    for (let i = 0; size() < 200 * 1024; i++) {
      // Varying widths put multi-byte characters astride every chunk boundary sooner or later.
      const name = `${"é".repeat(i % 7)}Zoë ${"😀".repeat(i % 3)}${i}`;
      const bad = i % 50 === 0 ? (BAD[(i / 50) % BAD.length] as Buffer) : Buffer.alloc(0);
      parts.push(Buffer.from(`${name};Besançon ${"x".repeat(i % 5)};`), bad, Buffer.from(`€${i}\n`));
    }
    const bytes = Buffer.concat(parts);
    const file = join(dir, "utf8-bytewise.csv");
    await writeFile(file, bytes);
    const expected = new TextDecoder("utf-8")
      .decode(bytes)
      .replace(/^\uFEFF/, "")
      .split("\n")
      .slice(1, -1)
      .map((line) => line.split(";"));
    const table = await openCsv(file);
    expect(table.header.encoding).toBe("utf-8");
    const read: string[][] = [];
    const flagged: number[] = [];
    for await (const row of table.rows) {
      read.push([row.fields.nom ?? "", row.fields.ville ?? "", row.fields.note ?? ""]);
      if (row.problems.some((p) => p.code === "encoding_invalid")) flagged.push(row.recordNo);
    }
    expect(read).toEqual(expected);
    expect(flagged).toEqual(expected.flatMap((cells, i) => (cells.join().includes("\uFFFD") ? [i + 1] : [])));
    expect(flagged.length).toBeGreaterThan(30);
  });
});

describe("openCsv: BOMs as the decoder read them", () => {
  it("a UTF-8 file with its BOM written twice reads its quoted header as one BOM would", async () => {
    const file = join(dir, "two-boms.csv");
    const body = Buffer.from('"Nom";"Email"\n"Zoë";"z@x.fr"\n');
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), body]));
    const table = await openCsv(file);
    expect(table.header.columns).toEqual(["Nom", "Email"]);
    const rows = [];
    for await (const row of table.rows) rows.push(row.fields);
    expect(rows).toEqual([{ Nom: "Zoë", Email: "z@x.fr" }]);
  });
  it("UTF-8 forced on a UTF-16 file reads it as UTF-8, not as UTF-16 under the name UTF-8", async () => {
    const file = join(dir, "utf16-forced-utf8.csv");
    await writeFile(file, iconv.encode("Nom;Email\nZoë;z@x.fr\n", "utf-16le", { addBOM: true }));
    const table = await openCsv(file, { encoding: "utf-8", delimiter: ";" });
    expect(table.header.encoding).toBe("utf-8");
    // The BOM's bytes are no UTF-8: U+FFFD, and every other byte a NUL, as the user asked for.
    expect(table.header.columns[0]).toBe("\uFFFD\uFFFDN\u0000o\u0000m\u0000");
    const first = await table.rows.next();
    expect(first.done === true ? [] : first.value.problems.map((p) => p.code)).toEqual(["encoding_invalid"]);
  });
});
