/**
 * The crash test of the acceptance: "0 acknowledged orders lost or duplicated across 20 kill -9
 * cycles". Each cycle a child process (fixtures/crash-writer) opens the store, retries the
 * requests whose answer it may have missed, creates orders in a tight burst and prints each
 * acknowledged one; the parent SIGKILLs it after a random short delay, reopens the store and checks
 * every acknowledged order is there, with the acknowledged id, exactly once.
 *
 * Children are spawned ahead (they load their modules, then wait for a go line before opening the
 * store), so module loading overlaps the previous cycle and only one child ever touches the data.
 */
import { mulberry32 } from '@o2o/geo';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { SqliteOrderStore, fingerprintRequest } from '@o2o/dispatch-worker';
import { crashCreateInput } from './fixtures/crash-orders.js';

const CYCLES = 20;
/** Kill delay after the child's first acknowledgement, ms: [0, MAX_DELAY_MS). */
const MAX_DELAY_MS = 60;
/** Children loading ahead of the running one. */
const LOOKAHEAD = 2;
/** The writer keeps this many creates in flight (see fixtures/crash-writer.ts). */
const WRITER_IN_FLIGHT = 64;

// Run the TypeScript fixture through tsx when the tests run from source, the compiled one otherwise.
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const WRITER = fileURLToPath(new URL(`./fixtures/crash-writer${EXT}`, import.meta.url));
const WRITER_EXEC_ARGV = EXT === '.ts' ? ['--import=tsx', '--conditions=o2o-source'] : [];


interface Ack {
  readonly key: string;
  readonly orderId: string;
  readonly replayed: boolean;
}

/** One writer child and what it printed. */
class WriterChild {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly acks: Ack[] = [];
  readonly loaded: Promise<void>;
  readonly ready: Promise<void>;
  /** Resolves at the first `ack` line (the burst is under way). */
  readonly firstAck: Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr = '';

