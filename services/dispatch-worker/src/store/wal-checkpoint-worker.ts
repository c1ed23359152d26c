/**
 * Worker thread of {@link WalCheckpointer}: opens its own connection to the database and every
 * `intervalMs` runs PASSIVE WAL checkpoints until it has caught up with the writer, so the page
 * copying and the fsync of the database file happen off the service's event loop. PASSIVE never
 * blocks the writer nor waits for it.
 * Posts a {@link CheckpointMessage} after each checkpoint, or an error message and stops.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CheckpointMessage, CheckpointWorkerData } from './wal-checkpointer.js';

if (parentPort === null) throw new Error('wal-checkpoint-worker must run in a worker thread');
const port: MessagePort = parentPort;
// Background work: on Linux this lowers this thread only, so the writer's event loop gets a core first.
try {
  setPriority(10);
} catch {
  // keep the default priority
}
const { path, intervalMs } = workerData as CheckpointWorkerData;
const post = (message: CheckpointMessage): void => port.postMessage(message);

let db: Database.Database | undefined;
let timer: NodeJS.Timeout | undefined;

function stop(): void {
  if (timer !== undefined) clearInterval(timer);
  timer = undefined;
  db?.close();
  db = undefined;
  port.close();
}

/** Most PASSIVE passes per round (each one copies what the writer appended during the previous). */
const MAX_PASSES = 8;

/**
 * One round: PASSIVE passes until one finds no frame appended since the previous pass, so the
 * whole WAL is copied and the writer's next transaction can start the WAL over.
 */
function checkpoint(): void {
  if (db === undefined) return;
  const started = performance.now();
  try {
    let last: { log: number; checkpointed: number } | undefined;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      if (row === undefined || row.busy !== 0) break;
      const settled = last !== undefined && row.log <= last.log;
      last = row;
      if (settled || row.log === 0) break;
    }
    post({ kind: 'checkpoint', walFrames: last?.log ?? 0, checkpointedFrames: last?.checkpointed ?? 0, ms: performance.now() - started });
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    stop();
  }
}

try {
  db = new Database(path, { fileMustExist: true });
  timer = setInterval(checkpoint, intervalMs);
  port.on('message', (message: unknown) => {
    if (message === 'stop') stop();
  });
} catch (error) {
  post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  stop();
}
