import { describe, expect, it } from "vitest";
import { langFromEnv, parseLang } from "../src/i18n/lang.js";
import { resolveImportOptions } from "../src/options/import.js";

describe("the language a person reads in", () => {
  it.each([
    ["fr", "fr"],
    ["FR", "fr"],
    ["fr_FR.UTF-8", "fr"],
    ["de-CH", "de"],
    ["it_IT@euro", "it"],
    [" es ", "es"],
    ["en_GB.UTF-8", "en"],
    ["ja_JP.UTF-8", undefined],
    ["C", undefined],
    ["french", undefined],
    ["", undefined],
  ])("parseLang(%j) → %j", (text, lang) => {
    expect(parseLang(text)).toBe(lang);
  });

  it.each([
    [{ LANG: "fr_FR.UTF-8" }, "fr"],
    [{ LC_ALL: "it_IT.UTF-8", LANG: "fr_FR.UTF-8" }, "it"],
    [{ LC_MESSAGES: "es_ES.UTF-8", LANG: "de_DE.UTF-8" }, "es"],
    // The first variable set decides, even when it names a language we lack: English then, not LANG's.
    [{ LC_ALL: "C.UTF-8", LANG: "de_DE.UTF-8" }, "en"],
    [{ LC_ALL: "", LANG: "de_DE.UTF-8" }, "de"],
    [{}, "en"],
  ])("langFromEnv(%j) → %s", (env, lang) => {
    expect(langFromEnv(env)).toBe(lang);
  });

  const base = { file: "clients.csv", dryRun: true };
  it("--lang wins over the environment, and an unknown one is a usage error", () => {
    expect(resolveImportOptions({ ...base, lang: "de" }, { LANG: "fr_FR.UTF-8" }).options?.lang).toBe("de");
    expect(resolveImportOptions(base, { LANG: "fr_FR.UTF-8" }).options?.lang).toBe("fr");
    const bad = resolveImportOptions({ ...base, lang: "klingon" }, {});
    expect(bad.options).toBeUndefined();
    expect(bad.errors).toContain('--lang must be one of en, fr, it, es, de (got "klingon")');
  });
});
