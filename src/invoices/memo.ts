// Results of a pure function of one cell, remembered: an invoice file repeats the same prices, rates and dates on
// thousands of lines, and reading a cell costs several regular expressions.

/**
 * `fn`, remembering its results for up to `limit` distinct arguments (then it starts over, so a file of all
 * different cells holds no more than that). The results are shared between callers: they must not change them.
 */
export function memoizeCell<R>(fn: (cell: string) => R, limit = 10_000): (cell: string) => R {
  const cache = new Map<string, R>();
  return (cell) => {
    const known = cache.get(cell);
    if (known !== undefined) return known;
    const result = fn(cell);
    if (cache.size >= limit) cache.clear();
    cache.set(cell, result);
    return result;
  };
}
