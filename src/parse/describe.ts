// How a table was read, in a few words, for the console and the report.
import type { TableHeader } from "./source-row.js";

export function describeFormat(header: TableHeader): string {
  if (header.format === "xlsx") return `XLSX, sheet "${header.sheet ?? ""}", header on row ${header.line}`;
  const delimiter = header.delimiter === "\t" ? "tab" : `"${header.delimiter ?? ","}"`;
  return `CSV, ${header.encoding ?? "utf-8"}, delimiter ${delimiter}`;
}