  constructor(dataDir: string, cycle: number) {
    this.proc = spawn(process.execPath, [...WRITER_EXEC_ARGV, WRITER, dataDir, String(cycle)], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    const lines = createInterface({ input: this.proc.stdout });
    let onLoaded: () => void = () => {};
    let onReady: () => void = () => {};
    let onAck: () => void = () => {};
    this.loaded = new Promise((resolve) => (onLoaded = resolve));
    this.ready = new Promise((resolve) => (onReady = resolve));
    this.firstAck = new Promise((resolve) => (onAck = resolve));
    lines.on('line', (line) => {
      if (line === 'loaded') onLoaded();
      else if (line === 'ready') onReady();
      else if (line.startsWith('ack ')) {
        const [, key, orderId, replayed] = line.split(' ');
        this.acks.push({ key: key as string, orderId: orderId as string, replayed: replayed === '1' });
        onAck();
      }
    });
    // 'close' fires after stdout and stderr ended, so every printed line has been read.
    this.exited = new Promise((resolve) => this.proc.once('close', (code, signal) => resolve({ code, signal })));
    const failEarly = this.exited.then(({ code, signal }) => {
      throw new Error(`writer ${cycle} exited early (code ${code}, signal ${signal}): ${this.stderr}`);
    });
    this.loaded = Promise.race([this.loaded, failEarly]);
    this.ready = Promise.race([this.ready, failEarly]);
    this.firstAck = Promise.race([this.firstAck, failEarly]);
    failEarly.catch(() => {});
  }

  go(retry: readonly string[]): void {
    this.proc.stdin.end(`${JSON.stringify(retry)}\n`);
  }
}

describe('SqliteOrderStore crash test (kill -9)', function () {
  this.timeout(90_000);

  it(`loses and duplicates no acknowledged order across ${CYCLES} kill -9 cycles`, async () => {
    const seed = Date.now() >>> 0;
    const random = mulberry32(seed);
    const where = `(seed ${seed})`;
    const dataDir = mkdtempSync(join(tmpdir(), 'o2o-crash-'));
    const children: WriterChild[] = [];
    const spawnAhead = (upTo: number) => {
      while (children.length < Math.min(upTo, CYCLES)) children.push(new WriterChild(dataDir, children.length));
    };
    /** The first acknowledged order id of every key. */
    const acked = new Map<string, string>();
    /** Keys whose answer may have been lost in a kill: retried by the next child. */
    let retry: string[] = [];
    let replayChecks = 0;

    try {
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        spawnAhead(cycle + 1 + LOOKAHEAD);
        const child = children[cycle] as WriterChild;
        await child.loaded;
        child.go(retry);
        await child.ready;
        await child.firstAck;
        await new Promise((resolve) => setTimeout(resolve, random() * MAX_DELAY_MS));
        child.proc.kill('SIGKILL');
        const { signal } = await child.exited;
        assert.equal(signal, 'SIGKILL', `writer ${cycle} was killed mid-burst, not done ${where}: ${child.stderr}`);

        // Every replayed answer names the id of the first answer.
        for (const ack of child.acks) {
          const first = acked.get(ack.key);
          if (first === undefined) acked.set(ack.key, ack.orderId);
          else {
            replayChecks += 1;
            assert.equal(ack.orderId, first, `key ${ack.key} answered ${first}, then ${ack.orderId} after a restart ${where}`);
            assert.ok(ack.replayed, `key ${ack.key} was created twice ${where}`);
          }
        }

        // Restart: reopen the store (WAL recovery) and check what it holds.
        const store = SqliteOrderStore.open({ dataDir });
        try {
          for (const ack of child.acks) {
            assert.equal((await store.getOrder(ack.orderId))?.id, ack.orderId, `acknowledged order ${ack.orderId} (${ack.key}) lost ${where}`);
          }
          checkExactlyOnce(store.path, acked, where);
        } finally {
          await store.close();
        }

        // Retry what the client cannot know the answer of: unacknowledged keys this child may have
        // sent (it sends in key order with at most WRITER_IN_FLIGHT outstanding), earlier unanswered
        // retries, and a few answered keys, whose replay must return the same id.
        let maxAcked = -1;
        for (const ack of child.acks) {
          const m = /^c(\d+)-(\d+)$/.exec(ack.key);
          if (m !== null && Number(m[1]) === cycle) maxAcked = Math.max(maxAcked, Number(m[2]));
        }
        const maybeSent = Array.from({ length: maxAcked + 1 + 2 * WRITER_IN_FLIGHT }, (_, i) => `c${cycle}-${i}`);
        const sample = child.acks.filter((_, i) => i % 97 === 0).slice(0, 16).map((a) => a.key);
        retry = [...new Set([...retry, ...maybeSent].filter((k) => !acked.has(k))), ...sample];
      }

      // Last client pass: the remaining unanswered keys, retried through the public API.
      const store = SqliteOrderStore.open({ dataDir });
      try {
        const results = await Promise.all(retry.map((key) => store.createOrder(crashCreateInput(key, `final-${key}`, fingerprintRequest))));
        retry.forEach((key, i) => {
          const result = results[i];
          const first = acked.get(key);
          if (first !== undefined) assert.deepEqual([result?.orderId, result?.replayed], [first, true], `replay of ${key} ${where}`);
          else acked.set(key, result?.orderId as string);
        });
        checkExactlyOnce(store.path, acked, where);
      } finally {
        await store.close();
      }
      assert.ok(replayChecks > 0, 'replays after a crash were checked');
    } finally {
      for (const child of children) if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
      await Promise.all(children.map((c) => c.exited));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/**
 * Reads the database directly: every acknowledged key maps to its acknowledged order, which exists,
 * and every stored order belongs to exactly one key (each create in this test has one).
 */
function checkExactlyOnce(path: string, acked: ReadonlyMap<string, string>, where: string): void {
  const db = new Database(path, { readonly: true });
  try {
    const keys = new Map(db.prepare<[], { key: string; order_id: string }>('SELECT key, order_id FROM idempotency_keys').all().map((r) => [r.key, r.order_id]));
    const orders = db.prepare<[], { id: string }>('SELECT id FROM orders').all().map((r) => r.id);
    for (const [key, orderId] of acked) assert.equal(keys.get(key), orderId, `acknowledged ${key} → ${orderId} not stored as such ${where}`);
    const owners = new Map<string, number>();
    for (const orderId of keys.values()) owners.set(orderId, (owners.get(orderId) ?? 0) + 1);
    assert.equal(orders.length, keys.size, `as many orders as requests ${where}`);
    for (const id of orders) assert.equal(owners.get(id), 1, `order ${id} belongs to exactly one request ${where}`);
  } finally {
    db.close();
  }
}
