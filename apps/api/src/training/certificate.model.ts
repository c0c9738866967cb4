import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { instantToLocal, resolveText, type TranslatableText, type Translator } from '@enlace/core';
import { displayCertificateCode, type CertificateView } from '@enlace/training';

@ObjectType('CertificateVerification', {
  description:
    'What a certificate certifies, as anyone with its code may check it (texts in the request language). A revoked certificate still answers, with `revoked` set.',
})
export class CertificateVerificationModel {
  @Field({ description: 'The verification code, as printed (groups of four).' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'The holder’s name; null once the holder has been erased.' })
  holderName!: string | null;

  @Field({ description: 'The holder was erased at their request: the certificate stands, the name is gone.' })
  holderErased!: boolean;

  @Field()
  trainingTitle!: string;

  @Field()
  curriculumTitle!: string;

  @Field(() => Int, { description: 'The curriculum version the training delivered.' })
  curriculumVersion!: number;

  @Field({ description: 'First day of the training, YYYY-MM-DD in its time zone.' })
  startDate!: string;

  @Field({ description: 'Last day of the training, YYYY-MM-DD in its time zone.' })
  endDate!: string;

  @Field(() => [String])
  places!: string[];

  @Field({ description: 'The network that issued it.' })
  issuingNetwork!: string;

  @Field(() => [String], { description: 'Organisations that co-delivered the training.' })
  partnerOrganisations!: string[];

  @Field(() => Date)
  issuedAt!: Date;

  @Field()
  revoked!: boolean;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true })
  revokeReason!: string | null;
}

@ObjectType('Certificate', { description: 'A training certificate, as its holder and the secretariat see it.' })
export class CertificateModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  enrolmentId!: string;

  @Field(() => ID)
  trainingId!: string;

  @Field(() => ID)
  personId!: string;

  @Field({
    description:
      'The verification code as printed and verified (eight groups of four; unguessable: share it to let someone check the certificate).',
  })
  code!: string;

  @Field({ description: 'The public address that verifies it (the PDF’s QR code).' })
  verificationUrl!: string;

  @Field({ description: 'Where to download the PDF (with the bearer token), in the holder’s language.' })
  pdfPath!: string;

  @Field(() => Date)
  issuedAt!: Date;

  @Field()
  revoked!: boolean;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true })
  revokeReason!: string | null;

  @Field(() => CertificateVerificationModel, { description: 'What the public verification shows.' })
  details!: CertificateVerificationModel;
}

export function toCertificateVerificationModel(c: CertificateView, t: Translator): CertificateVerificationModel {
  const text = (value: TranslatableText) => resolveText(value, t.lang, c.networkLanguage)?.text ?? '';
  return {
    code: displayCertificateCode(c.code),
    holderName: c.holderName,
    holderErased: c.holderName === null,
    trainingTitle: text(c.trainingTitle),
    curriculumTitle: text(c.curriculumTitle),
    curriculumVersion: c.curriculumVersion,
    startDate: instantToLocal(c.startsAt, c.timeZone).slice(0, 10),
    endDate: instantToLocal(c.endsAt, c.timeZone).slice(0, 10),
    places: c.places,
    issuingNetwork: text(c.networkName),
    partnerOrganisations: c.partnerNames.map(text),
    issuedAt: c.issuedAt,
    revoked: c.revokedAt !== null,
    revokedAt: c.revokedAt,
    revokeReason: c.revokeReason,
  };
}

export function toCertificateModel(c: CertificateView, t: Translator): CertificateModel {
  return {
    id: c.id,
    enrolmentId: c.enrolmentId,
    trainingId: c.trainingId,
    personId: c.personId,
    code: displayCertificateCode(c.code),
    verificationUrl: c.verificationUrl,
    pdfPath: `/certificates/${c.id}.pdf`,
    issuedAt: c.issuedAt,
    revoked: c.revokedAt !== null,
    revokedAt: c.revokedAt,
    revokeReason: c.revokeReason,
    details: toCertificateVerificationModel(c, t),
  };
}
