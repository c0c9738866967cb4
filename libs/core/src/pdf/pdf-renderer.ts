import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../errors/domain-error';
import type { startPdf } from './pdf-fonts';

/** What a layout function gets besides its data: pdfkit with the project's fonts (`startPdf`). */
export interface PdfKit {
  readonly startPdf: typeof startPdf;
}

/**
 * Lays out one PDF from plain data (already loaded, checked against the caller's visibility and
 * translated on the request thread) in a worker thread. Its module must import nothing at run time
 * from `@enlace/*` (types only): a worker loads that module and pdfkit, not the application.
 */
export type PdfLayoutFunction<T> = (input: T, kit: PdfKit) => Promise<Buffer>;

/** Where a worker finds a layout function: the module's resolved file and the export's name. */
export interface PdfLayout<T> {
  readonly module: string;
  readonly name: string;
  /** Never set: carries `T`, so that `render(layout, input)` checks the input's type. */
  readonly input?: T;
}

/** A layout exported as `name` by the file `module` (`require.resolve('./x.layout')`). */
export function pdfLayout<T>(module: string, name: string): PdfLayout<T> {
  return { module, name };
}

/** @internal The messages between the renderer and its workers (pdf.worker.ts). */
export interface PdfWorkerJob {
  readonly id: number;
  readonly module: string;
  readonly name: string;
  readonly input: unknown;
}
/** @internal */
export type PdfWorkerAnswer =
  { readonly id: number; readonly bytes: Uint8Array } | { readonly id: number; readonly error: string };

/**
 * Too many PDFs are being made or waiting: try again in `retryAfterSeconds` (HTTP: 503 with
 * `Retry-After`; the message is `errors:pdfBusy`).
 */
export class PdfBusyError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('INTERNAL_SERVER_ERROR', 'pdfBusy', { count: retryAfterSeconds });
    this.name = 'PdfBusyError';
  }
}

export function isPdfBusyError(error: unknown): error is PdfBusyError {
  return error instanceof PdfBusyError;
}

export interface PdfRendererOptions {
  /** Worker threads at most (default: the machine's cores less one for the event loop, 1 to 4). */
  readonly workers?: number;
  /** Jobs that may wait for a worker beyond those running (default 8 per worker); more are refused. */
  readonly maxQueued?: number;
  /** A worker idle this long exits (default 30 s), giving its memory back; the next job starts one. */
  readonly idleMs?: number;
}

interface Job {
  readonly id: number;
  readonly layout: PdfLayout<unknown>;
  readonly input: unknown;
  readonly resolve: (pdf: Buffer) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  job: Job | null;
  startedAt: number;
  idleTimer: NodeJS.Timeout | null;
}

/** The heap a worker may use: a layout that runs away fails alone instead of taking the process with it. */
const WORKER_HEAP_MB = 256;

/** Retry-After bounds, in seconds. */
const MIN_RETRY_S = 1;
const MAX_RETRY_S = 60;

/**
 * Renders PDFs in a small pool of worker threads (decision 0027), so that pdfkit's CPU (0.7–0.9 s
 * for an 8-page plan report) never holds the request thread: requests and sockets keep being served
 * meanwhile. `render(layout, input)` posts plain data to an idle worker (structured clone) and
 * resolves with the PDF's bytes (transferred back). Jobs beyond the workers wait in a bounded FIFO
 * queue; when it is full, `render` throws `PdfBusyError` at once (HTTP 503 with Retry-After) rather
 * than holding ever more requests and their data in memory.
 *
 * Workers start on demand and exit after `idleMs` without work, so an idle process holds none
 * (the embedded start's RSS budget); a worker that dies fails its job only and is replaced by the
 * next job. `close()` (the app's shutdown hooks) refuses the jobs still waiting and terminates every
 * worker; a render asked for afterwards is refused too.
 *
 * Run from TypeScript sources (jest), a worker thread gets none of jest's transforms: it then
 * compiles `.ts` files itself with SWC (a development dependency, present wherever sources run).
 */
@Injectable()
export class PdfRenderer implements OnApplicationShutdown {
  readonly workers: number;
  readonly maxQueued: number;
  private readonly idleMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Moving average of a job's duration in a worker, for Retry-After. */
  private averageMs = 500;

  constructor(options: PdfRendererOptions = {}) {
    this.workers = Math.max(1, Math.floor(options.workers ?? Math.min(4, availableParallelism() - 1)));
    this.maxQueued = Math.max(0, Math.floor(options.maxQueued ?? 8 * this.workers));
    this.idleMs = options.idleMs ?? 30_000;
  }

