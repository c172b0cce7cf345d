/**
 * Batches whose rows are under way, handed to `write` in input order as each completes. A parked row (a create
 * without an answer, waiting to settle) holds no request slot and does not hold up the batches after it, up to a
 * bound on the batches kept waiting behind it.
 */
export class InOrder<B, R> {
  private readonly pending: { batch: B; results: Promise<R>; ready: boolean }[] = [];

  constructor(
    private readonly write: (batch: B, results: R) => Promise<void>,
    private readonly maxPending: number,
  ) {}

  /** Adds a batch, then writes every batch at the head that is complete (or past the bound). */
  async push(batch: B, results: Promise<R>): Promise<void> {
    const entry = { batch, results, ready: false };
    const ready = () => (entry.ready = true);
    void results.then(ready, ready);
    this.pending.push(entry);
    await this.writeReady(false);
  }

  /** Waits for every batch and writes it. */
  finish(): Promise<void> {
    return this.writeReady(true);
  }

  private async writeReady(all: boolean): Promise<void> {
    for (let next = this.pending[0]; next !== undefined; next = this.pending[0]) {
      if (!all && !next.ready && this.pending.length <= this.maxPending) return;
      this.pending.shift();
      await this.write(next.batch, await next.results);
    }
  }
}

/**
 * Batches planned ahead of the oldest unfinished one: a row parked for the settle delay (30 s, some 2,700 rows at
 * Qonto's rate) must not stall the run, and memory stays bounded by some 5,000 rows.
 */
export const MAX_PENDING_BATCHES = 25;
