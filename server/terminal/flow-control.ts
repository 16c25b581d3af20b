/**
 * Output flow control for one terminal: stop reading the pty while the client is more
 * than `high` characters behind, resume once it has caught up to `low`, so `yes` or
 * `cat` of a large file cannot fill the server's memory or freeze the page. Pure.
 */
export class FlowControl {
  private unacked = 0;
  private paused = false;

  constructor(
    private readonly pause: () => void,
    private readonly resume: () => void,
    private readonly high = 512 * 1024,
    private readonly low = 64 * 1024,
  ) {}

  sent(chars: number): void {
    this.unacked += chars;
    if (!this.paused && this.unacked > this.high) {
      this.paused = true;
      this.pause();
    }
  }

  /** The client reports it has rendered `chars` more characters. */
  acked(chars: number): void {
    this.unacked = Math.max(0, this.unacked - chars);
    if (this.paused && this.unacked <= this.low) {
      this.paused = false;
      this.resume();
    }
  }

  /** A client (re)attached: it starts from the replayed scrollback, owing nothing. */
  reset(): void {
    this.acked(Number.MAX_SAFE_INTEGER);
  }

  get isPaused(): boolean {
    return this.paused;
  }
}