  /** The PDF `layout` makes of `input` (plain data: it is copied to the worker). */
  render<T>(layout: PdfLayout<T>, input: T): Promise<Buffer> {
    if (this.closed) return Promise.reject(new PdfBusyError(MAX_RETRY_S));
    const free = this.slots.find((s) => s.job === null);
    if (!free && this.slots.length >= this.workers && this.queue.length >= this.maxQueued) {
      return Promise.reject(new PdfBusyError(this.retryAfterSeconds()));
    }
    return new Promise<Buffer>((resolve, reject) => {
      const job: Job = { id: this.nextId++, layout, input, resolve, reject };
      if (free) this.run(free, job);
      else if (this.slots.length < this.workers) this.run(this.spawn(), job);
      else this.queue.push(job);
    });
  }

  /** How many jobs are running and waiting now. */
  get load(): { running: number; queued: number } {
    return { running: this.slots.filter((s) => s.job !== null).length, queued: this.queue.length };
  }

  /** How many worker threads are alive now (busy or idle). */
  get threads(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new PdfBusyError(MAX_RETRY_S));
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.job?.reject(new PdfBusyError(MAX_RETRY_S));
      slot.job = null;
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private retryAfterSeconds(): number {
    const ahead = this.queue.length + this.slots.length;
    const seconds = Math.ceil((ahead * this.averageMs) / this.workers / 1000);
    return Math.min(MAX_RETRY_S, Math.max(MIN_RETRY_S, seconds));
  }

  private spawn(): Slot {
    const options = { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
    const worker =
      extname(__filename) === '.ts'
        ? new Worker(TS_BOOTSTRAP, {
            ...options,
            eval: true,
            workerData: { swc: require.resolve('@swc/core'), entry: join(__dirname, 'pdf.worker.ts') },
          })
        : new Worker(join(__dirname, 'pdf.worker.js'), options);
    const slot: Slot = { worker, job: null, startedAt: 0, idleTimer: null };
    worker.on('message', (answer: PdfWorkerAnswer) => this.answered(slot, answer));
    worker.on('error', (error) => this.lost(slot, error));
    worker.on('exit', (code) => this.lost(slot, new Error(`PDF worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  private run(slot: Slot, job: Job): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.job = job;
    slot.startedAt = performance.now();
    // A worker with work keeps the process alive; an idle one does not.
    slot.worker.ref();
    const message: PdfWorkerJob = { id: job.id, module: job.layout.module, name: job.layout.name, input: job.input };
    try {
      slot.worker.postMessage(message);
    } catch (error) {
      // The input could not be copied (a function, a class instance with private state...).
      slot.job = null;
      job.reject(error instanceof Error ? error : new Error(String(error)));
      this.next(slot);
    }
  }

  private answered(slot: Slot, answer: PdfWorkerAnswer): void {
    const job = slot.job;
    if (!job || job.id !== answer.id) return;
    slot.job = null;
    this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - slot.startedAt);
    if ('bytes' in answer) {
      job.resolve(Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength));
    } else {
      job.reject(new Error(`PDF layout ${job.layout.name} failed: ${answer.error}`));
    }
    this.next(slot);
  }

  /** The next waiting job for this worker, or an idle timer. */
  private next(slot: Slot): void {
    const job = this.queue.shift();
    if (job) return this.run(slot, job);
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => this.retire(slot), this.idleMs);
    slot.idleTimer.unref();
  }

  private retire(slot: Slot): void {
    if (slot.job !== null) return;
    this.remove(slot);
    void slot.worker.terminate();
  }

  /** A worker that failed or exited: its job fails, a later job starts another worker. */
  private lost(slot: Slot, error: Error): void {
    if (!this.remove(slot)) return;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    const job = slot.job;
    slot.job = null;
    job?.reject(error);
    // Jobs waiting for this worker get another.
    while (this.queue.length > 0 && this.slots.length < this.workers && !this.closed) {
      this.run(this.spawn(), this.queue.shift() as Job);
    }
  }

  private remove(slot: Slot): boolean {
    const index = this.slots.indexOf(slot);
    if (index < 0) return false;
    this.slots.splice(index, 1);
    return true;
  }
}

/**
 * The entry of a worker run from TypeScript sources: compiles `.ts` files with SWC on require (as
 * libs/testing/src/jest-transform.js does for jest), then loads pdf.worker.ts.
 */
const TS_BOOTSTRAP = `
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const swc = require(workerData.swc);
require.extensions['.ts'] = (module, filename) => {
  const out = swc.transformSync(readFileSync(filename, 'utf8'), {
    filename,
    module: { type: 'commonjs' },
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
  });
  module._compile(out.code, filename);
};
require(workerData.entry);
`;
