import { Injectable, OnModuleInit } from '@nestjs/common';
import { keysMeet, resolveText } from '@enlace/core';
import {
  NotificationSubjects,
  subjectKey,
  type NotificationSubjectSource,
  type SubjectReader,
  type SubjectRef,
  type SubjectTexts,
} from '@enlace/notifications';
import { PlanNoticeRepository, PlanNoticeSubject } from './plan-notice.repository';
import { planAudienceKeys } from './plan.visibility';

/**
 * Notifications about a plan (`action_plan`: a copy for a state, the weekly digest) or one of its
 * actions (`plan_action`: named or no longer responsible, overdue) show the plan's and the action's
 * titles as they are when read or sent, in the reader's language, and only to a reader who may still
 * read the plan (the plan's keys meet the keys a request of theirs would hold now). Anyone else,
 * such as an owner replaced on a RESTRICTED plan, keeps the texts they were sent (decision 0026).
 */
@Injectable()
export class PlanNoticeTexts implements OnModuleInit {
  constructor(
    private readonly notices: PlanNoticeRepository,
    private readonly subjects: NotificationSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register('action_plan', this.source('plan'));
    this.subjects.register('plan_action', this.source('action'));
  }

  private source(kind: 'plan' | 'action'): NotificationSubjectSource {
    return { load: (refs) => this.load(kind, refs) };
  }

  private async load(kind: 'plan' | 'action', refs: readonly SubjectRef[]): Promise<ReadonlyMap<string, SubjectTexts>> {
    const [found, readers] = await Promise.all([
      this.notices.subjects(
        kind,
        refs.map((r) => r.subjectId),
      ),
      this.notices.readersOf(null, [...new Set(refs.map((r) => r.personId))]),
    ]);
    const subjects = new Map(found.map((s) => [s.id, s]));
    const keys = new Map(readers.map((r) => [r.personId as string, planAudienceKeys(r)]));
    const out = new Map<string, SubjectTexts>();
    for (const ref of refs) {
      const subject = subjects.get(ref.subjectId);
      const held = keys.get(ref.personId);
      if (!subject || !held || !keysMeet(held, subject.visKeys)) continue;
      out.set(subjectKey(ref), (reader: SubjectReader) => noticeParams(subject, reader));
    }
    return out;
  }
}

function noticeParams(subject: PlanNoticeSubject, reader: SubjectReader): Record<string, string> {
  const fallback = reader.networkLanguage ?? subject.networkLanguage;
  const params: Record<string, string> = {
    planTitle: resolveText(subject.planTitle, reader.language, fallback)?.text ?? '',
  };
  if (subject.actionTitle) params.actionTitle = resolveText(subject.actionTitle, reader.language, fallback)?.text ?? '';
  return params;
}
