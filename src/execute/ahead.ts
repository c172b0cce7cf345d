/**
 * Items of `source`, each started as soon as it is read and finished in source order: while `finish` waits for
 * the oldest item's work (on a worker thread), the next items are read and started, at most `depth()` of them
 * ahead. Pure control flow, so that the failure rules below are tested apart from any thread:
 * - a read error ends the source: the items read before it are still finished and yielded, then it is thrown;
 * - any other error (a start, or a finish, that fails) is thrown at once: no later item is finished, so nothing
 *   read after a failed item is planned or sent, as on one thread;
 * - stopping early (the consumer returns) closes the source.
 */
export async function* finishedInOrder<T, S, R>(
  source: AsyncIterable<T>,
  start: (item: T) => S,
  finish: (item: T, started: S) => Promise<R>,
  depth: () => number,
): AsyncGenerator<R> {
  const iterator = source[Symbol.asyncIterator]();
  const ahead: { item: T; started: S }[] = [];
  const finishOldest = () => {
    const oldest = ahead.shift();
    if (oldest === undefined) throw new Error("finishedInOrder: nothing to finish");
    return finish(oldest.item, oldest.started);
  };
  let done = false;
  try {
    for (;;) {
      let next: IteratorResult<T>;
      try {
        next = await iterator.next();
      } catch (error) {
        done = true;
        while (ahead.length > 0) yield await finishOldest();
        throw error;
      }
      if (next.done === true) {
        done = true;
        break;
      }
      ahead.push({ item: next.value, started: start(next.value) });
      while (ahead.length > depth()) yield await finishOldest();
    }
    while (ahead.length > 0) yield await finishOldest();
  } finally {
    // A consumer that stops, or an error of ours, leaves the source unfinished: it is closed (its file too).
    if (!done) await iterator.return?.();
  }
}
