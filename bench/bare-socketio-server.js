'use strict';
/**
 * Baseline for bench/chat-fanout.js: the same Socket.IO (websocket transport, same namespace and
 * event names, same message shape) on a bare Node HTTP server, with nothing of ours — no Nest, no
 * token check, no database, no authorisation: `channel:join` joins the room, `message:send` acks
 * and broadcasts.
 */
const { createServer } = require('node:http');
const { randomUUID } = require('node:crypto');
const { Server } = require('socket.io');

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
io.of('/live').on('connection', (socket) => {
  socket.on('channel:join', ({ channelId }, ack) => {
    socket.join(`channel:${channelId}`);
    ack({ ok: true, channel: { id: channelId }, unreadCount: 0 });
  });
  socket.on('message:send', ({ channelId, clientId, body }, ack) => {
    const message = {
      id: randomUUID(),
      channelId,
      clientId,
      author: { id: 'bare', name: 'Bare' },
      body,
      parentId: null,
      mentions: [],
      pinned: false,
      replyCount: 0,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deletedAt: null,
      reactions: [],
    };
    ack({ ok: true, message });
    io.of('/live').to(`channel:${channelId}`).emit('message:new', message);
  });
});
http.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
