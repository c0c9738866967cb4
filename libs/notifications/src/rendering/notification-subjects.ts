import { Injectable } from '@nestjs/common';
import type { Language } from '@enlace/core';

/** Who a notification is rendered for, as a subject's texts need it. */
export interface SubjectReader {
  readonly language: Language;
  /** The default language of the notification's network (the fallback of a missing translation). */
  readonly networkLanguage: Language | null;
  /** The IANA zone the reader chose (`person.time_zone`), null when they chose none. */
  readonly timeZone: string | null;
}

/** A subject's template parameters for one reader, already in their language and zone. */
export type SubjectTexts = (reader: SubjectReader) => Record<string, string | number>;

/**
 * A context that owns a kind of notification subject (meetings own `meeting`) and renders its
 * current texts: a notification about a meeting renamed or moved since shows the title and time it
 * has now. `load` reads every subject of a batch at once (one statement per page of notifications);
 * a subject not found (erased) is left out, and its notifications keep their stored parameters.
 */
export interface NotificationSubjectSource {
  load(ids: readonly string[]): Promise<ReadonlyMap<string, SubjectTexts>>;
}

/**
 * The sources of render-time subject texts, registered by the contexts that own the subjects when
 * their module starts (notifications import no context). Rendering asks it for the subjects of the
 * notifications at hand; without a source for a type, the stored parameters are used as they are.
 */
@Injectable()
export class NotificationSubjects {
  private readonly sources = new Map<string, NotificationSubjectSource>();

  register(subjectType: string, source: NotificationSubjectSource): void {
    this.sources.set(subjectType, source);
  }

  /** The current texts of these subjects, one load per subject type; look one up with `textsOf(result, ref)`. */
  async load(
    refs: readonly { readonly subjectType: string; readonly subjectId: string }[],
  ): Promise<Map<string, SubjectTexts>> {
    const byType = new Map<string, Set<string>>();
    for (const ref of refs) {
      if (!this.sources.has(ref.subjectType)) continue;
      const ids = byType.get(ref.subjectType) ?? new Set<string>();
      ids.add(ref.subjectId);
      byType.set(ref.subjectType, ids);
    }
    const out = new Map<string, SubjectTexts>();
    for (const [type, ids] of byType) {
      const found = await (this.sources.get(type) as NotificationSubjectSource).load([...ids]);
      for (const [id, texts] of found) out.set(`${type}:${id}`, texts);
    }
    return out;
  }
}

export function textsOf(
  loaded: ReadonlyMap<string, SubjectTexts>,
  ref: { readonly subjectType: string; readonly subjectId: string },
): SubjectTexts | undefined {
  return loaded.get(`${ref.subjectType}:${ref.subjectId}`);
}
