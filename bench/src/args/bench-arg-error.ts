/** A bad command line: the CLI prints the message and the usage, and exits with status 2. */
export class BenchArgError extends Error {
  readonly code = 'BENCH_ARGS';
  constructor(message: string) {
    super(message);
    this.name = 'BenchArgError';
  }
}
