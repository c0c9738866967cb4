'use strict';
/**
 * Baseline for bench/graphql-throughput.js: the same framework (Fastify + Mercurius + graphql-js)
 * with nothing of ours — no Nest, no context factory, no limits, no error formatter — answering the
 * same authenticated `{ me { id name } }` with the same session lookup, written by hand.
 */
const { createHash } = require('node:crypto');
const Fastify = require('fastify');
const mercurius = require('mercurius');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
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
      const { rows } = await pool.query(
        `SELECT p.id, p.name FROM session s JOIN account a ON a.id = s.account_id JOIN person p ON p.id = a.person_id
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
        [hash],
      );
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
