import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';

export interface LogLine {
  level: number;
  msg?: string;
  requestId?: string;
  err?: { type?: string; message?: string; stack?: string };
  [key: string]: unknown;
}

/**
 * Records what the app's pino logger writes (every request's child logger shares its stream), and
 * keeps it off the test output. The app must have been started with a LOG_LEVEL that lets the lines
 * through.
 */
export function captureLogs(app: NestFastifyApplication): { lines: LogLine[]; restore(): void } {
  const logger = app.getHttpAdapter().getInstance().log as unknown as Record<symbol, { write(s: string): boolean }>;
  const stream = logger[pino.symbols.streamSym];
  const lines: LogLine[] = [];
  const spy = jest.spyOn(stream, 'write').mockImplementation((chunk: string) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
    return true;
  });
  return { lines, restore: () => spy.mockRestore() };
}
