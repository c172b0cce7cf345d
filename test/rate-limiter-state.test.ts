import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRateLimiter } from "../src/upload/rate-limiter.js";

// What the scheduler shows the progress display: read on a fake clock, and the pacing is the same as without it.
describe("the scheduler's state", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("says which window holds requests back and until when, and how full each window is", async () => {
    const limiter = createRateLimiter(
      [
        { limit: 10, windowMs: 1000 },
        { limit: 3, windowMs: 60_000 },
      ],
      1,
      () => Date.now(),
    );
    expect(limiter.state()).toEqual({
      windows: [
        { limit: 10, windowMs: 1000, used: 0 },
        { limit: 3, windowMs: 60_000, used: 0 },
      ],
    });
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(100);
      (await limiter.acquire())();
    }
    let admitted = false;
    void limiter.acquire().then(() => (admitted = true));
    await vi.advanceTimersByTimeAsync(5_000);
    // The first answer (at 100 ms) leaves the 1-minute window at 60.1 s.
    expect(limiter.state()).toEqual({
      windows: [
        { limit: 10, windowMs: 1000, used: 0 },
        { limit: 3, windowMs: 60_000, used: 3, freesAtMs: 60_100 },
      ],
      waiting: { untilMs: 60_100, windowMs: 60_000 },
    });
    await vi.advanceTimersByTimeAsync(60_100 - 5_300 - 1);
    expect(admitted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(admitted).toBe(true);
    expect(limiter.state().waiting).toBeUndefined();
    expect(limiter.state().windows[1]).toMatchObject({ used: 3 });
  });

  it("a 429's pause shows as a wait for the pause", async () => {
    const limiter = createRateLimiter([{ limit: 10, windowMs: 1000 }], 1, () => Date.now());
    limiter.pause(30_000);
    void limiter.acquire();
    await vi.advanceTimersByTimeAsync(0);
    expect(limiter.state().waiting).toEqual({ untilMs: 30_000, windowMs: "pause" });
  });
});
