/**
 * Remembers a pure function's results for the values a column repeats (countries, kinds, locales): a million
 * rows hold a handful of distinct ones. Bounded, so a column of unique values costs a cleared map, not memory.
 */
export function memoize<T>(fn: (value: string) => T, max = 4096): (value: string) => T {
  const seen = new Map<string, T>();
  return (value) => {
    if (seen.has(value)) return seen.get(value) as T;
    const result = fn(value);
    if (seen.size >= max) seen.clear();
    seen.set(value, result);
    return result;
  };
}
