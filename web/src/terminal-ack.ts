/**
 * Batches flow-control acknowledgements: characters xterm has rendered are summed and
 * reported at most every `intervalMs`, or at once when `maxChars` have piled up, so a
 * flood of output costs a handful of messages while the server never waits long.
 */
export class AckBatcher {
  private pending = 0;
  /** Bumped by reset(): output written before a reattach is not acknowledged after it. */
  private epoch = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (chars: number) => void,
    private readonly intervalMs = 50,
    private readonly maxChars = 16 * 1024,
  ) {}

  /** xterm has rendered `chars` more characters (called from `term.write`'s callback). */
  rendered(chars: number): void {
    this.pending += chars;
    if (this.pending >= this.maxChars) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** The callback to pass to `term.write` for `chars` characters written now. */
  whenRendered(chars: number): () => void {
    const epoch = this.epoch;
    return () => {
      if (epoch === this.epoch) this.rendered(chars);
    };
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending > 0) this.send(this.pending);
    this.pending = 0;
  }

  /** The server reset its count (a reattach): what we owed no longer matters. */
  reset(): void {
    this.epoch++;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = 0;
  }

  dispose(): void {
    this.reset();
  }
}
