/** Broken infrastructure: a cluster could not be created, started or reached.
 * `fix` tells the operator (or learner, for a bad manifest edit) what to do. */
export class ClusterError extends Error {
  override readonly name = 'ClusterError';
  constructor(
    message: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  override toString(): string {
    return `${this.message}\n  fix: ${this.fix}`;
  }
}
