import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUTH_SECRET_ENV, MintTokenArgError, TokenVerifier, parseMintTokenArgs } from '@o2o/dispatch-worker';
import { SECRET } from './auth-fixtures.js';

const ENV = { [AUTH_SECRET_ENV]: SECRET };

/** `parseMintTokenArgs` must throw a MintTokenArgError naming `flag`. */
function assertArgError(argv: string[], flag: string | undefined, message: RegExp, env: NodeJS.ProcessEnv = ENV): void {
  assert.throws(() => parseMintTokenArgs(argv, env), (error: unknown) => {
    assert.ok(error instanceof MintTokenArgError, String(error));
    assert.equal(error.flag, flag);
    assert.match(error.message, message);
    assert.ok(!error.message.includes(SECRET));
    return true;
  });
}

describe('parseMintTokenArgs', () => {
  it('reads a merchant with several stores, a ttl and a subject', () => {
    const args = parseMintTokenArgs(['--role', 'merchant', '--store', 's1', '--store=s2', '--ttl', '2h', '--sub', 'acme'], ENV);
    assert.ok('claims' in args);
    assert.deepEqual(args.claims, { role: 'merchant', stores: ['s1', 's2'], sub: 'acme' });
    assert.equal(args.ttlSec, 7_200);
    assert.equal(args.issuer, 'o2o-dispatch');
    assert.equal(args.secret.source, `env ${AUTH_SECRET_ENV}`);
  });

  it('returns only help for --help', () => {
    assert.deepEqual(parseMintTokenArgs(['--help'], {}), { help: true });
  });

  const cases: [string, string[], string | undefined, RegExp][] = [
    ['no role', [], '--role', /^--role is required/],
    ['an unknown role', ['--role', 'root'], '--role', /^--role must be one of admin, merchant, rider, got "root"$/],
    ['a merchant without stores', ['--role', 'merchant'], '--store', /^--store is required with --role merchant/],
    ['a rider without an id', ['--role', 'rider'], '--rider', /^--rider is required with --role rider$/],
    ['stores on a rider', ['--role', 'rider', '--rider', 'r1', '--store', 's1'], '--store', /^--store only applies to --role merchant/],
    ['a rider id on an admin', ['--role', 'admin', '--rider', 'r1'], '--rider', /^--rider only applies to --role rider/],
    ['a repeated store', ['--role', 'merchant', '--store', 's1', '--store', 's1'], '--store', /^--store must not repeat a store, got "s1"$/],
    ['an empty rider id', ['--role', 'rider', '--rider', ''], '--rider', /^--rider must be a non-empty string/],
    ['a bad ttl', ['--role', 'admin', '--ttl', 'forever'], '--ttl', /^--ttl must be a positive duration .*got "forever"$/],
    ['a ttl above 30 days', ['--role', 'admin', '--ttl', '31d'], '--ttl', /^--ttl must be at most 30d/],
    ['an unknown flag', ['--role', 'admin', '--roles', 'x'], '--roles', /Unknown option '--roles'/],
    ['a flag without its value', ['--role'], '--role', /--role/],
    ['a positional argument', ['--role', 'admin', 'extra'], undefined, /^unexpected argument "extra"/],
    ['both secret sources', ['--role', 'admin', '--secret-env', 'X', '--secret-file', '/tmp/x'], '--secret-env', /mutually exclusive/],
    ['a bad variable name', ['--role', 'admin', '--secret-env', 'A=B'], '--secret-env', /must name an environment variable/],
    ['an empty issuer', ['--role', 'admin', '--issuer', ' '], '--issuer', /^--issuer must not be empty$/],
  ];
  for (const [what, argv, flag, message] of cases) {
    it(`refuses ${what}, naming ${flag ?? 'the argument'}`, () => assertArgError(argv, flag, message));
  }

  it('refuses a missing or weak secret, naming the flag and never the value', () => {
    assertArgError(['--role', 'admin'], '--secret-env', /^--secret-env: env O2O_AUTH_SECRET must hold the signing secret/, {});
    assertArgError(['--role', 'admin', '--secret-env', 'MY_SECRET'], '--secret-env', /^--secret-env: env MY_SECRET must be at least 32 bytes/, { MY_SECRET: 'short-but-secret' });
    assertArgError(['--role', 'admin', '--secret-file', '/nonexistent/secret'], '--secret-file', /^--secret-file: file "\/nonexistent\/secret" must be a readable file/);
  });
});

