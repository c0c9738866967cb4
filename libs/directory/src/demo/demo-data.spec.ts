import { readFileSync } from 'node:fs';
import { LANGUAGES } from '@enlace/core';
import { demoDataPath, DemoDataError, loadDemoData, parseDemoData } from './demo-data';

function shipped(): Record<string, unknown> {
  return JSON.parse(readFileSync(demoDataPath(), 'utf8')) as Record<string, unknown>;
}

function problemsOf(raw: unknown): string[] {
  try {
    parseDemoData(raw);
  } catch (error) {
    if (error instanceof DemoDataError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('demo data', () => {
  const data = loadDemoData();

  it('ships five networks, each named and described in every language, with one ORIGINAL', () => {
    expect(data.networks.map((n) => n.slug).sort()).toEqual(
      ['gaamac', 'icglr-committee', 'lac-cso-forum', 'latam-network', 'r2p-focal-points'].sort(),
    );
    for (const network of data.networks) {
      for (const text of [network.name, network.description]) {
        expect(Object.keys(text).sort()).toEqual([...LANGUAGES].sort());
        expect(Object.values(text).filter((t) => t.status === 'ORIGINAL')).toHaveLength(1);
      }
      expect(network.name[network.defaultLanguage]?.status).toBe('ORIGINAL');
    }
  });

  it('says in every description that the people are fictional', () => {
    for (const network of data.networks) {
      expect(network.description.en?.text).toMatch(/Demo data: the people are fictional/);
    }
  });

  it('lists partnerships from both sides', () => {
    for (const network of data.networks) {
      for (const partner of network.partners) {
        expect(data.networks.find((n) => n.slug === partner)?.partners).toContain(network.slug);
      }
    }
  });

  it('gives every network a secretariat and every governmental network focal points', () => {
    for (const network of data.networks) {
      const roles = data.people.flatMap((p) =>
        p.memberships.filter((m) => m.network === network.slug).map((m) => m.role),
      );
      expect(roles).toContain('SECRETARIAT');
      if (network.kind === 'GOVERNMENTAL') expect(roles).toContain('FOCAL_POINT');
      else expect(roles).toContain('CIVIL_SOCIETY');
    }
  });

  it('keeps demo people on reserved example domains', () => {
    for (const person of data.people) expect(person.email).toMatch(/@example\.org$/);
  });

  it('reports every problem of a broken file at once', () => {
    const raw = shipped();
    const networks = raw.networks as Array<Record<string, unknown>>;
    const people = raw.people as Array<Record<string, unknown>>;
    const broken = {
      ...raw,
      password: 'short',
      networks: [
        { ...networks[0], partners: ['nowhere'], name: { en: { text: 'Only English', status: 'ORIGINAL' } } },
        ...networks.slice(1),
      ],
      people: [
        { ...people[0], email: 'someone@gmail.com' },
        {
          ...people[1],
          memberships: [{ network: 'latam-network', role: 'FOCAL_POINT', startsOn: '2024-02-30' }],
        },
      ],
    };
    const problems = problemsOf(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'password must have at least 10 characters',
        'networks[0].name lacks es, pt, fr',
        'network "latam-network" names an unknown partner "nowhere"',
        'people[0].email must be a lower-case address on example.org, example.com or example.net',
        'people[1].memberships[0]: a FOCAL_POINT represents a member state (memberState is required)',
        'people[1].memberships[0].startsOn must be a date (YYYY-MM-DD)',
      ]),
    );
  });

  it('rejects unknown languages, statuses and networks', () => {
    const raw = shipped();
    const networks = raw.networks as Array<Record<string, unknown>>;
    const name = networks[0].name as Record<string, unknown>;
    const problems = problemsOf({
      ...raw,
      networks: [{ ...networks[0], name: { ...name, de: { text: 'Netz', status: 'ORIGINAL' } } }],
    });
    expect(problems).toEqual(expect.arrayContaining(['networks[0].name: unsupported language "de"']));
    expect(problems.some((p) => /is a member of an unknown network "gaamac"/.test(p))).toBe(true);
  });
});
