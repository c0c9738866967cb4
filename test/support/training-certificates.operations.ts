import type { Operation } from './test-app';

/** Operation builders for training certificates. */

export const VERIFICATION_FIELDS = `code holderName holderErased trainingTitle curriculumTitle curriculumVersion startDate endDate
  places issuingNetwork partnerOrganisations issuedAt revoked revokedAt revokeReason`;

export const CERTIFICATE_FIELDS = `id enrolmentId trainingId personId code verificationUrl pdfPath issuedAt revoked revokedAt
  revokeReason details { ${VERIFICATION_FIELDS} }`;

export interface VerificationData {
  code: string;
  holderName: string | null;
  holderErased: boolean;
  trainingTitle: string;
  curriculumTitle: string;
  curriculumVersion: number;
  startDate: string;
  endDate: string;
  places: string[];
  issuingNetwork: string;
  partnerOrganisations: string[];
  issuedAt: string;
  revoked: boolean;
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface CertificateData {
  id: string;
  enrolmentId: string;
  trainingId: string;
  personId: string;
  code: string;
  verificationUrl: string;
  pdfPath: string;
  issuedAt: string;
  revoked: boolean;
  revokedAt: string | null;
  revokeReason: string | null;
  details: VerificationData;
}

export const verifyCertificate = (code: string): Operation => ({
  query: `query ($code: String!) { verifyCertificate(code: $code) { ${VERIFICATION_FIELDS} } }`,
  variables: { code },
});

export const myCertificates = (): Operation => ({ query: `{ myCertificates { ${CERTIFICATE_FIELDS} } }` });

export const certificateById = (id: string): Operation => ({
  query: `query ($id: ID!) { certificate(id: $id) { ${CERTIFICATE_FIELDS} } }`,
  variables: { id },
});

export const revokeCertificate = (certificateId: string, reason: string): Operation => ({
  query: `mutation ($input: RevokeCertificateInput!) { revokeCertificate(input: $input) { ${CERTIFICATE_FIELDS} } }`,
  variables: { input: { certificateId, reason } },
});

export const trainingCertificates = (trainingId: string): Operation => ({
  query: `query ($id: ID!) { training(id: $id) { id status enrolments { id personId status certificate { ${CERTIFICATE_FIELDS} } } } }`,
  variables: { id: trainingId },
});
