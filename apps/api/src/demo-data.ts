import { createActionPlansDemoSeed, loadActionPlansDemo } from '@enlace/action-plans';
import { I18nService } from '@enlace/core';
import { createDirectoryDemoSeed, loadDemoData, loadDirectoryDemo } from '@enlace/directory';
import { createDemoSeed } from '@enlace/identity';
import { createMeetingsDemoSeed, loadMeetingsDemo } from '@enlace/meetings';
import { createTrainingDemoSeed, loadTrainingDemo } from '@enlace/training';

/** The part of a logger the seed reports to (pino's signature). */
interface SeedLogger {
  info(details: Record<string, unknown>, message: string): void;
}

/**
 * Loads the demo data set (demo/networks.json, directory.json, meetings.json, training.json, action-plans.json) into a migrated database:
 * `npm run seed:demo` on its own, or `npm start -- --demo` inside the server that holds the
 * embedded database. Idempotent: a second run changes nothing.
 */
export async function seedDemoData(
  dataSource: Parameters<typeof createDemoSeed>[0],
  logger: SeedLogger,
): Promise<void> {
  const data = loadDemoData(); // both files validated before the database is touched
  const directory = loadDirectoryDemo();
  const meetings = loadMeetingsDemo();
  const training = loadTrainingDemo();
  const actionPlans = loadActionPlansDemo();
  const summary = await createDemoSeed(dataSource).seed(data);
  logger.info({ ...summary }, 'demo data seeded');
  const directorySummary = await createDirectoryDemoSeed(dataSource, new I18nService()).seed(directory, data);
  logger.info({ ...directorySummary }, 'demo directory seeded');
  const meetingsSummary = await createMeetingsDemoSeed(dataSource).seed(meetings);
  logger.info({ ...meetingsSummary }, 'demo meetings seeded');
  const trainingSummary = await createTrainingDemoSeed(dataSource).seed(training);
  logger.info({ ...trainingSummary }, 'demo training seeded');
  const plansSummary = await createActionPlansDemoSeed(dataSource).seed(actionPlans);
  logger.info({ ...plansSummary }, 'demo action plans seeded');
}
