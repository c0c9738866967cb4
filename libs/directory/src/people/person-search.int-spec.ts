import { DataSource } from 'typeorm';
import { Actor, anonymousActor } from '@enlace/core';
import { ENGINES, insertDirectoryPerson, insertNetwork, insertOrganisation, testContext } from '@enlace/testing';
import { DirectoryModule } from '../directory.module';
import { PersonSearchService } from './person-search.service';

jest.setTimeout(60_000);

function memberOf(networkId: string, personId = '00000000-0000-4000-8000-000000000001'): Actor {
  return {
    ...anonymousActor('en'),
    personId,
    accountId: personId,
    memberships: [{ networkId, role: 'OBSERVER', memberState: null }],
  };
}

/**
 * The search itself (full text with unaccent, trigram fuzziness, country names in four languages,
 * visibility in SQL), on both engines: the embedded PGlite must answer exactly like PostgreSQL.
 */
async function searchScenario(ds: DataSource, service: PersonSearchService): Promise<void> {
  const net = await insertNetwork(ds, { slug: 'andes', visibility: 'NETWORK' });
  const other = await insertNetwork(ds, { slug: 'elsewhere', visibility: 'NETWORK' });
  const org = await insertOrganisation(ds, {
    names: { es: 'Defensoría del Pueblo', fr: 'Bureau du Médiateur' },
    countryCode: 'PE',
    type: 'GOVERNMENT',
  });
  await insertDirectoryPerson(ds, {
    name: 'Rosa Quispe',
    countryCode: 'PE',
    organisationId: org.id,
    languages: ['es', 'en'],
    memberships: [{ networkId: net.id, role: 'FOCAL_POINT', memberState: 'PE' }],
  });
  await insertDirectoryPerson(ds, {
    name: 'Émile Côté',
    countryCode: 'CA',
    languages: ['fr'],
    memberships: [{ networkId: net.id, role: 'OBSERVER' }],
  });
  await insertDirectoryPerson(ds, {
    name: 'Hidden Peruvian',
    countryCode: 'PE',
    memberships: [{ networkId: other.id, role: 'FOCAL_POINT', memberState: 'PE' }],
  });
  const actor = memberOf(net.id);
  const find = async (command: Parameters<PersonSearchService['search']>[1], who: Actor = actor) =>
    (await service.search(who, command)).items.map((p) => p.name).sort();

  for (const text of ['Pérou', 'peru', 'PERÚ', 'Peru']) expect(await find({ text })).toEqual(['Rosa Quispe']);
  expect(await find({ text: 'emile cote' })).toEqual(['Émile Côté']);
  expect(await find({ text: 'ÉMILE' })).toEqual(['Émile Côté']);
  expect(await find({ text: 'mediateur' })).toEqual(['Rosa Quispe']);
  expect(await find({ text: 'defensoria' })).toEqual(['Rosa Quispe']);
  expect(await find({ text: 'quipse' })).toEqual([]); // two letters swapped in one short word: too far
  expect(await find({ text: 'Rosa Quispee' })).toEqual(['Rosa Quispe']); // fuzzy (trigram word similarity)
  expect(await find({ text: 'Canada' })).toEqual(['Émile Côté']);
  expect(await find({ text: 'Cote Emil' })).toEqual(['Émile Côté']);
  await insertDirectoryPerson(ds, {
    name: 'Ana Pereira',
    countryCode: 'BR',
    memberships: [{ networkId: net.id, role: 'OBSERVER' }],
  });
  expect(await find({ text: 'peru' })).toEqual(['Rosa Quispe']); // "Pereira" is near, not a match
  expect(await find({ language: 'fr' })).toEqual(['Émile Côté']);
  expect(await find({ organisationType: 'GOVERNMENT' })).toEqual(['Rosa Quispe']);
  expect(await find({ text: "O'Brien\\%_" })).toEqual([]);
  expect(await find({ text: 'peru' }, memberOf(other.id))).toEqual(['Hidden Peruvian']);
  expect(await find({ text: 'peru' }, anonymousActor('en'))).toEqual([]);

  // Who may see a person follows their memberships and networks, kept by the database's triggers.
  const hidden = "(SELECT id FROM person WHERE name = 'Hidden Peruvian')";
  await ds.query(`UPDATE membership SET visibility = 'PUBLIC' WHERE person_id = ${hidden}`);
  expect(await find({ text: 'peru' }, anonymousActor('en'))).toEqual([]); // its network is not PUBLIC
  await ds.query(`UPDATE network SET visibility = 'PUBLIC' WHERE id = $1`, [other.id]);
  expect(await find({ text: 'peru' }, anonymousActor('en'))).toEqual(['Hidden Peruvian']);
  expect(await find({ text: 'peru' })).toEqual(['Hidden Peruvian', 'Rosa Quispe']);
  await ds.query(`DELETE FROM membership WHERE person_id = ${hidden}`);
  expect(await find({ text: 'peru' })).toEqual(['Rosa Quispe']);
  expect(await find({ text: 'peru' }, anonymousActor('en'))).toEqual([]);
  // Nobody can see a person without memberships but platform administrators.
  const admin = { ...anonymousActor('en'), isAdmin: true };
  expect(await find({ text: 'peru' }, admin)).toEqual(['Hidden Peruvian', 'Rosa Quispe']);
}

describe.each(ENGINES)('directory search on %s', (engine) => {
  it('is accent- and case-insensitive, multilingual and filtered by visibility (PGlite answers exactly like PostgreSQL)', async () => {
    const ctx = await testContext({ engine, imports: [DirectoryModule] });
    try {
      await searchScenario(ctx.dataSource, ctx.get(PersonSearchService));
    } finally {
      await ctx.close();
    }
  });
});
