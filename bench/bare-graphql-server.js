'use strict';
/**
 * Baselines for bench/graphql-throughput.js: the same framework (Fastify + Mercurius + graphql-js)
 * with nothing of ours — no Nest, no context factory, no limits, no error formatter — answering the
 * same authenticated `{ me { id name } }`, through a `pg` pool of 10 connections (Enlace's size).
 *
 * Two modes:
 * - thin (no BARE_STATEMENTS): one hand-written join of session, account and person, unprepared.
 * - Enlace's SQL (BARE_STATEMENTS: a JSON file of the statements Enlace sent for one `{ me }`,
 *   captured on the wire by bench/wire-capture.js, in waves): the same texts, under the same
 *   statement names when Enlace names them (so prepared the same way), with the request's token hash
 *   bound where Enlace bound it; `me` is read from the row of the statement that took the hash.
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const Fastify = require('fastify');
const mercurius = require('mercurius');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const THIN = `SELECT p.id, p.name FROM session s JOIN account a ON a.id = s.account_id JOIN person p ON p.id = a.person_id
               WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`;
/** Waves of `{ name, text, values }`; a value is `{ tokenHash: true }`, `{ hex }` (bytes) or as sent. */
const waves = process.env.BARE_STATEMENTS ? JSON.parse(readFileSync(process.env.BARE_STATEMENTS, 'utf8')) : null;

const bind = (values, hash) =>
  values === null
    ? null
    : values.map((v) => (v && v.tokenHash ? hash : v && typeof v.hex === 'string' ? Buffer.from(v.hex, 'hex') : v));
const takesHash = (s) => Array.isArray(s.values) && s.values.some((v) => v && v.tokenHash);

/** Enlace's statements for this request, wave after wave (a wave's statements concurrently); the caller's row. */
async function enlaceStatements(hash) {
  let caller = null;
  for (const wave of waves) {
    const results = await Promise.all(
      wave.map((s) => {
        const values = bind(s.values, hash);
        return pool.query(values === null ? s.text : { text: s.text, values, ...(s.name ? { name: s.name } : {}) });
      }),
    );
    wave.forEach((s, i) => {
      if (caller === null && takesHash(s)) caller = results[i].rows[0] ?? null;
    });
  }
  return caller && { id: caller.person_id ?? caller.id, name: caller.name };
}

const app = Fastify();
const schema = `
  type Me { id: ID! name: String! }
  type Query { me: Me }
`;
const resolvers = {
  Query: {
    async me(_root, _args, ctx) {
      const header = ctx.reply.request.headers.authorization ?? '';
      const token = header.replace(/^Bearer\s+/i, '');
      const hash = createHash('sha256').update(token).digest();
      if (waves) return enlaceStatements(hash);
      const { rows } = await pool.query(THIN, [hash]);
      return rows[0] ?? null;
    },
  },
};
app.register(mercurius, { schema, resolvers });
app.get('/health', async () => ({ status: 'ok' }));
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () =>
  app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0)),
);
