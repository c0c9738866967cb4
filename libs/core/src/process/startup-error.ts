/**
 * An error whose message is the whole story for the person starting a process (bad configuration, a
 * data directory in use, invalid demo data): printed without a stack trace.
 */
export class StartupError extends Error {}

/** What an entry point prints when it cannot start: the message of a StartupError, the stack otherwise. */
export function describeStartupError(error: unknown): string {
  if (error instanceof StartupError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
