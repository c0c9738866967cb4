import type { PdfKit } from './pdf-renderer';

/**
 * Layouts for the PDF renderer's tests (pdf-renderer.spec.ts, the exports' e2e tests). They run in
 * a worker thread, so they share nothing with the test but what they are given.
 */

/** A one-page PDF saying `text`. */
export async function layoutText(input: { text: string }, kit: PdfKit): Promise<Buffer> {
  const { doc, finished } = kit.startPdf({ size: 'A6' });
  doc.font('regular').text(input.text);
  doc.end();
  return finished;
}

/**
 * Holds its worker until the test stores a non-zero value at `gate[0]` (and notifies), then answers
 * the bytes of `text`: a render that is still going for as long as the test needs.
 */
export async function layoutHeld(input: { gate: Int32Array; text: string }): Promise<Buffer> {
  while (Atomics.load(input.gate, 0) === 0) Atomics.wait(input.gate, 0, 0);
  return Buffer.from(input.text);
}

/** A layout that fails. */
export async function layoutFailing(input: { message: string }): Promise<Buffer> {
  throw new Error(input.message);
}

/** A layout whose worker dies under it. */
export async function layoutExit(): Promise<Buffer> {
  process.exit(3);
}
