import { Injectable, OnModuleInit } from '@nestjs/common';
import { I18nService } from '@enlace/core';
import {
  NotificationSubjects,
  subjectKey,
  type NotificationSubjectSource,
  type SubjectReader,
  type SubjectRef,
  type SubjectTexts,
} from '@enlace/notifications';
import { MembershipRepository } from './membership.repository';

/**
 * Notifications about a term (subjects of type `membership`) name the term's successor when they are
 * read or sent, and only to a reader who may see the successor then (SPEC §3: notification texts are
 * a transport like any other): the outgoing focal point of a handover to a RESTRICTED term reads
 * "your successor" in their language. Nothing stores the successor's name (decision 0025).
 */
@Injectable()
export class MembershipNoticeTexts implements NotificationSubjectSource, OnModuleInit {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly subjects: NotificationSubjects,
    private readonly i18n: I18nService,
  ) {}

  onModuleInit(): void {
    this.subjects.register('membership', this);
  }

  async load(refs: readonly SubjectRef[]): Promise<ReadonlyMap<string, SubjectTexts>> {
    const rows = await this.memberships.handoverSuccessors(
      refs.map((r) => ({ membershipId: r.subjectId, personId: r.personId })),
    );
    return new Map(
      rows.map((row) => [
        subjectKey({ subjectId: row.membershipId, personId: row.personId }),
        (reader: SubjectReader) => ({
          successorName: row.seen ? row.name : this.i18n.translator(reader.language).t('directory:yourSuccessor'),
        }),
      ]),
    );
  }
}
