import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language, projectRoot, Visibility } from '@enlace/core';
import type { IndicatorValueType } from '../action-plans-rules';

type Texts = Partial<Record<Language, string>>;

export interface DemoPlanIndicator {
  readonly title: Texts;
  readonly unit: string;
  readonly valueType: IndicatorValueType;
  readonly baseline: number;
  readonly target: number;
  readonly everyMonths: number;
}

export interface DemoPlanAction {
  readonly title: Texts;
  readonly responsibleOrganisation?: string;
  readonly startsOn: string;
  readonly dueOn: string;
  readonly weight: number;
  readonly tags: string[];
  readonly indicators?: DemoPlanIndicator[];
}

/**
 * A member state's copy of the template and what it reported: per period, each action's progress
 * (in the template's order) and each indicator's value at its next due date (in order).
 */
export interface DemoPlanCopy {
  readonly memberState: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly visibility: Visibility;
  readonly periods: { progress: number[]; values: number[] }[];
}

/** A network's template (demo/action-plans.json): its model plan, published as version 1, and its copies. */
export interface DemoPlanTemplate {
  readonly network: string;
  readonly original: Language;
  readonly title: Texts;
  readonly summary?: Texts;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly visibility: Visibility;
  readonly objectives: { title: Texts; tags: string[]; actions: DemoPlanAction[] }[];
  readonly copies: DemoPlanCopy[];
}

export interface ActionPlansDemoData {
  readonly templates: DemoPlanTemplate[];
}

export function loadActionPlansDemo(file = join(projectRoot(), 'demo', 'action-plans.json')): ActionPlansDemoData {
  return JSON.parse(readFileSync(file, 'utf8')) as ActionPlansDemoData;
}
