/** A bad mint-token command line: the CLI prints the message and the usage and exits with status 2. */
export class MintTokenArgError extends Error {
  readonly code = 'MINT_TOKEN_ARGS';
  /** The flag at fault, e.g. `--ttl` (absent for stray positional arguments). */
  readonly flag: string | undefined;

  constructor(message: string, flag?: string) {
    super(message);
    this.name = 'MintTokenArgError';
    this.flag = flag;
  }
}
