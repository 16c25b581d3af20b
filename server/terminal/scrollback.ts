/** The last `limit` characters of a stream, for replay when a browser reattaches. Pure. */
export class Scrollback {
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  push(data: string): void {
    this.chunks.push(data);
    this.size += data.length;
    while (this.size > this.limit && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
    if (this.size > this.limit) {
      this.chunks = [this.chunks[0]!.slice(this.size - this.limit)];
      this.size = this.limit;
    }
  }

  text(): string {
    return this.chunks.join('');
  }
}
