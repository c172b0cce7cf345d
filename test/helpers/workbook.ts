import ExcelJS from "exceljs";

// Reading a written workbook back with exceljs, for the template tests.

export type Validation = {
  type: string;
  formulae: unknown[];
  allowBlank?: boolean;
  showErrorMessage?: boolean;
};

/** exceljs 4.4.0 reads a sheet's validations into a model by cell (its type declarations leave it out). */
export function validationsOf(sheet: ExcelJS.Worksheet): Record<string, Validation | undefined> {
  return (sheet as unknown as { dataValidations: { model: Record<string, Validation> } }).dataValidations
    .model;
}

export function noteText(note: ExcelJS.Cell["note"]): string {
  if (note === undefined) return "";
  if (typeof note === "string") return note;
  return (note.texts ?? []).map((t) => t.text).join("");
}

/** What a workbook holds, read back with exceljs: what a comparison of two writes of it may rely on. */
export async function describeWorkbook(path: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook.worksheets.map((sheet) => {
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
      validations: validationsOf(sheet),
    };
  });
}
