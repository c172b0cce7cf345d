/**
 * Writes waiting to be carried out: the late-commit fault's pending work, on timers.
 *
 * When the emulator closes, the pending writes are carried out at once rather than dropped. That is the harsher
 * choice for an importer, and the one a real server makes when it drains its work on a graceful shutdown. A write
 * whose connection dropped still lands, so an import that looked it up too early and sent it again now has a
 * duplicate. Dropping the writes would make that look-up right by luck. Only a crash (kill -9) loses them.
 */
export class PendingWrites {
  private readonly pending = new Map<number, { timer: NodeJS.Timeout; run: () => void }>();
  private nextId = 0;
  private closed = false;

  schedule(delayMs: number, run: () => void): void {
    // After close() there is no later: carry it out now, as close() did for the others.
    if (this.closed) return run();
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.pending.delete(id);
      run();
    }, delayMs);
    // A forgotten emulator's pending write must not keep a process alive; the server itself does while it listens.
    timer.unref();
    this.pending.set(id, { timer, run });
  }

  /** Carries out every pending write now, in the order they were scheduled; later ones run at once. */
  close(): void {
    this.closed = true;
    for (const [id, { timer, run }] of this.pending) {
      clearTimeout(timer);
      this.pending.delete(id);
      run();
    }
  }

  get size(): number {
    return this.pending.size;
  }
}
