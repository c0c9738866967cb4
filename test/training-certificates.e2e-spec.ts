import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { TransactionRunner } from '@enlace/core';
import { actorForSession, insertMemberState, insertNetwork, insertOrganisation } from '@enlace/testing';
import { CertificateService } from '@enlace/training';
import { erasePerson } from './support/directory.operations';
import { signedInMember, SignedInMember } from './support/members';
import { myNotifications, NotificationData } from './support/notifications.operations';
import { pdfText } from './support/pdf-text';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';
import {
  CertificateData,
  certificateById,
  myCertificates,
  revokeCertificate,
  trainingCertificates,
  VerificationData,
  verifyCertificate,
} from './support/training-certificates.operations';
import {
  addTrainingSession,
  completeTraining,
  recordTrainingAttendance,
} from './support/training-attendance.operations';
import {
  createCurriculum,
  createTraining,
  curriculumStep,
  EnrolmentData,
  nominate,
  trainingStep,
} from './support/training.operations';

interface Step {
  id: string;
  version: number;
}

/** Issue 12, item 5: certificates of completed enrolments — PDF per language, public verification, revocation. */
describe('training certificates', () => {
  let t: TestApp;
  let secretariat: SignedInMember;
  let trainingId: string;
  let networkId: string;
  let enrolmentIds: string[];
  let absent: SignedInMember;
  const holders: Record<'en' | 'es' | 'pt' | 'fr', SignedInMember> = {} as never;
  const certificates: Record<string, CertificateData> = {};
  const NAMES = { en: 'Grace O’Neill', es: 'José Peña Núñez', pt: 'João Gonçalves Simões', fr: 'Françoise Lefèvre' };

  async function ok<T>(res: Promise<GraphqlResponse<T>>): Promise<T> {
    const body = (await res).body;
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  const errorOf = (res: GraphqlResponse) => ({
    code: res.body.errors?.[0]?.extensions.code,
    message: res.body.errors?.[0]?.message,
    fields: res.body.errors?.[0]?.extensions.fields,
  });

  const download = (path: string, token?: string) => {
    let req = request(t.url)
      .get(path)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (token) req = req.set('authorization', `Bearer ${token}`);
    return req;
  };

  beforeAll(async () => {
    // Each test that counts lookups per address names its own (X-Forwarded-For, one trusted hop).
    t = await startTestApp({ TRUST_PROXY: '1', PUBLIC_URL: 'https://enlace.example.org' });
    const lac = (
      await insertNetwork(t.dataSource, {
        name: {
          es: { text: 'Red Latinoamericana para la Prevención del Genocidio', status: 'ORIGINAL' },
          pt: { text: 'Rede Latino-Americana para a Prevenção do Genocídio', status: 'TRANSLATED' },
          en: { text: 'Latin American Network for Genocide Prevention', status: 'TRANSLATED' },
        },
        defaultLanguage: 'es',
        workingLanguages: ['es', 'pt', 'en', 'fr'],
      })
    ).id;
    networkId = lac;
    await insertMemberState(t.dataSource, { networkId: lac, countryCode: 'AR' });
    secretariat = await signedInMember(t, { name: 'Secretaría', networkId: lac, role: 'SECRETARIAT' });
    const unOffice = await insertOrganisation(t.dataSource, {
      type: 'UN',
      names: {
        en: 'UN Office on Genocide Prevention',
        es: 'Oficina de la ONU para la Prevención del Genocidio',
        pt: 'Escritório da ONU para a Prevenção do Genocídio',
        fr: 'Bureau des Nations Unies pour la prévention du génocide',
      },
    });
    const auschwitz = await insertOrganisation(t.dataSource, {
      type: 'CIVIL_SOCIETY',
      name: 'Auschwitz Institute for Peace and Reconciliation',
    });
    const draft = (
      await ok(
        t.gql<{ createCurriculum: Step & { modules: { id: string }[] } }>(
          {
            ...createCurriculum({
              networkId: lac,
              title: [
                { language: 'en', text: 'Early warning and early response' },
                { language: 'es', text: 'Alerta temprana y respuesta temprana' },
                { language: 'pt', text: 'Alerta precoce e resposta rápida' },
                { language: 'fr', text: 'Alerte précoce et réaction rapide' },
              ],
              modules: [
                { title: [{ language: 'en', text: 'Establishing a framework for prevention' }], durationMinutes: 180 },
              ],
            }),
            query: `mutation ($input: CreateCurriculumInput!) { createCurriculum(input: $input) { id version modules { id } } }`,
          },
          { token: secretariat.token },
        ),
      )
    ).createCurriculum;
    const version = (
      await ok(
        t.gql<{ publishCurriculum: Step }>(curriculumStep('publishCurriculum', draft.id, draft.version), {
          token: secretariat.token,
        }),
      )
    ).publishCurriculum;
    let training = (
      await ok(
        t.gql<{ createTraining: Step }>(
          createTraining({
            networkId: lac,
            curriculumVersionId: version.id,
            format: 'IN_PERSON',
            places: ['Buenos Aires', 'Montevideo'],
            start: '2012-11-05T09:00',
            end: '2012-11-09T17:00',
            timeZone: 'America/Argentina/Buenos_Aires',
            languages: ['es', 'pt'],
            capacity: 10,
            partnerOrganisationIds: [unOffice.id, auschwitz.id],
          }),
          { token: secretariat.token },
        ),
      )
    ).createTraining;
    trainingId = training.id;
    training = (
      await ok(
        t.gql<{ openNominations: Step }>(trainingStep('openNominations', training.id, training.version), {
          token: secretariat.token,
        }),
      )
    ).openNominations;
    const enrolments: string[] = [];
    for (const lang of ['en', 'es', 'pt', 'fr'] as const) {
      holders[lang] = await signedInMember(t, {
        name: NAMES[lang],
        networkId: lac,
        role: 'OBSERVER',
        preferredLanguage: lang,
      });
      const e = (
        await ok(
          t.gql<{ nominate: EnrolmentData }>(
            nominate({ trainingId, personId: holders[lang].personId, memberState: 'AR' }),
            { token: secretariat.token },
          ),
        )
      ).nominate;
      enrolments.push(e.id);
    }
    // A fifth official, absent from the only session: not completed, no certificate.
    absent = await signedInMember(t, { name: 'Ausente', networkId: lac, role: 'OBSERVER' });
    await ok(
      t.gql(nominate({ trainingId, personId: absent.personId, memberState: 'AR' }), { token: secretariat.token }),
    );
    training = (
      await ok(
        t.gql<{ closeNominations: Step }>(trainingStep('closeNominations', training.id, training.version), {
          token: secretariat.token,
        }),
      )
    ).closeNominations;
    await ok(
      t.gql<{ startTraining: Step }>(trainingStep('startTraining', training.id, training.version), {
        token: secretariat.token,
      }),
    );
    // One session, the four holders present: completeTraining completes them and issues their certificates.
    const session = (
      await ok(
        t.gql<{ addTrainingSession: { id: string } }>(
          addTrainingSession({
            trainingId,
            start: '2012-11-05T09:00',
            end: '2012-11-05T17:00',
            place: 'Buenos Aires',
            moduleIds: draft.modules.map((m) => m.id),
          }),
          { token: secretariat.token },
        ),
      )
    ).addTrainingSession;
    await ok(
      t.gql(
        recordTrainingAttendance(session.id, [
          ...Object.values(holders).map((h) => ({ personId: h.personId, status: 'PRESENT' })),
          { personId: absent.personId, status: 'ABSENT' },
        ]),
        { token: secretariat.token },
      ),
    );
    training = (
      await ok(
        t.gql<{ training: Step }>(
          { query: `query ($id: ID!) { training(id: $id) { id version } }`, variables: { id: trainingId } },
          { token: secretariat.token },
        ),
      )
    ).training;
    const done = await ok(
      t.gql<{ completeTraining: { status: string } }>(completeTraining(trainingId, training.version), {
        token: secretariat.token,
      }),
    );
    expect(done.completeTraining.status).toBe('COMPLETED');
    enrolmentIds = enrolments;
    const listed = (
      await ok(
        t.gql<{
          training: { enrolments: { personId: string; status: string; certificate: CertificateData | null }[] };
        }>(trainingCertificates(trainingId), { token: secretariat.token }),
      )
    ).training.enrolments;
    for (const e of listed)
      if (e.personId !== absent.personId) certificates[e.personId] = e.certificate as CertificateData;
    expect(listed.find((e) => e.personId === absent.personId)).toMatchObject({ certificate: null });
    expect(listed.find((e) => e.personId === absent.personId)?.status).not.toBe('COMPLETED');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('issues one certificate per completion, whatever the number of calls, with an unguessable code', async () => {
    const all = Object.values(certificates);
    expect(all).toHaveLength(4);
    for (const c of all) {
      // 160 bits of Crockford base32, shown as printed and verified: eight groups of four.
      expect(c.code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(c.verificationUrl).toBe(`https://enlace.example.org/certificates/verify/${c.code.replace(/-/g, '')}`);
      expect(c.pdfPath).toBe(`/certificates/${c.id}.pdf`);
      expect(c.revoked).toBe(false);
    }
    expect(new Set(all.map((c) => c.code)).size).toBe(4);
    expect(all.map((c) => c.enrolmentId).sort()).toEqual([...enrolmentIds].sort());
    // Issuing again for the same completions (a retried hook) issues nothing new.
    const actor = await actorForSession(t.dataSource, secretariat.token);
    const again = await t.app
      .get(TransactionRunner)
      .run((tx) => t.app.get(CertificateService).issueFor(enrolmentIds, tx, actor));
    expect(again).toEqual([]);
    const mine = (await ok(t.gql<{ myCertificates: CertificateData[] }>(myCertificates(), { token: holders.pt.token })))
      .myCertificates;
    expect(mine.map((c) => c.id)).toEqual([certificates[holders.pt.personId].id]);
    // Each holder heard of it once, in their language.
    const heard = (
      await ok(
        t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), {
          token: holders.pt.token,
        }),
      )
    ).myNotifications.edges
      .map((e) => e.node)
      .filter((n) => n.kind === 'certificateIssued');
    expect(heard.map((n) => [n.language, n.title, n.subjectId])).toEqual([
      ['pt', 'O seu certificado está pronto: Alerta precoce e resposta rápida', certificates[holders.pt.personId].id],
    ]);
    // A holder reads their own enrolment of the training, with its certificate.
    const own = (
      await ok(
        t.gql<{ training: { enrolments: { personId: string; certificate: { id: string } | null }[] } }>(
          trainingCertificates(trainingId),
          { token: holders.pt.token },
        ),
      )
    ).training.enrolments;
    expect(own).toEqual([
      {
        id: expect.any(String),
        personId: holders.pt.personId,
        status: 'COMPLETED',
        certificate: expect.objectContaining({ id: certificates[holders.pt.personId].id }),
      },
    ]);
    // The secretariat's audit log records each issue.
    const log = await ok(
      t.gql<{ auditLog: { edges: { node: { action: string; entityId: string } }[] } }>(
        {
          query: `query ($networkId: ID) { auditLog(networkId: $networkId, entityType: "certificate", first: 50) { edges { node { action entityId } } } }`,
          variables: { networkId },
        },
        { token: secretariat.token },
      ),
    );
    expect(log.auditLog.edges.map((e) => e.node.action).sort()).toEqual(['issue', 'issue', 'issue', 'issue']);
  });

  it.each([
    [
      'en',
      'Certificate of completion',
      'Curriculum: Early warning and early response, version 1',
      'Issued by Latin American Network for Genocide Prevention with UN Office on Genocide Prevention and Auschwitz Institute for Peace and Reconciliation',
    ],
    [
      'es',
      'Certificado de finalización',
      'Currículo: Alerta temprana y respuesta temprana, versión 1',
      'Emitido por Red Latinoamericana para la Prevención del Genocidio con Oficina de la ONU para la Prevención del Genocidio y Auschwitz Institute for Peace and Reconciliation',
    ],
    [
      'pt',
      'Certificado de conclusão',
      'Currículo: Alerta precoce e resposta rápida, versão 1',
      'Emitido por Rede Latino-Americana para a Prevenção do Genocídio com Escritório da ONU para a Prevenção do Genocídio e Auschwitz Institute for Peace and Reconciliation',
    ],
    [
      'fr',
      'Certificat de formation',
      'Programme : Alerte précoce et réaction rapide, version 1',
      'Délivré par Red Latinoamericana para la Prevención del Genocidio avec Bureau des Nations Unies pour la prévention du génocide et Auschwitz Institute for Peace and Reconciliation',
    ],
  ] as const)(
    'renders the %s holder’s PDF in their language, accents intact',
    async (lang, title, curriculum, issuer) => {
      const holder = holders[lang];
      const c = certificates[holder.personId];
      const res = await download(c.pdfPath, holder.token);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = await pdfText(res.body as Buffer);
      expect(pdf.pages).toBe(1);
      const text = pdf.text.replace(/\s+/g, ' ');
      expect(text).toContain(title);
      expect(text).toContain(NAMES[lang]);
      expect(text).toContain(curriculum);
      expect(text).toContain(issuer);
      expect(text).toContain(c.code);
      expect(text).toContain(c.verificationUrl);
      expect(text).toContain('Buenos Aires · Montevideo');
      // The secretariat downloads the same certificate, still in the holder's language.
      const bySecretariat = await download(c.pdfPath, secretariat.token);
      expect(bySecretariat.status).toBe(200);
      expect((await pdfText(bySecretariat.body as Buffer)).text.replace(/\s+/g, ' ')).toContain(title);
    },
  );

  it('verifies publicly, without signing in: holder, curriculum and version, training, dates, issuer, partners', async () => {
    const c = certificates[holders.pt.personId];
    const seen = (await ok(t.gql<{ verifyCertificate: VerificationData }>(verifyCertificate(c.code), { lang: 'pt' })))
      .verifyCertificate;
    expect(seen).toEqual({
      code: c.code,
      holderName: 'João Gonçalves Simões',
      holderErased: false,
      trainingTitle: 'Alerta precoce e resposta rápida',
      curriculumTitle: 'Alerta precoce e resposta rápida',
      curriculumVersion: 1,
      startDate: '2012-11-05',
      endDate: '2012-11-09',
      places: ['Buenos Aires', 'Montevideo'],
      issuingNetwork: 'Rede Latino-Americana para a Prevenção do Genocídio',
      partnerOrganisations: [
        'Escritório da ONU para a Prevenção do Genocídio',
        'Auschwitz Institute for Peace and Reconciliation',
      ],
      issuedAt: c.issuedAt,
      revoked: false,
      revokedAt: null,
      revokeReason: null,
    });
    // As printed (hyphens, lower case) it verifies too; over HTTP, where the QR code points, the same answer.
    const typed = c.code.toLowerCase();
    expect(
      (await ok(t.gql<{ verifyCertificate: VerificationData }>(verifyCertificate(typed), { lang: 'pt' })))
        .verifyCertificate.holderName,
    ).toBe('João Gonçalves Simões');
    const http = await request(t.url).get(new URL(c.verificationUrl).pathname).set('accept-language', 'pt');
    expect(http.status).toBe(200);
    expect(http.body).toEqual({ certificate: seen });
  });

  it('answers a forged, mistyped or malformed code exactly like an unknown one', async () => {
    const real = certificates[holders.en.personId].code.replace(/-/g, '');
    const forged = [
      'Z'.repeat(32),
      real.slice(0, 31) + (real[31] === '0' ? '1' : '0'),
      'not-a-code',
      '',
      "' OR 1=1 --",
      'x'.repeat(5000),
    ];
    const answers = await Promise.all(forged.map((code) => t.gql(verifyCertificate(code))));
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { verifyCertificate: null } });
    }
    for (const code of ['Z'.repeat(32), 'not-a-code']) {
      const http = await request(t.url).get(`/certificates/verify/${encodeURIComponent(code)}`);
      expect([http.status, http.body]).toEqual([200, { certificate: null }]);
    }
  });

  it('lets the secretariat revoke with a reason: the holder is told, and the code still verifies, as revoked', async () => {
    const holder = holders.pt;
    const c = certificates[holder.personId];
    // The holder may read it but not revoke it; a reason is required.
    expect(errorOf(await t.gql(revokeCertificate(c.id, 'mine'), { token: holder.token })).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(revokeCertificate(c.id, '   '), { token: secretariat.token, lang: 'es' }))).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.any(String),
      fields: [{ field: 'reason', message: 'Indique el motivo por el que revoca este certificado.' }],
    });
    const revoked = (
      await ok(
        t.gql<{ revokeCertificate: CertificateData }>(revokeCertificate(c.id, 'Asistencia registrada por error'), {
          token: secretariat.token,
        }),
      )
    ).revokeCertificate;
    expect(revoked).toMatchObject({ revoked: true, revokeReason: 'Asistencia registrada por error' });
    const twice = await t.gql(revokeCertificate(c.id, 'again'), { token: secretariat.token, lang: 'fr' });
    expect(errorOf(twice)).toMatchObject({ code: 'CONFLICT', message: 'Ce certificat a déjà été révoqué.' });

    const seen = (await ok(t.gql<{ verifyCertificate: VerificationData }>(verifyCertificate(c.code))))
      .verifyCertificate;
    expect(seen).toMatchObject({
      holderName: 'João Gonçalves Simões',
      revoked: true,
      revokedAt: revoked.revokedAt,
      revokeReason: 'Asistencia registrada por error',
    });
    const news = (
      await ok(
        t.gql<{ myNotifications: { edges: { node: NotificationData }[] } }>(myNotifications(), { token: holder.token }),
      )
    ).myNotifications.edges.map((e) => e.node);
    const told = news.find((n) => n.kind === 'certificateRevoked');
    expect(told).toMatchObject({
      language: 'pt',
      subjectType: 'certificate',
      subjectId: c.id,
      title: 'Certificado revogado: Alerta precoce e resposta rápida',
    });
    expect(told!.body).toContain('Motivo indicado: Asistencia registrada por error');
    // The PDF says so on its face.
    const pdf = await pdfText((await download(c.pdfPath, holder.token)).body as Buffer);
    expect(pdf.text.replace(/\s+/g, ' ')).toContain('Revogado em');
    const log = await t.dataSource.query(
      `SELECT action, after FROM audit_log WHERE entity_type = 'certificate' AND entity_id = $1 ORDER BY at`,
      [c.id],
    );
    expect(log.map((r: { action: string }) => r.action)).toEqual(['issue', 'revoke']);
  });

  it('answers another network’s secretariat, another holder and strangers exactly as for a missing certificate', async () => {
    const c = certificates[holders.en.personId];
    const other = (await insertNetwork(t.dataSource)).id;
    const outsider = await signedInMember(t, { name: 'Other secretariat', networkId: other, role: 'SECRETARIAT' });
    const missing = randomUUID();
    for (const token of [outsider.token, holders.es.token]) {
      const theirs = await download(c.pdfPath, token);
      const none = await download(`/certificates/${missing}.pdf`, token);
      expect(theirs.status).toBe(404);
      expect([theirs.status, (theirs.body as Buffer).toString()]).toEqual([
        none.status,
        (none.body as Buffer).toString(),
      ]);
      const read = await t.gql(certificateById(c.id), { token });
      const readMissing = await t.gql(certificateById(missing), { token });
      expect(read.body).toEqual(readMissing.body);
      expect(errorOf(read).code).toBe('NOT_FOUND');
    }
    const revoke = await t.gql(revokeCertificate(c.id, 'not yours'), { token: outsider.token });
    const revokeMissing = await t.gql(revokeCertificate(missing, 'not yours'), { token: outsider.token });
    expect(revoke.body).toEqual(revokeMissing.body);
    expect(errorOf(revoke).code).toBe('NOT_FOUND');
    // Nothing changed.
    expect(
      (await ok(t.gql<{ verifyCertificate: VerificationData }>(verifyCertificate(c.code)))).verifyCertificate.revoked,
    ).toBe(false);
    // Argentina's focal point follows the state's nominations: completed, but the certificates are the holders'.
    const focalPoint = await signedInMember(t, { name: 'FP AR', networkId, role: 'FOCAL_POINT', memberState: 'AR' });
    const followed = (
      await ok(
        t.gql<{ training: { enrolments: { status: string; certificate: unknown }[] } }>(
          trainingCertificates(trainingId),
          { token: focalPoint.token },
        ),
      )
    ).training.enrolments;
    expect(followed.filter((e) => e.status === 'COMPLETED')).toHaveLength(4);
    expect(followed.map((e) => e.certificate)).toEqual(Array(5).fill(null));
    expect((await download(c.pdfPath, focalPoint.token)).status).toBe(404);
    // Without a token, nobody's certificate: the same 404 as a missing one.
    expect((await download(c.pdfPath)).status).toBe(404);
  });

  it('exports a person’s certificates with their data, and keeps an erased holder’s certificate verifiable without the name', async () => {
    const holder = holders.fr;
    const c = certificates[holder.personId];
    const exported = JSON.parse(
      (await ok(t.gql<{ myPersonalData: string }>({ query: `{ myPersonalData }` }, { token: holder.token })))
        .myPersonalData,
    ) as { certificates: { id: string; code: string; revokedAt: string | null }[] };
    expect(exported.certificates).toEqual([
      expect.objectContaining({ id: c.id, code: c.code.replace(/-/g, ''), revokedAt: null }),
    ]);

    const admin = await signedInMember(t, { name: 'Admin', isAdmin: true });
    expect((await t.gql(erasePerson(holder.personId), { token: admin.token })).body.errors).toBeUndefined();
    const seen = (await ok(t.gql<{ verifyCertificate: VerificationData }>(verifyCertificate(c.code), { lang: 'fr' })))
      .verifyCertificate;
    expect(seen).toMatchObject({ holderName: null, holderErased: true, revoked: false, curriculumVersion: 1 });
    expect(JSON.stringify(seen)).not.toContain('Lefèvre');
    const pdf = await pdfText((await download(c.pdfPath, secretariat.token)).body as Buffer);
    expect(pdf.text).not.toContain('Lefèvre');
  });

  describe('verification page (the QR code opened on a phone)', () => {
    const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
    const page = (code: string, lang: string, address: string) =>
      request(t.url)
        .get(`/certificates/verify/${encodeURIComponent(code)}`)
        .set('accept', BROWSER)
        .set('accept-language', lang)
        .set('x-forwarded-for', address);
    /** The page as a reader sees it: markup dropped, entities decoded, spaces collapsed. */
    const visible = (html: string) =>
      html
        .replace(/<style>[\s\S]*?<\/style>/, '')
        .replace(/<title>[\s\S]*?<\/title>/, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
        .replace(/\s+/g, ' ')
        .trim();
    const expectSelfContained = (res: request.Response) => {
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.vary).toMatch(/Accept-Language/);
      expect(res.text).toMatch(/^<!doctype html>/);
      // No script, image, frame, stylesheet, font or link to anything: it works offline, under its CSP.
      expect(res.text).not.toMatch(/<(script|img|iframe|link|object|embed|form)\b/i);
      expect(res.text).not.toMatch(/\b(src|href|action)\s*=/i);
      expect(res.text).not.toMatch(/url\(|@import/i);
    };

    it('shows a valid certificate in the reader’s language: holder, curriculum and version, training, dates, issuer, partners', async () => {
      const c = certificates[holders.en.personId];
      const res = await page(c.code, 'es-AR,es;q=0.9,en;q=0.5', '198.51.100.10');
      expect(res.status).toBe(200);
      expectSelfContained(res);
      expect(res.text).toContain('<html lang="es">');
      const text = visible(res.text);
      expect(text).toContain('Verificación de certificado VÁLIDO');
      expect(text).not.toMatch(/REVOCADO|NO ENCONTRADO/);
      for (const part of [
        `Titular ${NAMES.en}`,
        'Capacitación Alerta temprana y respuesta temprana',
        'Currículo Alerta temprana y respuesta temprana, versión 1',
        'Fechas 5–9 de noviembre de 2012',
        'Lugares Buenos Aires · Montevideo',
        'Expedido por Red Latinoamericana para la Prevención del Genocidio',
        'Impartido con Oficina de la ONU para la Prevención del Genocidio y Auschwitz Institute for Peace and Reconciliation',
        `Código de verificación ${c.code}`,
      ]) {
        expect(text).toContain(part);
      }
      // The same address, asked for JSON (or with no preference), answers JSON as before.
      for (const accept of ['application/json', '*/*']) {
        const json = await request(t.url)
          .get(`/certificates/verify/${c.code}`)
          .set('accept', accept)
          .set('x-forwarded-for', '198.51.100.10');
        expect(json.status).toBe(200);
        expect(json.headers['content-type']).toMatch(/^application\/json/);
        expect(json.body.certificate).toMatchObject({ holderName: NAMES.en, revoked: false });
      }
    });

    it('says REVOKED first, with the date and the reason', async () => {
      const c = certificates[holders.pt.personId]; // revoked above
      const res = await page(c.code, 'pt-BR', '198.51.100.11');
      expect(res.status).toBe(200);
      expectSelfContained(res);
      const text = visible(res.text);
      expect(text).toMatch(/^Verificação de certificado REVOGADO Este certificado foi emitido por .+ e revogado em /);
      expect(text).not.toContain('VÁLIDO');
      expect(text).toContain('Motivo indicado Asistencia registrada por error');
      expect(text).toContain('Titular João Gonçalves Simões');
    });

    it('answers an unknown, forged or malformed code with the same page saying NOT FOUND, and 404', async () => {
      const found = await page(certificates[holders.en.personId].code, 'fr', '198.51.100.12');
      for (const code of ['Z'.repeat(32), 'not-a-code', "<script>alert('x')</script>", 'x'.repeat(99)]) {
        const res = await page(code, 'fr-CA', '198.51.100.12');
        expect(res.status).toBe(404);
        expectSelfContained(res);
        expect(res.text).toContain('<html lang="fr">');
        expect(visible(res.text)).toMatch(/^Vérification de certificat INTROUVABLE Aucun certificat ne porte ce code/);
        expect(res.text).not.toContain(code.slice(0, 20)); // what was typed is not echoed
        // The same shape as a found certificate's page, without its details.
        const head = (html: string) => html.slice(0, html.indexOf('<p class="status'));
        expect(head(res.text).replace(/<title>.*<\/title>/, '')).toBe(
          head(found.text).replace(/<title>.*<\/title>/, ''),
        );
      }
      const english = await page('Z'.repeat(32), 'de-DE', '198.51.100.12'); // no German: English
      expect(english.status).toBe(404);
      expect(visible(english.text)).toContain('NOT FOUND');
    });

    it('prints what people wrote as text, never as markup', async () => {
      const holder = holders.es;
      const hostile = `<script>alert("pwned")</script><img onerror=alert(1)> & Peña`;
      const { version } = (
        await ok(
          t.gql<{ person: { version: number } }>(
            { query: `query ($id: ID!) { person(id: $id) { version } }`, variables: { id: holder.personId } },
            { token: secretariat.token },
          ),
        )
      ).person;
      await ok(
        t.gql(
          {
            query: `mutation ($input: UpdatePersonInput!) { updatePerson(input: $input) { id } }`,
            variables: { input: { id: holder.personId, expectedVersion: version, name: hostile } },
          },
          { token: secretariat.token },
        ),
      );
      const res = await page(certificates[holder.personId].code, 'es', '198.51.100.13');
      expect(res.status).toBe(200);
      expectSelfContained(res);
      expect(res.text).toContain(
        '&#60;script&#62;alert(&#34;pwned&#34;)&#60;/script&#62;&#60;img onerror=alert(1)&#62; &#38; Peña',
      );
      expect(visible(res.text)).toContain(`Titular ${hostile}`);
    });

    it('shows an erased holder’s certificate without the name', async () => {
      const res = await page(certificates[holders.fr.personId].code, 'fr', '198.51.100.14'); // erased above
      expect(res.status).toBe(200);
      const text = visible(res.text);
      expect(text).toContain('VALIDE');
      expect(text).toContain('Titulaire Personne effacée');
      expect(text).not.toContain('Lefèvre');
    });
  });

  it('limits public lookups per client address, found or not', async () => {
    const address = { 'x-forwarded-for': '203.0.113.77' };
    let limited: GraphqlResponse | null = null;
    for (let i = 0; i < 301 && !limited; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, 301 - i) }, () =>
          t.gql(verifyCertificate('Z'.repeat(32)), { headers: address }),
        ),
      );
      limited = batch.find((r) => r.body.errors?.[0]?.extensions.code === 'RATE_LIMITED') ?? null;
    }
    expect(limited).not.toBeNull();
    // Another address is not affected.
    const elsewhere = await t.gql(verifyCertificate(certificates[holders.en.personId].code), {
      headers: { 'x-forwarded-for': '203.0.113.78' },
    });
    expect(elsewhere.body.errors).toBeUndefined();
  });
});
