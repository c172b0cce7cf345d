import { existsSync, readFileSync } from "node:fs";

// Read from package.json at run time so the report and --version never disagree with the release.
// The module runs from src/ under tests and from dist/src/ once built, hence the two places.
function readPackage(): { name: string; version: string } {
  for (const rel of ["../package.json", "../../package.json"]) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(url)) {
      const pkg = JSON.parse(readFileSync(url, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "qonto-import" && pkg.version !== undefined)
        return { name: pkg.name, version: pkg.version };
    }
  }
  return { name: "qonto-import", version: "0.0.0" };
}

export const TOOL = readPackage();