/** The CLI: from source through tsx when the tests run from source, else the built file. */
const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = resolve(here, '..', '..');
const fromSource = import.meta.url.endsWith('.ts');
const cliCommand = fromSource
  ? [process.execPath, '--import', 'tsx', '--conditions=o2o-source', join(packageRoot, 'src', 'cli', 'mint-token.ts')]
  : [process.execPath, join(packageRoot, 'dist', 'cli', 'mint-token.js')];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(argv: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const [command, ...prefix] = cliCommand as [string, ...string[]];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, [...prefix, ...argv], { cwd: packageRoot, env: { PATH: process.env['PATH'], ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

function assertNoSecret(run: Run, secret: string): void {
  assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), 'the CLI printed the secret');
}

describe('mint-token CLI', function () {
  this.timeout(60_000);
  const verifier = new TokenVerifier({ secret: SECRET });

  it('prints only a token that verifies, with the secret from the environment', async () => {
    const runs = await Promise.all([
      runCli(['--role', 'admin'], ENV),
      runCli(['--role', 'merchant', '--store', 's1', '--store', 's2', '--ttl', '1h'], ENV),
      runCli(['--role', 'rider', '--rider', 'r7', '--secret-env', 'DISPATCH_SECRET'], { DISPATCH_SECRET: SECRET }),
    ]);
    const principals = [];
    for (const run of runs) {
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '');
      assert.match(run.stdout, /^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      assertNoSecret(run, SECRET);
      principals.push(await verifier.verify(run.stdout.trim()));
    }
    assert.deepEqual(principals.map((p) => [p.role, p.sub]), [['admin', 'admin'], ['merchant', 'merchant:s1+s2'], ['rider', 'rider:r7']]);
    const merchant = principals[1];
    assert.ok(merchant?.role === 'merchant');
    assert.deepEqual(merchant.storeIds, ['s1', 's2']);
    assert.ok(Math.abs(merchant.expiresAt - (Date.now() / 1000 + 3_600)) < 60);
  });

  it('reads the secret from --secret-file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mint-token-'));
    try {
      writeFileSync(join(dir, 'secret'), `${SECRET}\n`);
      const run = await runCli(['--role', 'rider', '--rider', 'r1', '--secret-file', join(dir, 'secret')], {});
      assert.equal(run.status, 0, run.stderr);
      assertNoSecret(run, SECRET);
      assert.equal((await verifier.verify(run.stdout.trim())).role, 'rider');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 on bad arguments, naming the flag on stderr and printing nothing on stdout', async () => {
    const weak = 'weak-but-secret';
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['--role', 'root'], ENV, /^mint-token: --role must be one of admin, merchant, rider, got "root"\n/],
      [['--role', 'merchant'], ENV, /^mint-token: --store is required with --role merchant/],
      [['--role', 'admin', '--ttl', 'soon'], ENV, /^mint-token: --ttl must be a positive duration/],
      [['--role', 'admin', '--bogus'], ENV, /^mint-token: Unknown option '--bogus'/],
      [['--role', 'admin'], { [AUTH_SECRET_ENV]: weak }, /^mint-token: --secret-env: env O2O_AUTH_SECRET must be at least 32 bytes/],
      [['--role', 'admin'], {}, /^mint-token: --secret-env: env O2O_AUTH_SECRET must hold the signing secret/],
      [['--role', 'admin', '--audience', 'a'.repeat(200)], ENV, /^mint-token: --audience must be a non-empty string of at most 128 characters/],
    ];
    const runs = await Promise.all(cases.map(([argv, env]) => runCli(argv, env)));
    runs.forEach((run, i) => {
      const [argv, , stderr] = cases[i] as (typeof cases)[number];
      assert.equal(run.status, 2, `${argv.join(' ')}: ${run.stderr}`);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, stderr);
      assert.match(run.stderr, /usage: mint-token/);
      assertNoSecret(run, SECRET);
      assertNoSecret(run, weak);
    });
  });

  it('prints the usage on stdout for --help and exits 0', async () => {
    const run = await runCli(['--help'], {});
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^usage: mint-token --role admin\|merchant\|rider/);
  });
});
