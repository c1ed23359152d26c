#!/usr/bin/env node
/**
 * mint-token: prints a bearer token for the dispatch service on stdout, and nothing else, so
 * `TOKEN=$(node dist/cli/mint-token.js --role rider --rider r7)` works. Usage in
 * `auth/mint-token-args.ts`. Exit status: 0 minted, 2 bad command line (the message names the
 * flag), 1 anything else. The secret is never printed, and error text is scrubbed of credentials.
 */
import { AuthInputError } from '../auth/auth-input-error.js';
import { MintTokenArgError } from '../auth/mint-token-arg-error.js';
import { MINT_TOKEN_USAGE, parseMintTokenArgs } from '../auth/mint-token-args.js';
import { redactAuth } from '../auth/redact-auth.js';
import { TokenIssuer } from '../auth/token-issuer.js';

async function main(argv: readonly string[]): Promise<void> {
  const args = parseMintTokenArgs(argv);
  if (args.help || !('claims' in args)) {
    process.stdout.write(`${MINT_TOKEN_USAGE}\n`);
    return;
  }
  const issuer = new TokenIssuer({ secret: args.secret, issuer: args.issuer, audience: args.audience });
  const token = await issuer.mint(args.claims, args.ttlSec);
  process.stdout.write(`${token}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof MintTokenArgError || error instanceof AuthInputError) {
    // An AuthInputError here is about --issuer or --audience: name the flag.
    const message = error instanceof AuthInputError && error.message.startsWith(error.field) ? `--${error.message}` : error.message;
    process.stderr.write(`mint-token: ${redactAuth(message)}\n\n${MINT_TOKEN_USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`mint-token: ${redactAuth(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 1;
  }
});
