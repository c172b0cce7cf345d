import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { InspectResult } from "../src/clients/inspect.js";
import { ROOT, runCli } from "./helpers/cli.js";

describe("qonto-import inspect", () => {
  it("shows format, header, mapping and the first rows as payloads, for the sample", async () => {
    const result = await runCli(["inspect", join(ROOT, "samples/clients.csv"), "--json", "--rows", "9"], {
      QONTO_LOGIN: "x",
      QONTO_SECRET_KEY: "y",
    });
    expect(result.code).toBe(0);
    const inspected = JSON.parse(result.stdout) as InspectResult;
    expect(inspected.format).toBe('CSV, utf-8, delimiter ";"');
    expect(inspected.header.line).toBe(1);
    expect(inspected.columns).toContainEqual({ column: "Raison sociale", field: "name", ignored: false });
    expect(inspected.columns).toContainEqual({ column: "N° TVA", field: "vat_number", ignored: false });
    expect(inspected.missing).toEqual([]);
    expect(inspected.rows).toHaveLength(9);
    expect(inspected.rows[0]).toMatchObject({
      recordNo: 1,
      line: 2,
      payload: { kind: "company", vat_number: "FR47402032452" },
    });
    // Record 8 has an unknown Italian province: no payload, and the reason.
    expect(inspected.rows[7]).toMatchObject({
      payload: null,
      problems: [{ code: "province_invalid", column: "Province" }],
    });
  });

  it("prints a readable summary: title rows skipped, columns not imported named", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-inspect-"));
    const file = join(dir, "export.csv");
    await writeFile(
      file,
      "Export du 12/03/2026\n\nNom de l'entreprise,E-mail,Commercial\nACME,a@acme.fr,Paul\n",
    );
    const result = await runCli(["inspect", file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Format:  CSV, utf-8, delimiter ","');
    expect(result.stdout).toContain("Header:  line 3");
    expect(result.stdout).toMatch(/Commercial\s+\(not imported: no matching field\)/);
    expect(result.stdout).toMatch(
      /record 1 \(line 4\): \{"kind":"company","name":"ACME","email":"a@acme.fr"/,
    );
  });

  it.each([
    ["test/fixtures/xlsx-layout/openpyxl.xlsx", ["--sheet", "Offset"], "Header:  row 4, table from column C"],
    ["test/fixtures/xlsx-layout/gnumeric.xlsx", ["--sheet", "Merged"], "Header:  row 3"],
  ])("says where the table starts when it is not in the first column: %s %j", async (file, args, line) => {
    const result = await runCli(["inspect", join(ROOT, file), ...args]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")).toContain(line);
    expect(result.stdout).toMatch(/record 1 \(row \d\): \{"kind":"company","name":"ACME SARL"/);
  });

  it("says what is missing when no client can be built", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-inspect-"));
    const file = join(dir, "phones.csv");
    await writeFile(file, "Email;Téléphone\na@acme.fr;0102030405\n");
    const result = await runCli(["inspect", file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Missing: no column for the client's name/);
  });
});

describe("two columns for one field", () => {
  it("the second is named as feeding the same field as the first, by inspect and by an import", async () => {
    const dir = await mkdtemp(join(tmpdir(), "qonto-inspect-"));
    const file = join(dir, "two-mails.csv");
    await writeFile(file, "Raison sociale;Email;E-mail\nACME;a@acme.fr;b@acme.fr\n");
    const inspected = await runCli(["inspect", file]);
    expect(inspected.stdout).toMatch(/E-mail\s+\(not imported: same field as "Email"\)/);
    const run = await runCli(["clients", file, "--dry-run", "--report-dir", dir]);
    expect(run.stderr).toContain(
      'Column "E-mail" not imported: the email field is already fed by column "Email"',
    );
  });
});
