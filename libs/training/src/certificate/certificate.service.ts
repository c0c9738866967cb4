import { Inject, Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  Actor,
  APP_CONFIG,
  AppConfig,
  AuditRepository,
  can,
  DomainError,
  I18nService,
  isStorableText,
  isUuid,
  PdfRenderer,
  RequestLoaders,
  requirePerson,
  resolveText,
  TransactionRunner,
  Tx,
} from '@enlace/core';
import { NotificationService } from '@enlace/notifications';
import type { EvaluatedEnrolment } from '../completion/completion.repository';
import type { TrainingCompletionListener } from '../completion/completion.service';
import type { TrainingRow } from '../training/training.entity';
import { newCertificateCode, normaliseCertificateCode } from './certificate-code';
import { CERTIFICATE_PDF, certificatePdfContent } from './certificate-pdf';
import { CertificateRow } from './certificate.entity';
import { CertificateRepository } from './certificate.repository';

/** A certificate with the address that verifies it (`PUBLIC_URL/certificates/verify/<code>`). */
export interface CertificateView extends CertificateRow {
  readonly verificationUrl: string;
}

export const MAX_REVOKE_REASON = 1000;

/**
 * Certificates (SPEC §4.2, issue 12 item 5; decision 0022): one per completed enrolment, issued when
 * the training completes (`issueFor`, in that transaction), verifiable by anyone with its code
 * (`verify`: a revoked one still answers, saying so; an unknown or forged code answers null), as a
 * PDF in the holder's language for the holder and the network's secretariat, revocable with a reason
 * by the secretariat (the holder is told).
 *
 * Depends on no other training service, so that completion can call it (as its completion listener)
 * without a cycle.
 */
