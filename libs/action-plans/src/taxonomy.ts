/**
 * The project's own copy of the prevention taxonomy (../shared/data/prevention-taxonomy.json): the
 * five dimensions of structural prevention and the UN Framework of Analysis resilience measures.
 * Objectives and actions carry these keys as tags; their labels are in `locales/<lang>/action-plans.json`
 * under `tags.<key>`.
 */
export const PREVENTION_DIMENSIONS = [
  'diversity',
  'authority',
  'livelihoods',
  'civil_society',
  'nonrecurrence',
] as const;

export const RESILIENCE_MEASURES = [
  'rule_of_law',
  'institutions',
  'corruption',
  'diversity',
  'civil_society_media',
] as const;

/** Every tag: `dimension:<key>` or `measure:<key>`. */
export const PREVENTION_TAGS: readonly string[] = [
  ...PREVENTION_DIMENSIONS.map((k) => `dimension:${k}`),
  ...RESILIENCE_MEASURES.map((k) => `measure:${k}`),
];

export function isPreventionTag(value: unknown): value is string {
  return typeof value === 'string' && PREVENTION_TAGS.includes(value);
}

/** The i18n key of a tag's label: `dimension:authority` → `action-plans:tags.dimension.authority`. */
export function tagLabelKey(tag: string): string {
  return `action-plans:tags.${tag.replace(':', '.')}`;
}
