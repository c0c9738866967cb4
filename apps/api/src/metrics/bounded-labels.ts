/** The label of every value past the cap. */
export const OTHER_LABEL = 'other';

/**
 * Keeps a label's cardinality bounded: the first `max` distinct values seen (per process) keep
 * their own label, any later one is folded into `other`. GraphQL operation names are chosen by
 * clients, so without a cap anyone could grow the metrics without end.
 */
export class BoundedLabels {
  private readonly known = new Set<string>();

  constructor(private readonly max: number) {}

  label(value: string): string {
    if (this.known.has(value)) return value;
    if (this.known.size >= this.max) return OTHER_LABEL;
    this.known.add(value);
    return value;
  }
}
