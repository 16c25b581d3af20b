/** The last `limit` characters of a stream, for replay when a browser reattaches. Pure. */
export class Scrollback {
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  push(data: string): void {
    this.chunks.push(data);
    this.size += data.length;
    while (this.size > this.limit) {
      const first = this.chunks[0]!;
      const excess = this.size - this.limit;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
      } else {
        this.chunks[0] = first.slice(excess);
        this.size -= excess;
      }
    }
  }

  text(): string {
    return this.chunks.join('');
  }
}