@Injectable()
export class CertificateService implements TrainingCompletionListener {
  constructor(
    private readonly certificates: CertificateRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly notifications: NotificationService,
    private readonly i18n: I18nService,
    private readonly pdfs: PdfRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Issues a certificate to each of `enrolmentIds` that is COMPLETED and has none yet, inside the
   * caller's transaction `tx` (the one that completes the training), and audits each as done by
   * `actor`, and tells each holder (`certificateIssued`, in their language). Idempotent: one
   * certificate per completion however often it runs; enrolments that are not completed are skipped.
   * Returns the certificates it created.
   */
  async issueFor(
    enrolmentIds: readonly string[],
    tx: Tx,
    actor: Actor,
  ): Promise<{ id: string; enrolmentId: string }[]> {
    const ids = [...new Set(enrolmentIds)].filter((id) => isUuid(id));
    const issued = await this.certificates.insertMissing(
      tx,
      ids,
      ids.map(() => newCertificateCode()),
    );
    await this.audit.recordMany(
      tx,
      actor,
      issued.map((c) => ({
        networkId: c.networkId,
        entityType: 'certificate',
        entityId: c.id,
        action: 'issue',
        after: { enrolmentId: c.enrolmentId, personId: c.personId, trainingId: c.trainingId },
      })),
    );
    const created = await this.certificates.findMany(
      tx,
      issued.map((c) => c.id),
    );
    await this.notifications.notifyEach(
      tx,
      created
        .filter((c) => c.holderName !== null)
        .map((c) => ({
          personId: c.personId,
          kind: 'certificateIssued' as const,
          subject: { type: 'certificate', id: c.id },
          networkId: c.networkId,
          params: {
            trainingTitle: resolveText(c.trainingTitle, c.holderLanguage, c.networkLanguage)?.text ?? '',
          },
        })),
    );
    return issued.map((c) => ({ id: c.id, enrolmentId: c.enrolmentId }));
  }

  /**
   * Completion's hook (`TRAINING_COMPLETION_LISTENER`, TrainingModule): `completeTraining` tells us,
   * in its transaction, who completed; each gets their certificate.
   */
  async onCompleted(
    tx: Tx,
    actor: Actor,
    _training: TrainingRow,
    completed: readonly EvaluatedEnrolment[],
  ): Promise<void> {
    await this.issueFor(
      completed.map((e) => e.enrolmentId),
      tx,
      actor,
    );
  }

  /**
   * Public verification, for anyone, signed in or not: the certificate whose code `code` is, revoked
   * or not; null for any code that was never issued (forged, mistyped, malformed), by the same one
   * statement, so nothing tells them apart.
   */
  async verify(code: string): Promise<CertificateView | null> {
    const found = await this.certificates.findByCode(normaliseCertificateCode(String(code ?? '')));
    return found ? this.view(found) : null;
  }

  /** One certificate, for its holder and for those who manage its training; NOT_FOUND for anyone else. */
  async get(actor: Actor, id: unknown, tx?: Tx): Promise<CertificateView> {
    return this.view(await this.reach(actor, id, tx));
  }

  /** The caller's own certificates, most recent first. */
  async mine(actor: Actor): Promise<CertificateView[]> {
    const me = requirePerson(actor);
    return (await this.certificates.ofPerson(me)).map((c) => this.view(c));
  }

  /**
   * The certificate of an enrolment the caller has already been allowed to read (`training {
   * enrolments { certificate } }`), batched per request: for its holder and the secretariat only, as
   * everywhere else (a focal point or a trainer sees the enrolment COMPLETED, not its code); null when
   * none was issued.
   */
  async ofEnrolment(actor: Actor, loaders: RequestLoaders, enrolmentId: string): Promise<CertificateView | null> {
    const found = await loaders
      .get(
        'training.certificates',
        () =>
          new DataLoader<string, CertificateRow | null>(async (ids) => {
            const rows = await this.certificates.ofEnrolments(ids);
            return ids.map((id) => rows.find((r) => r.enrolmentId === id) ?? null);
          }),
      )
      .load(enrolmentId);
    if (!found || (found.personId !== actor.personId && !this.canManage(actor, found))) return null;
    return this.view(found);
  }

  /**
   * The PDF, in the holder's preferred language, for the holder and the secretariat: the texts are
   * gathered here, the page is laid out by a PDF worker (`PdfBusyError` when too many are waiting).
   */
  async pdf(actor: Actor, id: unknown): Promise<{ body: Buffer; filename: string }> {
    const certificate = await this.get(actor, id);
    const t = this.i18n.translator(certificate.holderLanguage);
    const body = await this.pdfs.render(
      CERTIFICATE_PDF,
      certificatePdfContent(certificate, t, certificate.verificationUrl, t.t('directory:erasedName')),
    );
    return { body, filename: `${t.t('training:certificate.filename')}-${certificate.code.slice(0, 8)}.pdf` };
  }

  /**
   * Revokes a certificate (the training's network secretariat and administrators), with a reason;
   * the holder is told in their language. It still verifies afterwards, as revoked.
   */
  async revoke(actor: Actor, command: { certificateId: string; reason: string }): Promise<CertificateView> {
    const me = requirePerson(actor);
    const reason = typeof command.reason === 'string' ? command.reason.trim() : '';
    return this.transactions.run(async (tx) => {
      const current = await this.reach(actor, command.certificateId, tx, true);
      if (!this.canManage(actor, current)) throw DomainError.forbidden();
      if (reason === '') throw DomainError.badInput([{ field: 'reason', key: 'training:certificate.reasonRequired' }]);
      if (!isStorableText(reason)) throw DomainError.badInput([{ field: 'reason', key: 'validation:unstorableValue' }]);
      if (reason.length > MAX_REVOKE_REASON) {
        throw DomainError.badInput([
          { field: 'reason', key: 'validation:tooLong', params: { max: MAX_REVOKE_REASON } },
        ]);
      }
      if (current.revokedAt || !(await this.certificates.revoke(tx, current.id, me, reason))) {
        throw DomainError.conflict('training:certificate.alreadyRevoked');
      }
      const after = (await this.certificates.findReachable(actor, current.id, tx)) as CertificateRow;
      await this.audit.record(tx, actor, {
        networkId: current.networkId,
        entityType: 'certificate',
        entityId: current.id,
        action: 'revoke',
        before: { revokedAt: null },
        after: { revokedAt: after.revokedAt?.toISOString(), reason },
      });
      if (after.holderName !== null) {
        await this.notifications.notify(tx, {
          personId: after.personId,
          kind: 'certificateRevoked',
          subject: { type: 'certificate', id: after.id },
          networkId: after.networkId,
          params: {
            trainingTitle: resolveText(after.trainingTitle, after.holderLanguage, after.networkLanguage)?.text ?? '',
            revokedOn: (after.revokedAt as Date).toISOString().slice(0, 10),
            reason,
          },
        });
      }
      return this.view(after);
    });
  }

  /** May `actor` manage the certificates of this network's trainings: its secretariat, administrators. */
  private canManage(actor: Actor, c: Pick<CertificateRow, 'networkId'>): boolean {
    return can(actor, 'RUN_TRAININGS', { networkId: c.networkId });
  }

  /** The certificate if `actor` holds it or manages its (readable) training; NOT_FOUND otherwise. */
  private async reach(actor: Actor, id: unknown, tx?: Tx, lock = false): Promise<CertificateRow> {
    if (!isUuid(id)) throw DomainError.notFound();
    const found = await this.certificates.findReachable(actor, id, tx, lock);
    if (!found) throw DomainError.notFound();
    if (found.personId !== actor.personId && !this.canManage(actor, found)) throw DomainError.notFound();
    return found;
  }

  private view(c: CertificateRow): CertificateView {
    return { ...c, verificationUrl: `${this.config.publicUrl}/certificates/verify/${c.code}` };
  }
}
