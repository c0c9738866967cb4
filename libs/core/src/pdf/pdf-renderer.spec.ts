import { isPdfBusyError, PdfBusyError, pdfLayout, PdfRenderer } from './pdf-renderer';

const FIXTURE = require.resolve('./pdf-test-layouts.int-fixture');
const TEXT = pdfLayout<{ text: string }>(FIXTURE, 'layoutText');
const HELD = pdfLayout<{ gate: Int32Array; text: string }>(FIXTURE, 'layoutHeld');
const FAILING = pdfLayout<{ message: string }>(FIXTURE, 'layoutFailing');
const EXIT = pdfLayout<Record<string, never>>(FIXTURE, 'layoutExit');

/** A gate a held layout waits behind, and the function that opens it. */
function gate(): { gate: Int32Array; open: () => void } {
  const g = new Int32Array(new SharedArrayBuffer(4));
  return {
    gate: g,
    open: () => {
      Atomics.store(g, 0, 1);
      Atomics.notify(g, 0);
    },
  };
}

/** Lets the event loop turn until `condition()` holds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('PdfRenderer', () => {
  const renderers: PdfRenderer[] = [];
  const renderer = (options: ConstructorParameters<typeof PdfRenderer>[0]) => {
    const r = new PdfRenderer(options);
    renderers.push(r);
    return r;
  };
  afterEach(async () => {
    await Promise.all(renderers.splice(0).map((r) => r.close()));
  });

  it('lays out a PDF in a worker thread and hands back its bytes as a Buffer', async () => {
    const pdf = await renderer({ workers: 1 }).render(TEXT, { text: 'Conceição, Peña, Lefèvre' });
    expect(Buffer.isBuffer(pdf)).toBe(true);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
  });

  it('keeps the request thread free while a layout runs', async () => {
    const pdfs = renderer({ workers: 1 });
    const held = gate();
    const rendering = pdfs.render(HELD, { gate: held.gate, text: 'done' });
    // The worker is held; this thread still runs timers and I/O callbacks.
    await new Promise((resolve) => setTimeout(resolve, 1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(pdfs.load).toEqual({ running: 1, queued: 0 });
    held.open();
    expect((await rendering).toString()).toBe('done');
  });

  it('queues jobs beyond its workers, in order, and refuses more than the queue holds', async () => {
    const pdfs = renderer({ workers: 1, maxQueued: 2 });
    const held = gate();
    const first = pdfs.render(HELD, { gate: held.gate, text: 'first' });
    const second = pdfs.render(HELD, { gate: held.gate, text: 'second' });
    const third = pdfs.render(HELD, { gate: held.gate, text: 'third' });
    expect(pdfs.load).toEqual({ running: 1, queued: 2 });
    const refused = await pdfs.render(TEXT, { text: 'one too many' }).catch((e: unknown) => e);
    expect(isPdfBusyError(refused)).toBe(true);
    expect(refused).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', key: 'pdfBusy' });
    expect((refused as PdfBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refused as PdfBusyError).params).toEqual({ count: (refused as PdfBusyError).retryAfterSeconds });
    held.open();
    expect((await Promise.all([first, second, third])).map(String)).toEqual(['first', 'second', 'third']);
    // Room again.
    expect((await pdfs.render(TEXT, { text: 'again' })).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('runs as many layouts at once as it has workers', async () => {
    const pdfs = renderer({ workers: 2, maxQueued: 0 });
    const held = gate();
    const both = [pdfs.render(HELD, { gate: held.gate, text: 'a' }), pdfs.render(HELD, { gate: held.gate, text: 'b' })];
    expect(pdfs.load).toEqual({ running: 2, queued: 0 });
    await expect(pdfs.render(TEXT, { text: 'c' })).rejects.toBeInstanceOf(PdfBusyError);
    held.open();
    expect((await Promise.all(both)).map(String)).toEqual(['a', 'b']);
  });

  it('fails the job of a layout that throws, and keeps serving', async () => {
    const pdfs = renderer({ workers: 1 });
    await expect(pdfs.render(FAILING, { message: 'no such glyph' })).rejects.toThrow(/no such glyph/);
    expect((await pdfs.render(TEXT, { text: 'next' })).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('fails the job of a worker that dies, and starts another for the next', async () => {
    const pdfs = renderer({ workers: 1 });
    const held = gate();
    const dying = pdfs.render(EXIT, {});
    const waiting = pdfs.render(HELD, { gate: held.gate, text: 'after' });
    await expect(dying).rejects.toThrow(/exited/);
    held.open();
    expect(String(await waiting)).toBe('after');
  });

  it('lets an idle worker go, and starts one again when work comes', async () => {
    const pdfs = renderer({ workers: 1, idleMs: 0 });
    await pdfs.render(TEXT, { text: 'once' });
    await until(() => pdfs.threads === 0);
    expect((await pdfs.render(TEXT, { text: 'twice' })).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('on close refuses what runs, waits or comes later, and stops its workers', async () => {
    const pdfs = renderer({ workers: 1, maxQueued: 4 });
    const held = gate();
    const outcomes = [
      pdfs.render(HELD, { gate: held.gate, text: 'running' }),
      pdfs.render(TEXT, { text: 'queued' }),
    ].map((p) => p.catch((e: unknown) => e));
    const closing = pdfs.close();
    held.open();
    await closing;
    for (const outcome of await Promise.all(outcomes)) expect(outcome).toBeInstanceOf(PdfBusyError);
    await expect(pdfs.render(TEXT, { text: 'later' })).rejects.toBeInstanceOf(PdfBusyError);
    expect(pdfs.threads).toBe(0);
  });
});
