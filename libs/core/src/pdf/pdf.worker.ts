import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { basename } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { startPdf } from './pdf-fonts';
import type { PdfKit, PdfLayoutFunction, PdfWorkerAnswer, PdfWorkerJob } from './pdf-renderer';

/**
 * A PDF worker thread (`PdfRenderer`): takes one job at a time, `{ module, name, input }`, calls the
 * layout function `name` exported by `module` with the plain data `input` and the pdfkit kit, and
 * answers with the PDF's bytes, transferred (not copied) back. It loads the fonts and each layout
 * module once, on first use; it reads no database and translates nothing (the request thread did).
 */
const port = parentPort;
if (!port) throw new Error('pdf.worker runs as a worker thread');

/**
 * On Linux a thread has its own nice value: this one yields to the request thread when the cores are
 * contended (a PDF can wait a few milliseconds more; a request should not). Elsewhere, or when it
 * cannot, the thread keeps the process's priority.
 */
const WORKER_NICE = 10;
try {
  const tid = Number(basename(readlinkSync('/proc/thread-self')));
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, WORKER_NICE);
} catch {
  // not Linux, or no /proc: the default priority
}

const kit: PdfKit = { startPdf };
const layouts = new Map<string, PdfLayoutFunction<unknown>>();

function layoutOf(module: string, name: string): PdfLayoutFunction<unknown> {
  const key = `${module}#${name}`;
  let fn = layouts.get(key);
  if (!fn) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(module) as Record<string, unknown>;
    if (typeof loaded[name] !== 'function') throw new Error(`${module} exports no layout ${name}`);
    fn = loaded[name] as PdfLayoutFunction<unknown>;
    layouts.set(key, fn);
  }
  return fn;
}

port.on('message', (job: PdfWorkerJob) => {
  void (async () => {
    try {
      const pdf = await layoutOf(job.module, job.name)(job.input, kit);
      // A buffer of its own (not a slice of Node's shared pool), so that it can be transferred.
      const bytes =
        pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength
          ? new Uint8Array(pdf.buffer)
          : Uint8Array.from(pdf);
      const answer: PdfWorkerAnswer = { id: job.id, bytes };
      port.postMessage(answer, [bytes.buffer as ArrayBuffer]);
    } catch (error) {
      const answer: PdfWorkerAnswer = {
        id: job.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
      port.postMessage(answer);
    }
  })();
});
