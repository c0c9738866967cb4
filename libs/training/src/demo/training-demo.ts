import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language, projectRoot, Visibility } from '@enlace/core';
import type { TrainingFormat } from '../training-rules';

type Texts = Partial<Record<Language, string>>;

/** One demo curriculum (demo/training.json): its versions, each published, with their modules. */
export interface DemoCurriculum {
  readonly key: string;
  readonly network: string;
  readonly original: Language;
  readonly title: Texts;
  readonly versions: { modules: { title: Texts; durationMinutes: number; required: boolean }[] }[];
}

/**
 * One demo training: a version of a curriculum, delivered by the network's trainers; the holders of
 * roles of some states attend every session and complete it.
 */
export interface DemoTraining {
  readonly curriculum: string;
  readonly version: number;
  readonly original: Language;
  readonly title: Texts;
  readonly description?: Texts;
  readonly format: TrainingFormat;
  readonly places: string[];
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  readonly languages: Language[];
  readonly capacity: number;
  /** Partner organisations, by name (the directory's). */
  readonly partners: string[];
  readonly visibility: Visibility;
  /** The current holders of these roles for these member states take part, and complete it. */
  readonly participants: { states: string[]; roles: string[] };
  /** Its sessions (modules by position); one over the whole training, every module, when omitted. */
  readonly sessions?: { start: string; end: string; place: string; modules: number[] }[];
  /** How many of the network's trainers are assigned. */
  readonly trainers: number;
  readonly status: 'COMPLETED';
}

export interface TrainingDemoData {
  readonly curricula: DemoCurriculum[];
  readonly trainings: DemoTraining[];
}

export function loadTrainingDemo(file = join(projectRoot(), 'demo', 'training.json')): TrainingDemoData {
  return JSON.parse(readFileSync(file, 'utf8')) as TrainingDemoData;
}
