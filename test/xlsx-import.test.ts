import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator } from "../src/emulator/index.js";
import { ROOT, runCli } from "./helpers/cli.js";

const KEY = DEFAULT_EMULATOR_CREDENTIALS.apiKeys[0]!;

describe("an XLSX import, end to end", () => {
  it.each(["exceljs", "libreoffice", "openpyxl"])(
    "%s.xlsx: title rows skipped, accents and a SIRET stored as a number intact, every row created",
    async (producer) => {
      const emulator = await startEmulator();
      try {
        const reports = await mkdtemp(join(tmpdir(), "qonto-xlsx-"));
        const result = await runCli(
          [
            "clients",
            join(ROOT, `test/fixtures/xlsx/${producer}.xlsx`),
            "--base-url",
            emulator.url,
            "--report-dir",
            reports,
          ],
          { QONTO_LOGIN: KEY.login, QONTO_SECRET_KEY: KEY.secretKey },
        );
        expect(result.stderr).toMatch(/XLSX, sheet "Clients", header on row 3/);
        expect(result.code).toBe(0);
        const clients = emulator.clients();
        expect(clients).toHaveLength(3);
        // Rows are sent concurrently: the order Qonto receives them in is not the file's.
        expect(clients.find((c) => c.name === "Société Générale")).toMatchObject({
          tax_identification_number: "12345678901234",
        });
      } finally {
        await emulator.close();
      }
    },
  );
});
