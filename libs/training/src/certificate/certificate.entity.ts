import type { Language, TranslatableText } from '@enlace/core';

/**
 * A certificate (table `certificate`) with what it certifies: the holder, the training and the
 * curriculum version it delivered, the issuing network and the co-delivering organisations.
 * Translatable texts are kept whole; the reader's language picks one (`resolveText`).
 */
export interface CertificateRow {
  readonly id: string;
  readonly enrolmentId: string;
  readonly personId: string;
  /** The holder's current name; null once the holder has been erased. */
  readonly holderName: string | null;
  readonly holderLanguage: Language;
  readonly trainingId: string;
  readonly trainingTitle: TranslatableText;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly timeZone: string;
  readonly places: string[];
  readonly curriculumVersionId: string;
  readonly curriculumTitle: TranslatableText;
  readonly curriculumVersion: number;
  readonly networkId: string;
  readonly networkName: TranslatableText;
  readonly networkLanguage: Language;
  readonly partnerNames: TranslatableText[];
  readonly code: string;
  readonly issuedAt: Date;
  readonly revokedAt: Date | null;
  readonly revokeReason: string | null;
}

export interface RawCertificate {
  id: string;
  enrolment_id: string;
  person_id: string;
  holder_name: string;
  holder_erased: boolean;
  holder_language: Language;
  training_id: string;
  training_title: TranslatableText;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  places: string[] | null;
  curriculum_version_id: string;
  curriculum_title: TranslatableText;
  curriculum_number: number;
  network_id: string;
  network_name: TranslatableText;
  network_language: Language;
  partner_names: TranslatableText[] | null;
  code: string;
  issued_at: Date;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

export function toCertificate(r: RawCertificate): CertificateRow {
  return {
    id: r.id,
    enrolmentId: r.enrolment_id,
    personId: r.person_id,
    holderName: r.holder_erased ? null : r.holder_name,
    holderLanguage: r.holder_language,
    trainingId: r.training_id,
    trainingTitle: r.training_title,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    timeZone: r.time_zone,
    places: r.places ?? [],
    curriculumVersionId: r.curriculum_version_id,
    curriculumTitle: r.curriculum_title,
    curriculumVersion: Number(r.curriculum_number),
    networkId: r.network_id,
    networkName: r.network_name,
    networkLanguage: r.network_language,
    partnerNames: r.partner_names ?? [],
    code: r.code,
    issuedAt: new Date(r.issued_at),
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
    revokeReason: r.revoke_reason,
  };
}
