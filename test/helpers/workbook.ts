import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import JSZip from "jszip";

// Reading a written workbook back with exceljs, for the template tests.

/** A sheet's data validation as its XML writes it: the range it covers (sqref) and its list. */
export type Validation = {
  sqref: string;
  type: string;
  formulae: string[];
  allowBlank: boolean;
  showErrorMessage: boolean;
  errorStyle: string | undefined;
};

const ENTITIES: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'" };
function unescapeXml(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|\w+);/gi, (whole, name: string) =>
    name.startsWith("#")
      ? String.fromCodePoint(Number(name[1] === "x" ? `0${name.slice(1)}` : name.slice(1)))
      : (ENTITIES[name] ?? whole),
  );
}

function parseValidations(xml: string): Validation[] {
  return [...xml.matchAll(/<dataValidation\b([^>]*?)(?:\/>|>([\s\S]*?)<\/dataValidation>)/g)].map((m) => {
    const attrs = Object.fromEntries(
      [...(m[1] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1]!, unescapeXml(a[2]!)]),
    );
    return {
      sqref: attrs.sqref ?? "",
      type: attrs.type ?? "any",
      formulae: [...(m[2] ?? "").matchAll(/<formula\d>([\s\S]*?)<\/formula\d>/g)].map((f) =>
        unescapeXml(f[1]!),
      ),
      allowBlank: attrs.allowBlank === "1",
      showErrorMessage: attrs.showErrorMessage === "1",
      errorStyle: attrs.errorStyle,
    };
  });
}

/**
 * A workbook read with exceljs, and each sheet's data validations read from its XML (in sheet order). The
 * validations are taken out of what exceljs loads: it expands a range into one entry per cell, a million for a
 * validation that covers a whole column.
 */
export async function readWorkbook(
  path: string,
): Promise<{ workbook: ExcelJS.Workbook; validations: Validation[][] }> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const sheets = Object.keys(zip.files)
    .filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
  const validations: Validation[][] = [];
  for (const name of sheets) {
    const xml = await zip.file(name)!.async("string");
    validations.push(parseValidations(xml));
    zip.file(name, xml.replace(/<dataValidations\b[\s\S]*?<\/dataValidations>/, ""));
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await zip.generateAsync({ type: "arraybuffer" }));
  return { workbook, validations };
}

export function noteText(note: ExcelJS.Cell["note"]): string {
  if (note === undefined) return "";
  if (typeof note === "string") return note;
  return (note.texts ?? []).map((t) => t.text).join("");
}

/** What a workbook holds, read back with exceljs: what a comparison of two writes of it may rely on. */
export async function describeWorkbook(path: string) {
  const { workbook, validations } = await readWorkbook(path);
  return workbook.worksheets.map((sheet, i) => {
    const cells: unknown[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell) =>
        cells.push([cell.address, cell.value, noteText(cell.note), cell.font?.bold ?? false, cell.numFmt]),
      ),
    );
    return {
      name: sheet.name,
      state: sheet.state,
      views: sheet.views,
      columns: (sheet.columns ?? []).map((c) => [c.letter, c.width, c.numFmt]),
      cells,
      validations: validations[i],
    };
  });
}
