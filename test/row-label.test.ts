// Issue 20: an invalid row is named in the report by the cells its mapped name, VAT and e-mail columns hold, so a
// search for its VAT number finds it; never by a kind word or whatever cells come first.
import { describe, expect, it } from "vitest";
import { KeyIndex } from "../src/dedupe/index.js";
import { createPlanner } from "../src/dedupe/plan.js";
import { matchHeader, type ExplicitColumns } from "../src/map/header.js";
import type { SourceRow } from "../src/parse/source-row.js";
import type { QontoClient } from "../src/upload/client.js";
import { normalizeRow } from "../src/validate/normalize.js";

/** The label the report shows for a row, through the same stages a run takes: header mapping, normalization, plan. */
function labelOf(fields: Record<string, string>, explicit?: ExplicitColumns) {
  const { mapping } = matchHeader(Object.keys(fields), explicit);
  const row: SourceRow = { file: "clients.csv", recordNo: 1, line: 2, fields, problems: [] };
  const normalized = normalizeRow(row, mapping, { orgCountry: "FR", currency: "EUR" });
  const planned = createPlanner(new KeyIndex<QontoClient>(), "skip").plan(row, normalized);
  return { action: planned.plan.action, label: planned.label };
}

describe("the label of an invalid row", () => {
  it.each<{
    name: string;
    fields: Record<string, string>;
    label: { name: string; vat: string; email: string };
  }>([
    {
      name: "a kind word and person-name columns: the names, not the kind",
      fields: { Type: "Particulier", Prénom: "Sophie", Nom: "Martin", Email: "sophie@@exemple.fr" },
      label: { name: "Sophie Martin", vat: "", email: "sophie@@exemple.fr" },
    },
    {
      name: "VAT and e-mail columns on a refused company: its VAT number and e-mail, raw and trimmed",
      fields: {
        Ville: "Lyon",
        "Raison sociale": "  Dupont   SARL ",
        "N° TVA": " FR 00 000000000 ",
        Email: " compta@dupont.fr",
        Pays: "Atlantide",
      },
      label: { name: "Dupont SARL", vat: "FR 00 000000000", email: "compta@dupont.fr" },
    },
    {
      name: "a person's full name in one column",
      fields: { Kind: "individual", "Full name": "Jean Dupont", Country: "Nowhere" },
      label: { name: "Jean Dupont", vat: "", email: "" },
    },
    {
      name: "no name, VAT or e-mail: nothing guessed from other cells",
      fields: { Type: "Particulier", Ville: "Lyon", Nom: "" },
      label: { name: "", vat: "", email: "" },
    },
  ])("$name", ({ fields, label }) => {
    expect(labelOf(fields)).toEqual({ action: "invalid", label });
  });

  it("a column a mapping file names is used, not a column of the same kind the header would guess", () => {
    const fields = {
      Contact: "Ignored Person",
      Société: "Bureau Müller",
      Identifiant: "DE999999999",
      Mail: "kontakt@mueller.de",
      Country: "Atlantis",
    };
    expect(
      labelOf(fields, {
        columns: { Société: "name", Identifiant: "vat_number", Mail: "email" },
        ignore: ["Contact"],
      }),
    ).toEqual({
      action: "invalid",
      label: { name: "Bureau Müller", vat: "DE999999999", email: "kontakt@mueller.de" },
    });
  });

  it("a valid row keeps its normalized values", () => {
    expect(
      labelOf({ Name: "ACME SAS", "VAT number": "fr 47 402032452", Email: "compta@acme.fr", Country: "FR" }),
    ).toEqual({
      action: "create",
      label: { name: "ACME SAS", vat: "FR47402032452", email: "compta@acme.fr" },
    });
  });
});
