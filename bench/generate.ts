import { createWriteStream } from "node:fs";

/** Writes a realistic clients CSV of n rows (5% invalid, 5% repeats) without holding it in memory. */
export async function writeClientsCsv(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve()));
  await write(
    "Type;Raison sociale;Prénom;Nom;Email;Téléphone;N° TVA;Adresse;Code postal;Ville;Province;Pays\n",
  );
  for (let i = 0; i < n; i++) {
    const j = i % 20 === 19 ? i - 7 : i; // every 20th row repeats an earlier one
    if (i % 20 === 9) await write(`Société;Invalide ${i};;;bad@;;;;;;;France\n`);
    else if (j % 3 === 0)
      await write(
        `Particulier;;Prénom${j};Nom${j};p${j}@example.fr;06 12 34 ${String(j % 100).padStart(2, "0")} 78;;${j} av. Foch;69001;Lyon;;France\n`,
      );
    else if (j % 3 === 1)
      await write(
        `Società;Azienda ${j} S.r.l.;;;a${j}@example.it;02 7200 1234;IT${String(10_000_000_000 + j).slice(1)};Via Torino ${j};20123;Milano;MI;Italia\n`,
      );
    else
      await write(
        `Société;Entreprise ${j} SAS;;;c${j}@example.fr;01 42 68 53 00;FR${String(10 + (j % 89))}${String(100_000_000 + j)};${j} rue de la Paix;75011;Paris;;France\n`,
      );
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}
