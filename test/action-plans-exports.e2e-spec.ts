import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { pdfLayout, PdfRenderer } from '@enlace/core';
import { insertMemberState, insertNetwork, insertPartnership } from '@enlace/testing';
import {
  ActionData,
  addAction,
  addIndicator,
  addObjective,
  createActionPlan,
  ObjectiveData,
  PlanData,
  reportIndicatorValue,
  reportProgress,
  updateActionPlan,
} from './support/action-plans.operations';
import { signedInMember, SignedInMember } from './support/members';
import { pdfText } from './support/pdf-text';
import { GraphqlResponse, startTestApp, TestApp } from './support/test-app';

const en = (text: string) => [{ language: 'en', text }];

describe('action plan exports (CSV, PDF, dashboard CSV)', () => {
  let t: TestApp;
  let icglr: string;
  let secretariat: SignedInMember;
  let kenya: SignedInMember;
  let uganda: SignedInMember;
  let civil: SignedInMember;
  let stranger: SignedInMember;
  let shared: PlanData;
  let restricted: PlanData;

  async function ok<T>(res: Promise<GraphqlResponse<T>>): Promise<T> {
    const body = (await res).body;
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  const download = (path: string, token?: string, lang = 'en') => {
    let req = request(t.url)
      .get(path)
      .set('accept-language', lang)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (token) req = req.set('authorization', `Bearer ${token}`);
    return req;
  };

  const csvOf = (body: Buffer) => {
    const text = body.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    return parse(text.slice(1)) as string[][];
  };

  async function activePlan(token: string, input: Record<string, unknown>): Promise<PlanData> {
    const p = (
      await ok(
        t.gql<{ createActionPlan: PlanData }>(
          createActionPlan({ networkId: icglr, periodStart: '2012-07-01', periodEnd: '2015-06-30', ...input }),
          { token },
        ),
      )
    ).createActionPlan;
    return (
      await ok(
        t.gql<{ updateActionPlan: PlanData }>(
          updateActionPlan({ planId: p.id, expectedVersion: p.version, status: 'ACTIVE' }),
          { token },
        ),
      )
    ).updateActionPlan;
  }

  beforeAll(async () => {
    t = await startTestApp();
    icglr = (await insertNetwork(t.dataSource, { slug: 'icglr-exports' })).id;
    for (const code of ['KE', 'UG']) await insertMemberState(t.dataSource, { networkId: icglr, countryCode: code });
    const forum = (await insertNetwork(t.dataSource, { slug: 'forum-exports', kind: 'CIVIL_SOCIETY' })).id;
    await insertPartnership(t.dataSource, icglr, forum);
    const other = (await insertNetwork(t.dataSource, { slug: 'other-exports' })).id;
    secretariat = await signedInMember(t, { name: 'ICGLR Secretariat', networkId: icglr, role: 'SECRETARIAT' });
    kenya = await signedInMember(t, { name: 'Kenya FP', networkId: icglr, role: 'FOCAL_POINT', memberState: 'KE' });
    uganda = await signedInMember(t, { name: 'Uganda FP', networkId: icglr, role: 'FOCAL_POINT', memberState: 'UG' });
    civil = await signedInMember(t, { name: 'Forum member', networkId: forum, role: 'CIVIL_SOCIETY' });
    stranger = await signedInMember(t, { name: 'Other secretariat', networkId: other, role: 'SECRETARIAT' });

    shared = await activePlan(kenya.token, {
      memberState: 'KE',
      title: [
        { language: 'en', text: 'Early warning and early response plan' },
        { language: 'fr', text: 'Plan d’alerte précoce et de réponse rapide' },
        { language: 'es', text: 'Plan de alerta temprana y respuesta rápida' },
      ],
      visibility: 'PARTNERS',
    });
    const o = (
      await ok(
        t.gql<{ addObjective: ObjectiveData }>(
          addObjective({
            planId: shared.id,
            title: en('National early warning system'),
            tags: ['dimension:authority'],
          }),
          { token: kenya.token },
        ),
      )
    ).addObjective;
    const desks = (
      await ok(
        t.gql<{ addAction: ActionData }>(
          addAction({
            objectiveId: o.id,
            title: en('Open county early warning desks'),
            responsibleOrganisation: '=HYPERLINK("http://x")',
            startsOn: '2012-08-01',
            dueOn: '2013-12-31',
            weight: 3,
          }),
          { token: kenya.token },
        ),
      )
    ).addAction;
    await ok(
      t.gql<{ addAction: ActionData }>(
        addAction({
          objectiveId: o.id,
          title: en('Train peace monitors'),
          startsOn: '2012-08-01',
          dueOn: '2014-12-31',
          weight: 1,
        }),
        { token: kenya.token },
      ),
    );
    const indicator = (
      await ok(
        t.gql<{ addIndicator: { id: string; dueDates: { dueOn: string }[] } }>(
          addIndicator({
            actionId: desks.id,
            title: en('Desks open'),
            unit: 'desks',
            valueType: 'INTEGER',
            baseline: 0,
            target: 47,
            schedule: { start: '2012-07-01', end: '2013-12-31', everyMonths: 6 },
          }),
          { token: kenya.token },
        ),
      )
    ).addIndicator;
    await ok(
      t.gql(reportProgress({ actionId: desks.id, status: 'IN_PROGRESS', progress: 40 }), { token: kenya.token }),
    );
    await ok(
      t.gql(reportIndicatorValue({ indicatorId: indicator.id, dueOn: indicator.dueDates[0].dueOn, value: 12 }), {
        token: kenya.token,
      }),
    );

    restricted = await activePlan(uganda.token, {
      memberState: 'UG',
      title: en('Uganda restricted plan'),
      visibility: 'RESTRICTED',
    });
    const ou = (
      await ok(
        t.gql<{ addObjective: ObjectiveData }>(addObjective({ planId: restricted.id, title: en('Secret objective') }), {
          token: uganda.token,
        }),
      )
    ).addObjective;
    await ok(
      t.gql(
        addAction({ objectiveId: ou.id, title: en('Secret action'), startsOn: '2012-08-01', dueOn: '2013-01-31' }),
        {
          token: uganda.token,
        },
      ),
    );
  });

  afterAll(async () => {
    await t.close();
  });

  it('exports a plan as CSV, one row per action with its indicators, in the requester’s language', async () => {
    const res = await download(`/action-plans/${shared.id}.csv`, kenya.token, 'fr');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="action-plan-KE-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = csvOf(res.body as Buffer);
    expect(rows[0].slice(0, 3)).toEqual(['Objectif', 'Étiquettes de l’objectif', 'Action']);
    expect(rows).toHaveLength(3);
    const [desks, monitors] = rows.slice(1);
    expect(desks[0]).toBe('National early warning system');
    expect(desks[1]).toBe('Autorité légitime et compétente');
    expect(desks[2]).toBe('Open county early warning desks');
    // A formula someone typed is written as text, never as a live formula.
    expect(desks[3]).toBe(`'=HYPERLINK("http://x")`);
    expect(desks.slice(5, 10)).toEqual(['2012-08-01', '2013-12-31', 'En cours', '40', '3']);
    expect(desks[11]).toBe('Desks open : 12 pour une cible de 47 desks (référence 0 ; plus c’est mieux)');
    expect(monitors[2]).toBe('Train peace monitors');
    expect(monitors[7]).toBe('Pas commencée');
    expect(monitors[11]).toBe('');

    const spanish = csvOf((await download(`/action-plans/${shared.id}.csv`, secretariat.token, 'es')).body as Buffer);
    expect(spanish[0][0]).toBe('Objetivo');
    expect(spanish[1][7]).toBe('En curso');
  });

  it('exports a plan as a PDF report in the requester’s language, with its figures', async () => {
    for (const [lang, title, progress, status] of [
      ['es', 'Plan de alerta temprana y respuesta rápida', 'Avance ponderado: 30 %', 'En curso'],
      ['fr', 'Plan d’alerte précoce et de réponse rapide', 'Avancement pondéré : 30 %', 'En cours'],
      ['en', 'Early warning and early response plan', 'Weighted progress: 30%', 'In progress'],
    ]) {
      const res = await download(`/action-plans/${shared.id}.pdf?asOf=2013-06-30`, secretariat.token, lang);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = await pdfText(res.body as Buffer);
      expect(pdf.pages).toBe(1);
      const text = pdf.text.replace(/\s+/g, ' ');
      expect(text).toContain(title);
      expect(text).toContain(progress);
      expect(text).toContain(status);
      expect(text).toContain('Open county early warning desks');
      expect(text).toContain('Train peace monitors');
      expect(text).toContain('Desks open');
    }
  });

  it('answers 503 with Retry-After while every PDF worker is busy and the queue is full, serving everything else', async () => {
    // Hold every worker and every place in the queue with layouts that wait behind a gate.
    const pdfs = t.app.get(PdfRenderer);
    const held = pdfLayout<{ gate: Int32Array; text: string }>(
      require.resolve('../libs/core/src/pdf/pdf-test-layouts.int-fixture'),
      'layoutHeld',
    );
    const gate = new Int32Array(new SharedArrayBuffer(4));
    const holding = Array.from({ length: pdfs.workers + pdfs.maxQueued }, (_, i) =>
      pdfs.render(held, { gate, text: String(i) }),
    );
    expect(pdfs.load).toEqual({ running: pdfs.workers, queued: pdfs.maxQueued });
    try {
      const busy = await download(`/action-plans/${shared.id}.pdf`, secretariat.token, 'es');
      expect(busy.status).toBe(503);
      const seconds = Number(busy.headers['retry-after']);
      expect(Number.isInteger(seconds) && seconds >= 1).toBe(true);
      expect(JSON.parse((busy.body as Buffer).toString('utf8'))).toEqual({
        error: {
          code: 'INTERNAL_SERVER_ERROR',
          message: `Se están preparando demasiados documentos en este momento. Inténtelo de nuevo en ${seconds} ${seconds === 1 ? 'segundo' : 'segundos'}.`,
        },
      });
      // The request thread is free: other requests are answered meanwhile.
      expect((await download(`/action-plans/${shared.id}.csv`, secretariat.token)).status).toBe(200);
    } finally {
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
    }
    expect((await Promise.all(holding)).map(String)).toEqual(holding.map((_, i) => String(i)));
    const served = await download(`/action-plans/${shared.id}.pdf`, secretariat.token);
    expect(served.status).toBe(200);
    expect((await pdfText(served.body as Buffer)).text).toContain('Train peace monitors');
  });

  it('answers a plan the caller may not read exactly like a missing one, in every format', async () => {
    const missing = randomUUID();
    for (const token of [civil.token, stranger.token, kenya.token]) {
      for (const ext of ['csv', 'pdf']) {
        const hidden = await download(`/action-plans/${restricted.id}.${ext}`, token);
        const none = await download(`/action-plans/${missing}.${ext}`, token);
        expect(hidden.status).toBe(404);
        expect([hidden.status, (hidden.body as Buffer).toString()]).toEqual([
          none.status,
          (none.body as Buffer).toString(),
        ]);
      }
    }
    // Another network's secretariat does not see the shared plan either.
    expect((await download(`/action-plans/${shared.id}.csv`, stranger.token)).status).toBe(404);
    expect((await download(`/action-plans/not-a-uuid.pdf`, kenya.token)).status).toBe(404);
    // A partner forum member reads the shared plan.
    expect((await download(`/action-plans/${shared.id}.csv`, civil.token)).status).toBe(200);
    // Without a token, nothing.
    expect((await download(`/action-plans/${shared.id}.csv`)).status).toBe(401);
    expect((await download(`/action-plans/dashboard.csv?networkId=${icglr}`)).status).toBe(401);
  });

  it('exports the network dashboard as CSV counting only the plans the caller may read', async () => {
    const path = `/action-plans/dashboard.csv?networkId=${icglr}&asOf=2013-06-30`;
    const total = (rows: string[][]) => rows.find((r) => r[0] === 'Total') ?? [];
    const bySecretariat = await download(path, secretariat.token, 'pt');
    expect(bySecretariat.status).toBe(200);
    expect(bySecretariat.headers['content-disposition']).toBe(
      'attachment; filename="action-plans-dashboard-2013-06-30.csv"',
    );
    const rows = csvOf(bySecretariat.body as Buffer);
    expect(rows[0].slice(0, 5)).toEqual(['Agrupamento', 'Chave', 'Nome', 'Planos', 'Ações']);
    expect(total(rows).slice(3, 5)).toEqual(['2', '3']);
    const states = rows.filter((r) => r[0] === 'Estado-membro').map((r) => [r[1], r[2], r[3]]);
    expect(states).toEqual([
      ['KE', 'Quénia', '1'],
      ['UG', 'Uganda', '1'],
    ]);
    expect(rows.find((r) => r[0] === 'Região da ONU')?.slice(1, 4)).toEqual(['AFRICA', 'África', '2']);
    expect(rows.find((r) => r[0] === 'Dimensão de prevenção')?.[1]).toBe('dimension:authority');

    // The forum member counts the shared plan only; another network's secretariat counts nothing.
    const byCivil = csvOf((await download(path, civil.token)).body as Buffer);
    expect(total(byCivil).slice(3, 5)).toEqual(['1', '2']);
    expect(byCivil.map((r) => r[1])).not.toContain('UG');
    const byStranger = csvOf((await download(path, stranger.token)).body as Buffer);
    expect(byStranger.filter((r) => r[0] === 'Member state')).toEqual([]);
    expect(total(byStranger).slice(3, 5)).toEqual(['0', '0']);

    const bad = await download(`/action-plans/dashboard.csv?networkId=${icglr}&asOf=yesterday`, secretariat.token);
    expect(bad.status).toBe(400);
    expect((bad.body as Buffer).toString()).toContain('YYYY-MM-DD');
  });
});
