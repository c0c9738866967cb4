import { I18nService } from '@enlace/core';
import { createDirectoryDemoSeed, loadDemoData, loadDirectoryDemo } from '@enlace/directory';
import { createDemoSeed } from '@enlace/identity';
import { insertSession } from '@enlace/testing';
import { createTrainingDemoSeed, loadTrainingDemo } from '@enlace/training';
import { startTestApp, TestApp } from './support/test-app';
import { myCertificates, verifyCertificate } from './support/training-certificates.operations';
import { trainingReport } from './support/training.operations';

interface Report {
  officials: number;
  trainings: number;
  byCountry: { key: string; label: string; officials: number }[];
  byYear: { key: string; officials: number }[];
  byCycle: { label: string; officials: number }[];
  trainedMoreThanOnce: { name: string; memberStates: string[]; cycles: number; trainings: { year: number }[] }[];
  untrainedMemberStates: { countryCode: string }[];
}

/** `npm run seed:demo`'s training part, then the alumni report as the demo secretariats read it. */
describe('training in the demo data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  async function tokenOf(email: string): Promise<string> {
    const [row] = (await t.dataSource.query(`SELECT id FROM account WHERE email = $1`, [email])) as { id: string }[];
    return insertSession(t.dataSource, row.id);
  }

  async function report(email: string, slug: string, lang: string): Promise<Report> {
    const [network] = (await t.dataSource.query(`SELECT id FROM network WHERE slug = $1`, [slug])) as { id: string }[];
    const res = await t.gql<{ trainingReport: Report }>(trainingReport({ networkId: network.id }), {
      token: await tokenOf(email),
      lang,
    });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.trainingReport;
  }

  it('recreates the 2012 seminars and a second cycle, idempotently, and the alumni report reads them', async () => {
    const accounts = loadDemoData();
    await createDemoSeed(t.dataSource).seed(accounts);
    await createDirectoryDemoSeed(t.dataSource, new I18nService()).seed(loadDirectoryDemo(), accounts);
    const first = await createTrainingDemoSeed(t.dataSource).seed(loadTrainingDemo());
    expect(first).toMatchObject({ curricula: 2, trainings: 5, unchanged: 0 });
    expect(first.completed).toBeGreaterThan(20);
    expect(first.certificates).toBe(first.completed);
    const second = await createTrainingDemoSeed(t.dataSource).seed(loadTrainingDemo());
    expect(second).toEqual({ curricula: 0, trainings: 0, unchanged: 5, completed: 0, certificates: 0 });

    // The seminar of Buenos Aires and Montevideo, co-delivered by the UN Office and the Auschwitz Institute.
    const partners = (await t.dataSource.query(
      `SELECT o.name -> 'en' ->> 'text' AS en, o.name FROM training tr JOIN network n ON n.id = tr.network_id
         JOIN organisation o ON o.id = ANY(tr.partner_organisation_ids)
        WHERE n.slug = 'latam-network' AND tr.starts_at < '2013-01-01' ORDER BY 1`,
    )) as { name: Record<string, { text: string }> }[];
    expect(partners.map((p) => Object.values(p.name)[0].text).sort()).toEqual([
      'Auschwitz Institute for Peace and Reconciliation',
      'Office on Genocide Prevention and the Responsibility to Protect',
    ]);

    // Its two sessions, one in each city, completed by everyone present at both.
    const lucia = await tokenOf('lucia.fernandez@example.org');
    const listed = await t.gql<{
      trainings: { edges: { node: { start: string; status: string; sessions: { start: string; place: string }[] } }[] };
    }>(
      {
        query: `{ trainings(first: 10) { edges { node { start status sessions { start place } } } } }`,
      },
      { token: lucia },
    );
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data!.trainings.edges.map((e) => e.node)[0]).toEqual({
      start: '2012-11-01T09:00',
      status: 'COMPLETED',
      sessions: [
        { start: '2012-11-01T09:00', place: 'Buenos Aires, Argentina' },
        { start: '2012-11-02T09:00', place: 'Montevideo, Uruguay' },
      ],
    });

    // Brazil's focal point holds a certificate for each cycle; the first verifies publicly, in Portuguese.
    const ana = await t.gql<{ myCertificates: { code: string; details: { trainingTitle: string } }[] }>(
      myCertificates(),
      { token: await tokenOf('ana.souza@example.org'), lang: 'pt' },
    );
    expect(ana.body.errors).toBeUndefined();
    expect(ana.body.data!.myCertificates.map((c) => c.details.trainingTitle).sort()).toEqual([
      'Segundo ciclo de capacitação da Rede Latino-Americana',
      'Seminário de capacitação da Rede Latino-Americana (Buenos Aires e Montevidéu)',
    ]);
    const verified = await t.gql<{ verifyCertificate: { holderName: string; partnerOrganisations: string[] } | null }>(
      verifyCertificate(ana.body.data!.myCertificates.find((c) => c.details.trainingTitle.startsWith('Semin'))!.code),
      { lang: 'pt' },
    );
    expect(verified.body.data!.verifyCertificate).toMatchObject({ holderName: 'Ana Paula Souza' });
    expect(verified.body.data!.verifyCertificate!.partnerOrganisations).toHaveLength(2);

    const latam = await report('lucia.fernandez@example.org', 'latam-network', 'es');
    expect(latam.trainings).toBe(2);
    expect(latam.byYear.map((g) => g.key)).toEqual(['2012', '2013']);
    expect(latam.byCycle.map((g) => g.label).sort()).toEqual([
      'Prevención del genocidio y de las atrocidades masivas para funcionarios públicos (versión 1)',
      'Prevención del genocidio y de las atrocidades masivas para funcionarios públicos (versión 2)',
    ]);
    // Argentina's and Brazil's focal points were trained in both cycles.
    const twice = latam.trainedMoreThanOnce.map((a) => [a.name, a.memberStates, a.cycles]);
    expect(twice).toEqual(
      expect.arrayContaining([
        ['Martín Acosta', ['AR'], 2],
        ['Ana Paula Souza', ['BR'], 2],
      ]),
    );
    expect(latam.byCountry.find((g) => g.key === 'AR')).toMatchObject({ label: 'Argentina', officials: 2 });
    expect(latam.untrainedMemberStates.map((s) => s.countryCode)).toEqual(expect.arrayContaining(['BO', 'CO', 'UY']));
    expect(latam.untrainedMemberStates.map((s) => s.countryCode)).not.toContain('AR');

    const icglr = await report('aline.ndayishimiye@example.org', 'icglr-committee', 'fr');
    expect(icglr.trainings).toBe(3);
    expect(icglr.byCountry.map((g) => [g.key, g.officials])).toEqual([
      ['KE', 2],
      ['TZ', 2],
      ['UG', 2],
    ]);
    expect(icglr.byCycle.map((g) => g.label)).toEqual([
      'Alerte précoce et réaction rapide pour la prévention du génocide et des crimes connexes (version 1)',
    ]);
    expect(icglr.untrainedMemberStates.map((s) => s.countryCode)).toEqual(
      expect.arrayContaining(['AO', 'BI', 'CD', 'RW']),
    );

    // Kenya's focal point reads her own state's alumni only.
    const kenya = await report('wanjiru.kamau@example.org', 'icglr-committee', 'en');
    expect(kenya.byCountry.map((g) => g.key)).toEqual(['KE']);
  });
});
