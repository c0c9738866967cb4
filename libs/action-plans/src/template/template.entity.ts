import type { TranslatableText, Visibility } from '@enlace/core';
import type { IndicatorDirection, IndicatorValueType } from '../action-plans-rules';

/** Dates of a template are day offsets from the plan's period start (a copy applies them to its own). */
export interface TemplateIndicator {
  readonly title: TranslatableText;
  readonly unit: string;
  readonly valueType: IndicatorValueType;
  readonly baseline: number;
  readonly target: number;
  readonly direction: IndicatorDirection;
  readonly startOffset: number;
  readonly endOffset: number;
  readonly everyMonths: number;
}

export interface TemplateAction {
  readonly title: TranslatableText;
  readonly responsibleOrganisation: string | null;
  readonly weight: number;
  readonly tags: readonly string[];
  readonly startOffset: number;
  readonly dueOffset: number;
  readonly indicators: readonly TemplateIndicator[];
}

export interface TemplateObjective {
  readonly title: TranslatableText;
  readonly description: TranslatableText | null;
  readonly tags: readonly string[];
  readonly actions: readonly TemplateAction[];
}

export interface TemplateContent {
  readonly objectives: readonly TemplateObjective[];
}

/** One published version of a plan template: immutable once written. */
export interface TemplateRow {
  readonly id: string;
  readonly networkId: string;
  readonly networkLanguage: string;
  readonly seriesId: string;
  readonly version: number;
  readonly title: TranslatableText;
  readonly summary: TranslatableText | null;
  readonly visibility: Visibility;
  readonly content: TemplateContent;
  readonly sourcePlanId: string | null;
  readonly publishedByName: string | null;
  readonly publishedAt: Date;
  /** The series' latest version number (a newer one replaces this one for new copies). */
  readonly latestVersion: number;
}

export interface RawTemplate {
  id: string;
  network_id: string;
  network_language: string;
  series_id: string;
  version: number;
  title: TranslatableText;
  summary: TranslatableText | null;
  visibility: Visibility;
  content: TemplateContent;
  source_plan_id: string | null;
  published_by_name: string | null;
  published_at: Date;
  latest_version: number;
}

export function toTemplate(r: RawTemplate): TemplateRow {
  return {
    id: r.id,
    networkId: r.network_id,
    networkLanguage: r.network_language,
    seriesId: r.series_id,
    version: Number(r.version),
    title: r.title,
    summary: r.summary,
    visibility: r.visibility,
    content: r.content,
    sourcePlanId: r.source_plan_id,
    publishedByName: r.published_by_name,
    publishedAt: new Date(r.published_at),
    latestVersion: Number(r.latest_version),
  };
}
