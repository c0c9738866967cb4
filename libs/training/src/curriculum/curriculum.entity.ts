import type { Language, TranslatableText } from '@enlace/core';
import type { CurriculumStatus } from '../training-rules';

export interface CurriculumModuleRow {
  readonly id: string;
  readonly position: number;
  readonly title: TranslatableText;
  readonly objectives: TranslatableText | null;
  readonly durationMinutes: number;
  readonly required: boolean;
  readonly materials: string[];
}

/** One version of a curriculum (table `curriculum_version`) with its modules in order. */
export interface CurriculumVersionRow {
  readonly id: string;
  readonly curriculumId: string;
  readonly networkId: string;
  readonly networkLanguage: Language;
  readonly number: number;
  readonly title: TranslatableText;
  readonly description: TranslatableText | null;
  readonly status: CurriculumStatus;
  readonly basedOn: string | null;
  readonly publishedAt: Date | null;
  readonly version: number;
  readonly modules: CurriculumModuleRow[];
}

export interface RawCurriculumVersion {
  id: string;
  curriculum_id: string;
  network_id: string;
  network_language: Language;
  number: number;
  title: TranslatableText;
  description: TranslatableText | null;
  status: CurriculumStatus;
  based_on: string | null;
  published_at: Date | null;
  version: number;
  modules:
    | {
        id: string;
        position: number;
        title: TranslatableText;
        objectives: TranslatableText | null;
        duration_minutes: number;
        required: boolean;
        materials: string[];
      }[]
    | null;
}

export function toCurriculumVersion(r: RawCurriculumVersion): CurriculumVersionRow {
  return {
    id: r.id,
    curriculumId: r.curriculum_id,
    networkId: r.network_id,
    networkLanguage: r.network_language,
    number: r.number,
    title: r.title,
    description: r.description,
    status: r.status,
    basedOn: r.based_on,
    publishedAt: r.published_at ? new Date(r.published_at) : null,
    version: r.version,
    modules: (r.modules ?? []).map((m) => ({
      id: m.id,
      position: m.position,
      title: m.title,
      objectives: m.objectives,
      durationMinutes: m.duration_minutes,
      required: m.required,
      materials: m.materials ?? [],
    })),
  };
}
