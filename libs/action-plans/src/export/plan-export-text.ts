import { countries, resolveText, type TranslatableText, type Translator } from '@enlace/core';
import type { PlanRow } from '../plan/plan.entity';
import type { IndicatorRow } from '../structure/structure.entity';

const NS = 'action-plans-exports';

/** Text people wrote, in the reader's language (else the network's, else any). */
export function planText(value: TranslatableText | null, t: Translator, plan: PlanRow): string {
  return value ? (resolveText(value, t.lang, plan.networkLanguage)?.text ?? '') : '';
}

export function memberStateLabel(code: string | null, t: Translator): string {
  return code === null ? t.t(`${NS}:regional`) : (countries.getName(code, t.lang) ?? code);
}

/** An indicator as one line: "title: current / target unit (baseline b, higher is better)". */
export function indicatorLine(i: IndicatorRow, t: Translator, plan: PlanRow): string {
  return t.t(`${NS}:indicatorLine`, {
    title: planText(i.title, t, plan),
    current: i.currentValue ?? '–',
    target: i.target,
    baseline: i.baseline,
    unit: i.unit,
    direction: t.t(`${NS}:direction.${i.direction}`),
  });
}
