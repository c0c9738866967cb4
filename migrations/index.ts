import { Foundation1732000000000 } from './1732000000000-foundation';

/** Every migration, oldest first. Add a new class here when you add a file. */
export const MIGRATIONS = [Foundation1732000000000];
