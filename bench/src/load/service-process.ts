/**
 * Runs the dispatch service as a child process for the load bench:
 * `node <main.js> --host 127.0.0.1 --port 0 --data-dir <dir> --demo --log-level warn`, with the
 * signing secret in `O2O_AUTH_SECRET`. Ready once it prints `o2o-dispatch listening on <url>`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The line the service prints on stdout once it accepts connections. */
const LISTENING_LINE = /o2o-dispatch listening on (http:\/\/\S+)/;
/** Characters of the child's stderr kept for error messages. */
const STDERR_TAIL_CHARS = 8_000;

export interface ServiceProcessOptions {
  /** The service's compiled `main.js`. */
  readonly mainPath: string;
  readonly dataDir: string;
  /** Signing secret, passed as `O2O_AUTH_SECRET`. */
  readonly authSecret: string;
  /** How long to wait for the listening line (default 60 s). */
  readonly startTimeoutMs?: number;
  /** Run the built-in demo city (`--demo`, default true; an instance of a `--city` runs without). */
  readonly demo?: boolean;
  /** Extra arguments after the standard ones. */
  readonly extraArgs?: readonly string[];
}

/**
 * Path of the service's compiled entry point: `O2O_SERVICE_MAIN` when set, else the `main.js`
 * next to the `@o2o/dispatch-worker` entry (`dist/index.js` and `dist/main.js` are siblings; when
 * run from source the package resolves to `src/index.ts`, and the compiled `dist/main.js` is used).
 */
export function resolveServiceMainPath(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.O2O_SERVICE_MAIN;
  if (override !== undefined && override !== '') return override;
  const entry = import.meta.resolve('@o2o/dispatch-worker');
  const main = entry.endsWith('/src/index.ts') ? new URL('../dist/main.js', entry) : new URL('./main.js', entry);
  return fileURLToPath(main);
}

export class ServiceProcess {
  readonly #child: ChildProcess;
  readonly #exited: Promise<number | string>;
  readonly #stderrTail: () => string;
  #hasExited = false;
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;

  private constructor(child: ChildProcess, exited: Promise<number | string>, baseUrl: string, stderr: () => string) {
    this.#child = child;
    this.#exited = exited;
    this.baseUrl = baseUrl;
    this.#stderrTail = stderr;
    void exited.then(() => {
      this.#hasExited = true;
    });
  }

  /** The last few KB the child wrote to stderr. */
  get stderrTail(): string {
    return this.#stderrTail();
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** True once the child has exited (on its own or stopped). */
  get hasExited(): boolean {
    return this.#hasExited;
  }

  /**
   * Starts the service and waits for its listening line.
   * @throws {Error} when the file is missing, or the child exits or stays silent for `startTimeoutMs`
   * (the message carries the child's stderr).
   */
  static async start(options: ServiceProcessOptions): Promise<ServiceProcess> {
    if (!existsSync(options.mainPath)) {
      throw new Error(`the service entry point ${options.mainPath} does not exist: build it first (npx tsc -b services/dispatch-worker)`);
    }
    const args = [options.mainPath, '--host', '127.0.0.1', '--port', '0', '--data-dir', options.dataDir, ...(options.demo === false ? [] : ['--demo']), '--log-level', 'warn', ...(options.extraArgs ?? [])];
    const child = spawn(process.execPath, args, {
      env: { ...process.env, O2O_AUTH_SECRET: options.authSecret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });
    const exited = new Promise<number | string>((resolve) => {
      child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
      child.once('error', (error) => resolve(error.message));
    });
    const baseUrl = await waitForListening(child, exited, options.startTimeoutMs ?? 60_000, () => stderr);
    return new ServiceProcess(child, exited, baseUrl, () => stderr);
  }

  /** Resolves with the exit code (or signal) when the child exits. */
  get exited(): Promise<number | string> {
    return this.#exited;
  }

  /** SIGTERM, then SIGKILL if still running after `graceMs` (default 5 s); resolves once it has exited. */
  async stop(graceMs = 5_000): Promise<number | string> {
    if (this.#hasExited) return this.#exited;
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    try {
      return await this.#exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Synchronous last resort (process exit handlers): SIGKILL if still running. */
  killNow(): void {
    if (!this.#hasExited) this.#child.kill('SIGKILL');
  }
}

/** Reads the child's stdout until the listening line; keeps draining it afterwards so the pipe never fills. */
async function waitForListening(child: ChildProcess, exited: Promise<number | string>, timeoutMs: number, stderr: () => string): Promise<string> {
  const stdout = child.stdout;
  if (stdout === null) throw new Error('the service child has no stdout');
  let buffered = '';
  let isListening = false;
  let timer: NodeJS.Timeout | undefined;
  const fail = (reason: string): Error => {
    child.kill('SIGKILL');
    return new Error(`the dispatch service ${reason}\n--- service stdout ---\n${buffered.slice(-2_000)}\n--- service stderr ---\n${stderr()}`);
  };
  try {
    return await new Promise<string>((resolve, reject) => {
      stdout.setEncoding('utf8').on('data', (chunk: string) => {
        if (isListening) return;
        buffered = (buffered + chunk).slice(-16_000);
        const url = LISTENING_LINE.exec(buffered)?.[1];
        if (url === undefined) return;
        isListening = true;
        resolve(url.replace(/\/$/, ''));
      });
      void exited.then((code) => {
        if (!isListening) reject(fail(`exited (${code}) before listening`));
      });
      timer = setTimeout(() => reject(fail(`printed no "o2o-dispatch listening on" line within ${timeoutMs / 1000} s`)), timeoutMs);
    });
  } finally {
    clearTimeout(timer);
  }
}
