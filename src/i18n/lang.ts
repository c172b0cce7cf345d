// The languages a person may read the tool's reports and messages in. Problem codes, option names and JSON keys stay
// English: scripts read those; people read the rest.

export const LANGS = ["en", "fr", "it", "es", "de"] as const;
export type Lang = (typeof LANGS)[number];

const isLang = (text: string): text is Lang => (LANGS as readonly string[]).includes(text);

/** "fr", "FR", "fr_FR.UTF-8", "de-CH" → the language; anything else → undefined. */
export function parseLang(text: string | undefined): Lang | undefined {
  const code = text
    ?.trim()
    .toLowerCase()
    .split(/[-_.@]/)[0];
  return code !== undefined && isLang(code) ? code : undefined;
}

/** The language the environment asks for, as POSIX says: LC_ALL, then LC_MESSAGES, then LANG; English otherwise. */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  for (const name of ["LC_ALL", "LC_MESSAGES", "LANG"]) {
    const value = env[name];
    // The first one set decides, even to a language we lack ("C", "ja_JP"): that falls back to English.
    if (value !== undefined && value !== "") return parseLang(value) ?? "en";
  }
  return "en";
}
