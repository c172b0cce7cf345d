import { describe, expect, it } from "vitest";
import { finishedInOrder } from "../src/execute/ahead.js";

// The control flow of a big file's run on worker threads (src/clients/run.ts): batches started ahead, planned in
// file order, and what a failure anywhere does to the batches after it.

/** A source of 1..n that throws after `failAfter` items, and says whether it was closed. */
function source(n: number, failAfter?: number) {
  const log = { closed: false, read: 0 };
  async function* items(): AsyncGenerator<number> {
    try {
      for (let i = 1; i <= n; i++) {
        if (failAfter !== undefined && i > failAfter) throw new Error(`read error after ${failAfter}`);
        log.read = i;
        yield i;
      }
    } finally {
      log.closed = true;
    }
  }
  return { items: items(), log };
}

async function collect<R>(gen: AsyncGenerator<R>): Promise<{ got: R[]; error?: string }> {
  const got: R[] = [];
  try {
    for await (const r of gen) got.push(r);
  } catch (err) {
    return { got, error: (err as Error).message };
  }
  return { got };
}

describe("finishedInOrder", () => {
  it("finishes in source order, whatever order the started work ends in, at most depth ahead", async () => {
    const { items } = source(6);
    let started = 0;
    let maxAhead = 0;
    let finished = 0;
    const out = await collect(
      finishedInOrder(
        items,
        (i) => {
          started += 1;
          maxAhead = Math.max(maxAhead, started - finished);
          // Later items end first.
          return new Promise<number>((resolve) => setTimeout(() => resolve(i * 10), 12 - 2 * i));
        },
        async (i, work) => {
          finished += 1;
          return `${i}:${await work}`;
        },
        () => 2,
      ),
    );
    expect(out).toEqual({ got: ["1:10", "2:20", "3:30", "4:40", "5:50", "6:60"] });
    expect(maxAhead).toBe(3);
  });

  it("after a read error, finishes the items read before it, then throws it", async () => {
    const { items, log } = source(10, 4);
    const out = await collect(
      finishedInOrder(
        items,
        (i) => i,
        async (i) => i,
        () => 3,
      ),
    );
    expect(out).toEqual({ got: [1, 2, 3, 4], error: "read error after 4" });
    expect(log.closed).toBe(true);
  });

  it("when an item's work fails, throws at once: no later item is finished, and the source is closed", async () => {
    const { items, log } = source(10);
    const finishedItems: number[] = [];
    const out = await collect(
      finishedInOrder(
        items,
        (i) => (i === 2 ? Promise.reject(new Error("worker failed on 2")) : Promise.resolve(i)),
        async (i, work) => {
          const value = await work;
          finishedItems.push(i);
          return value;
        },
        () => 3,
      ),
    );
    expect(out).toEqual({ got: [1], error: "worker failed on 2" });
    // Items 3 to 5 were read and started ahead, never finished.
    expect(finishedItems).toEqual([1]);
    expect(log.read).toBeLessThan(10);
    expect(log.closed).toBe(true);
  });

  it("a start that throws stops the run there, the source closed", async () => {
    const { items, log } = source(10);
    const out = await collect(
      finishedInOrder(
        items,
        (i) => {
          if (i === 3) throw new Error("cannot start 3");
          return i;
        },
        async (i) => i,
        () => 0,
      ),
    );
    expect(out).toEqual({ got: [1, 2], error: "cannot start 3" });
    expect(log.closed).toBe(true);
  });

  it("closes the source when the consumer stops early", async () => {
    const { items, log } = source(100);
    const gen = finishedInOrder(
      items,
      (i) => i,
      async (i) => i,
      () => 4,
    );
    for await (const i of gen) if (i === 2) break;
    expect(log.closed).toBe(true);
    expect(log.read).toBeLessThan(100);
  });
});
