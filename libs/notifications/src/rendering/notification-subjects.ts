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

/** A notification's subject and its reader, as a source is asked for them. */
export interface SubjectRef {
  readonly subjectId: string;
  readonly personId: string;
}

/**
 * A context that owns a kind of notification subject (meetings own `meeting`) and renders its
 * current texts: a notification about a meeting renamed or moved since shows the title and time it
 * has now. `load` reads every (subject, reader) pair of a batch at once (one statement per page of
 * notifications) and answers, keyed by `subjectKey(ref)`, only for readers who may still see the
 * subject: a pair left out (the reader lost access, the subject was erased) keeps the texts stored
 * with the notification, what the reader was told when they could see it.
 */
export interface NotificationSubjectSource {
  load(refs: readonly SubjectRef[]): Promise<ReadonlyMap<string, SubjectTexts>>;
}

/** The key of a (subject, reader) pair in a source's answer. */
export function subjectKey(ref: SubjectRef): string {
  return `${ref.subjectId}:${ref.personId}`;
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

  /** The current texts of these notifications' subjects for their readers, one load per subject type (see `textsOf`). */
  async load(
    refs: readonly { readonly subjectType: string; readonly subjectId: string; readonly personId: string }[],
  ): Promise<Map<string, SubjectTexts>> {
    const byType = new Map<string, Map<string, SubjectRef>>();
    for (const ref of refs) {
      if (!this.sources.has(ref.subjectType)) continue;
      const pairs = byType.get(ref.subjectType) ?? new Map<string, SubjectRef>();
      pairs.set(subjectKey(ref), { subjectId: ref.subjectId, personId: ref.personId });
      byType.set(ref.subjectType, pairs);
    }
    const out = new Map<string, SubjectTexts>();
    for (const [type, pairs] of byType) {
      const found = await (this.sources.get(type) as NotificationSubjectSource).load([...pairs.values()]);
      for (const [key, texts] of found) out.set(`${type}:${key}`, texts);
    }
    return out;
  }
}

export function textsOf(
  loaded: ReadonlyMap<string, SubjectTexts>,
  ref: { readonly subjectType: string; readonly subjectId: string; readonly personId: string },
): SubjectTexts | undefined {
  return loaded.get(`${ref.subjectType}:${subjectKey(ref)}`);
}
