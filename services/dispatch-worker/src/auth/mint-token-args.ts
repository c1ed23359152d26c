/**
 * The `mint-token` command line:
 * `mint-token --role admin|merchant|rider [--store ID ...] [--rider ID] [--sub NAME] [--ttl 12h]
 *  [--secret-env NAME | --secret-file PATH] [--issuer ISS] [--audience AUD]`.
 * Every error names the flag at fault, never the secret.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEFAULT_MAX_TTL_SEC } from './auth-config.js';
import { AuthInputError } from './auth-input-error.js';
import { AUTH_SECRET_ENV, AuthSecret } from './auth-secret.js';
import { MintTokenArgError } from './mint-token-arg-error.js';
import { ROLES, isRole } from './principal.js';
import { findClaimIssue, type TokenClaims } from './token-claims.js';
import { DEFAULT_TOKEN_TTL } from './token-issuer.js';
import { parseTtl } from './ttl.js';

export const MINT_TOKEN_USAGE = `usage: mint-token --role admin|merchant|rider [options]

Prints a signed bearer token (HS256 JWT) on stdout, and nothing else.

  --role ROLE          admin, merchant or rider (required)
  --store ID           a store the merchant acts for; repeat for several (required with --role merchant)
  --rider ID           the rider the token acts as (required with --role rider)
  --sub NAME           token subject, for logs (default: admin, merchant:<stores>, rider:<id>)
  --ttl DURATION       lifetime: 90, 90s, 15m, 12h, 7d (default ${String(DEFAULT_TOKEN_TTL)}, at most 30d)
  --secret-env NAME    read the signing secret from this environment variable (default ${AUTH_SECRET_ENV})
  --secret-file PATH   read the signing secret from this file instead (one trailing newline ignored)
  --issuer ISS         token issuer (default ${DEFAULT_ISSUER})
  --audience AUD       token audience (default ${DEFAULT_AUDIENCE})
  --help               print this help

The secret must be at least 32 bytes, e.g. export ${AUTH_SECRET_ENV}="$(openssl rand -base64 48)".`;

/** A parsed command line: what to mint and with which settings. */
export interface MintTokenArgs {
  readonly help: boolean;
  readonly claims: TokenClaims;
  readonly ttlSec: number;
  readonly secret: AuthSecret;
  readonly issuer: string;
  readonly audience: string;
}

const FLAGS = {
  role: { type: 'string' },
  store: { type: 'string', multiple: true },
  rider: { type: 'string' },
  sub: { type: 'string' },
  ttl: { type: 'string' },
  'secret-env': { type: 'string' },
  'secret-file': { type: 'string' },
  issuer: { type: 'string' },
  audience: { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** Claim field (as {@link findClaimIssue} names it) → the flag that sets it. */
function flagOfClaim(field: string): string {
  if (field.startsWith('stores')) return '--store';
  return `--${field}`;
}

function claimsFrom(values: { role?: string; store?: string[]; rider?: string; sub?: string }): TokenClaims {
  const { role, store, rider, sub } = values;
  if (role === undefined) throw new MintTokenArgError(`--role is required (one of ${ROLES.join(', ')})`, '--role');
  if (!isRole(role)) throw new MintTokenArgError(`--role must be one of ${ROLES.join(', ')}, got ${JSON.stringify(role)}`, '--role');
  if (role !== 'merchant' && store !== undefined) throw new MintTokenArgError(`--store only applies to --role merchant, not --role ${role}`, '--store');
  if (role !== 'rider' && rider !== undefined) throw new MintTokenArgError(`--rider only applies to --role rider, not --role ${role}`, '--rider');
  if (role === 'merchant' && store === undefined) throw new MintTokenArgError('--store is required with --role merchant (repeat it for several stores)', '--store');
  if (role === 'rider' && rider === undefined) throw new MintTokenArgError('--rider is required with --role rider', '--rider');
  const subject = sub === undefined ? {} : { sub };
  const claims: TokenClaims =
    role === 'merchant' ? { role, stores: store ?? [], ...subject } : role === 'rider' ? { role, rider: rider ?? '', ...subject } : { role, ...subject };
  const issue = findClaimIssue({ ...claims, sub: sub ?? 'default' });
  if (issue !== undefined) {
    const flag = flagOfClaim(issue.field);
    throw new MintTokenArgError(`${flag} ${issue.rule.replace(/ for role \w+$/, '')}, got ${JSON.stringify(issue.value)}`, flag);
  }
  return claims;
}

function secretFrom(secretEnv: string | undefined, secretFile: string | undefined, env: NodeJS.ProcessEnv): AuthSecret {
  if (secretEnv !== undefined && secretFile !== undefined) {
    throw new MintTokenArgError('--secret-env and --secret-file are mutually exclusive: give one', '--secret-env');
  }
  const flag = secretFile !== undefined ? '--secret-file' : '--secret-env';
  if (secretEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(secretEnv)) {
    throw new MintTokenArgError(`--secret-env must name an environment variable, got ${JSON.stringify(secretEnv)}`, flag);
  }
  try {
    return secretFile !== undefined ? AuthSecret.fromFile(secretFile) : AuthSecret.fromEnv(secretEnv ?? AUTH_SECRET_ENV, env);
  } catch (error) {
    // AuthInputError messages about secrets name the source and the length, never the value.
    if (error instanceof AuthInputError) throw new MintTokenArgError(`${flag}: ${error.message}`, flag);
    throw error;
  }
}

function nameFlag(flag: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (value.trim() === '') throw new MintTokenArgError(`${flag} must not be empty`, flag);
  return value;
}

/**
 * Parses `argv` (without `node` and the script); reads the secret from `env` or the file.
 * With `--help`, nothing else is checked and `claims`/`secret` must not be used.
 * @throws {MintTokenArgError} naming the flag at fault.
 */
export function parseMintTokenArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): MintTokenArgs | { readonly help: true } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: true });
  } catch (error) {
    const message = (error as Error).message;
    throw new MintTokenArgError(message, /'(--[a-z-]+)/.exec(message)?.[1]);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { help: true };
  if (positionals.length > 0) throw new MintTokenArgError(`unexpected argument ${JSON.stringify(positionals[0])}: every option is a --flag`);
  const claims = claimsFrom(values);
  let ttlSec: number;
  try {
    ttlSec = parseTtl(values.ttl ?? DEFAULT_TOKEN_TTL, DEFAULT_MAX_TTL_SEC, '--ttl');
  } catch (error) {
    if (error instanceof AuthInputError) throw new MintTokenArgError(error.message, '--ttl');
    throw error;
  }
  return {
    help: false,
    claims,
    ttlSec,
    issuer: nameFlag('--issuer', values.issuer, DEFAULT_ISSUER),
    audience: nameFlag('--audience', values.audience, DEFAULT_AUDIENCE),
    secret: secretFrom(values['secret-env'], values['secret-file'], env),
  };
}
