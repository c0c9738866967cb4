'use strict';
/**
 * Baselines for bench/chat-fanout.js: the same Socket.IO (websocket transport, same namespace and
 * event names, same message shape) on a bare Node HTTP server, with nothing of ours — no Nest, no
 * authorisation, no rate limit, no recovery: `channel:join` joins the room, `message:send` acks and
 * broadcasts.
 *
 * Two modes:
 * - thin (no DATABASE_URL): no database at all; the handshake's token is not checked.
 * - committing (DATABASE_URL set): the handshake's token is looked up once (its session, as Enlace's
 *   handshake does), and each message is inserted and committed in `channel_message` (one prepared
 *   `INSERT … RETURNING` in autocommit, through a `pg` pool of BARE_POOL_SIZE connections, 10 like
 *   Enlace's) before it is acknowledged and broadcast, as SPEC §4.5 asks of Enlace ("stored before it
 *   is broadcast"). It checks nothing per message: what Enlace does beyond this is its own cost.
 */
const { createServer } = require('node:http');
const { createHash, randomUUID } = require('node:crypto');
const { Server } = require('socket.io');

const pool = process.env.DATABASE_URL
  ? new (require('pg').Pool)({
      connectionString: process.env.DATABASE_URL,
      max: Number(process.env.BARE_POOL_SIZE ?? 10),
    })
  : null;

const SESSION = {
  name: 'bare_session_person',
  text: `SELECT p.id, p.name FROM session s JOIN account a ON a.id = s.account_id JOIN person p ON p.id = a.person_id
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
};
const INSERT = {
  name: 'bare_message_insert',
  text: `INSERT INTO channel_message (channel_id, author_id, client_id, body) VALUES ($1, $2, $3, $4)
         RETURNING id, created_at`,
};

const http = createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
    return;
  }
  res.writeHead(404);
  res.end();
});
const io = new Server(http, { maxHttpBufferSize: 32 * 1024 });
const live = io.of('/live');

if (pool) {
  live.use((socket, next) => {
    const token = String(socket.handshake.auth?.token ?? '');
    const hash = createHash('sha256').update(token, 'utf8').digest();
    pool.query({ ...SESSION, values: [hash] }).then(
      ({ rows }) => {
        if (!rows[0]) return next(new Error('invalid token'));
        socket.data.author = { id: rows[0].id, name: rows[0].name };
        next();
      },
      (error) => next(error),
    );
  });
}

/** The stored message (committing mode) or one made up on the spot (thin mode). */
async function store(socket, channelId, clientId, body) {
  if (!pool) return { id: randomUUID(), author: { id: 'bare', name: 'Bare' }, createdAt: new Date().toISOString() };
  const author = socket.data.author;
  const { rows } = await pool.query({ ...INSERT, values: [channelId, author.id, clientId, body] });
  return { id: rows[0].id, author, createdAt: rows[0].created_at.toISOString() };
}

live.on('connection', (socket) => {
  socket.on('channel:join', ({ channelId }, ack) => {
    socket.join(`channel:${channelId}`);
    ack({ ok: true, channel: { id: channelId }, unreadCount: 0 });
  });
  socket.on('message:send', ({ channelId, clientId, body }, ack) => {
    store(socket, channelId, clientId, body).then(
      ({ id, author, createdAt }) => {
        const message = {
          id,
          channelId,
          clientId,
          author,
          body,
          parentId: null,
          mentions: [],
          pinned: false,
          requiresAcknowledgement: false,
          replyCount: 0,
          createdAt,
          editedAt: null,
          deletedAt: null,
          reactions: [],
        };
        ack({ ok: true, message });
        live.to(`channel:${channelId}`).emit('message:new', message);
      },
      (error) => ack({ ok: false, error: { code: 'INTERNAL_SERVER_ERROR', message: String(error.message) } }),
    );
  });
});
http.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  io.close();
  (pool ? pool.end() : Promise.resolve()).finally(() => process.exit(0));
});
