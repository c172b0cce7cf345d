import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRateLimiter, formatRateLimits, parseRateLimits } from "../src/upload/rate-limiter.js";

describe("rate limiter", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Starts an acquire and reports whether it has been admitted yet. */
  function track(promise: Promise<unknown>) {
    const state = { admitted: false };
    void promise.then(() => (state.admitted = true));
    return state;
  }

  it("admits at most the window's limit, then waits for the oldest answered request to leave the window", async () => {
    const limiter = createRateLimiter([{ limit: 5, windowMs: 1000 }], 1, () => Date.now());
    for (let i = 0; i < 5; i++) (await limiter.acquire())();
    const sixth = track(limiter.acquire());
    await vi.advanceTimersByTimeAsync(999);
    expect(sixth.admitted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(sixth.admitted).toBe(true);
  });

  it("a safety factor keeps under a share of the limit", async () => {
    const limiter = createRateLimiter([{ limit: 10, windowMs: 1000 }], 0.5, () => Date.now());
    for (let i = 0; i < 5; i++) (await limiter.acquire())();
    const sixth = track(limiter.acquire());
    await vi.advanceTimersByTimeAsync(999);
    expect(sixth.admitted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(sixth.admitted).toBe(true);
  });

  it("honours every window at once", async () => {
    const limiter = createRateLimiter(
      [
        { limit: 3, windowMs: 100 },
        { limit: 4, windowMs: 1000 },
      ],
      1,
      () => Date.now(),
    );
    for (let i = 0; i < 3; i++) (await limiter.acquire())();
    await vi.advanceTimersByTimeAsync(100);
    (await limiter.acquire())(); // the short window has room again, the long one takes its 4th
    const fifth = track(limiter.acquire());
    await vi.advanceTimersByTimeAsync(500);
    expect(fifth.admitted).toBe(false);
    await vi.advanceTimersByTimeAsync(400);
    expect(fifth.admitted).toBe(true);
  });

  it("a request in flight counts in every window however long it takes, then from its answer", async () => {
    const limiter = createRateLimiter([{ limit: 2, windowMs: 1000 }], 1, () => Date.now());
    const releaseA = await limiter.acquire(); // t = 0
    const releaseB = await limiter.acquire(); // t = 0
    const third = track(limiter.acquire());
    // The server may count a slow request at any moment until its answer: it never leaves the window unanswered.
    await vi.advanceTimersByTimeAsync(5000);
    expect(third.admitted).toBe(false);
    releaseA(); // t = 5000: A now counts until 6000
    releaseA(); // twice is harmless
    await vi.advanceTimersByTimeAsync(200);
    releaseB(); // t = 5200: B counts until 6200
    await vi.advanceTimersByTimeAsync(799);
    expect(third.admitted).toBe(false);
    await vi.advanceTimersByTimeAsync(1); // t = 6000: A leaves
    expect(third.admitted).toBe(true);
  });

  it("an answer wakes a request waiting on requests in flight at once", async () => {
    const limiter = createRateLimiter([{ limit: 1, windowMs: 0 }], 1, () => Date.now());
    const release = await limiter.acquire();
    const next = track(limiter.acquire());
    await vi.advanceTimersByTimeAsync(10_000);
    expect(next.admitted).toBe(false);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(next.admitted).toBe(true);
  });

  it("pause holds every acquire back until it ends, even with the windows empty", async () => {
    const limiter = createRateLimiter([{ limit: 1000, windowMs: 1000 }], 0.9, () => Date.now());
    await limiter.acquire();
    limiter.pause(300);
    const a = track(limiter.acquire());
    const b = track(limiter.acquire());
    await vi.advanceTimersByTimeAsync(299);
    expect([a.admitted, b.admitted]).toEqual([false, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect([a.admitted, b.admitted]).toEqual([true, true]);
    // Once over, requests go straight through again.
    const c = track(limiter.acquire());
    await vi.advanceTimersByTimeAsync(0);
    expect(c.admitted).toBe(true);
  });

  it("a pause is extended by a longer one, never cut short by a shorter one", async () => {
    const limiter = createRateLimiter([{ limit: 1000, windowMs: 1000 }], 0.9, () => Date.now());
    limiter.pause(200);
    const waiting = track(limiter.acquire());
    await vi.advanceTimersByTimeAsync(100);
    limiter.pause(50); // ends before the first pause: changes nothing
    limiter.pause(400); // ends at 500
    await vi.advanceTimersByTimeAsync(399);
    expect(waiting.admitted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(waiting.admitted).toBe(true);
  });

  it("ignores a pause of zero or less", async () => {
    const limiter = createRateLimiter([{ limit: 1000, windowMs: 1000 }], 0.9, () => Date.now());
    limiter.pause(0);
    limiter.pause(-5);
    const now = track(limiter.acquire());
    await vi.advanceTimersByTimeAsync(0);
    expect(now.admitted).toBe(true);
  });
});

describe("rate limit specs", () => {
  it("parses and formats the same form", () => {
    const parsed = parseRateLimits("1000/10s, 10000/10m,5/250ms");
    expect(parsed).toEqual({
      ok: true,
      windows: [
        { limit: 1000, windowMs: 10_000 },
        { limit: 10_000, windowMs: 600_000 },
        { limit: 5, windowMs: 250 },
      ],
    });
    if (parsed.ok) expect(formatRateLimits(parsed.windows)).toBe("1000/10s,10000/10m,5/250ms");
    expect(parseRateLimits("lots")).toMatchObject({ ok: false });
  });
});
