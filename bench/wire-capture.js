'use strict';
/**
 * A TCP proxy in front of PostgreSQL that records every statement a client sends, as the server
 * receives it: the SQL of each Parse (or simple Query), the values of each Bind, and when the
 * server's ReadyForQuery ended it. The benchmarks use it to count statements on the wire and to
 * replay a server's own statements through `pg` as a baseline. Only the frontend messages that carry
 * statements are decoded; bytes are forwarded untouched.
 */
const net = require('node:net');
const { performance } = require('node:perf_hooks');

/** Splits a byte stream into protocol messages; `typed` is false until the startup message is read. */
class MessageReader {
  constructor(onMessage, typed) {
    this.buffer = Buffer.alloc(0);
    this.typed = typed;
    this.onMessage = onMessage;
  }

  push(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const header = this.typed ? 5 : 4;
      if (this.buffer.length < header) return;
      const length = this.buffer.readInt32BE(this.typed ? 1 : 0);
      const total = (this.typed ? 1 : 0) + length;
      if (this.buffer.length < total) return;
      const type = this.typed ? String.fromCharCode(this.buffer[0]) : null;
      const body = this.buffer.subarray(header, total);
      this.buffer = this.buffer.subarray(total);
      if (!this.typed) {
        // SSLRequest / GSSENCRequest are followed by another untyped startup message.
        const code = body.readInt32BE(0);
        if (code !== 80877103 && code !== 80877104) this.typed = true;
      }
      this.onMessage(type, body);
    }
  }
}

function cstring(body, offset) {
  const end = body.indexOf(0, offset);
  return [body.toString('utf8', offset, end), end + 1];
}

/** Decodes a Bind message's statement name and parameter values (text as strings, binary as Buffers). */
function decodeBind(body) {
  let offset;
  let statement;
  [, offset] = cstring(body, 0);
  [statement, offset] = cstring(body, offset);
  const formatCount = body.readInt16BE(offset);
  offset += 2;
  const formats = [];
  for (let i = 0; i < formatCount; i += 1) {
    formats.push(body.readInt16BE(offset));
    offset += 2;
  }
  const count = body.readInt16BE(offset);
  offset += 2;
  const values = [];
  for (let i = 0; i < count; i += 1) {
    const length = body.readInt32BE(offset);
    offset += 4;
    if (length < 0) {
      values.push(null);
      continue;
    }
    const bytes = body.subarray(offset, offset + length);
    offset += length;
    const format = formatCount === 0 ? 0 : formatCount === 1 ? formats[0] : formats[i];
    values.push(format === 1 ? Buffer.from(bytes) : bytes.toString('utf8'));
  }
  return { statement, values };
}

/**
 * Starts the proxy on a free port in front of `target` ({ host, port }). `statements` collects
 * `{ connection, name, text, values, start, end }` in the order the server received them.
 */
function startWireCapture(target) {
  const statements = [];
  let connections = 0;
  const sockets = new Set();
  const server = net.createServer((client) => {
    const connection = (connections += 1);
    const prepared = new Map();
    const open = [];
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const record = (name, text, values) => {
      const s = { connection, name, text, values, start: performance.now(), end: null };
      statements.push(s);
      open.push(s);
    };
    const fromClient = new MessageReader((type, body) => {
      if (type === 'P') {
        const [name, offset] = cstring(body, 0);
        const [text] = cstring(body, offset);
        prepared.set(name, text);
      } else if (type === 'B') {
        const { statement, values } = decodeBind(body);
        record(statement, prepared.get(statement), values);
      } else if (type === 'Q') {
        record('', cstring(body, 0)[0], null);
      }
    }, false);
    const fromServer = new MessageReader((type) => {
      if (type === 'Z') for (const s of open.splice(0)) s.end = performance.now();
    }, true);
    client.on('data', (chunk) => {
      fromClient.push(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      fromServer.push(chunk);
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: server.address().port,
        statements,
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * Groups one request's statements into waves: a statement sent while another was still running
 * belongs to the same wave (the server issued them concurrently); one sent when nothing was running
 * starts the next wave. Replaying wave after wave, each wave's statements concurrently, issues them
 * with the request's own dependencies.
 */
function waves(statements) {
  const result = [];
  let current = [];
  let busyUntil = -Infinity;
  for (const s of [...statements].sort((a, b) => a.start - b.start)) {
    if (current.length > 0 && s.start >= busyUntil) {
      result.push(current);
      current = [];
    }
    current.push(s);
    busyUntil = Math.max(busyUntil, s.end ?? Infinity);
  }
  if (current.length > 0) result.push(current);
  return result.map((wave) => wave.map(({ name, text, values }) => ({ name, text, values })));
}

/** Replays waves through a `pg` pool: wave after wave, the statements of a wave concurrently. */
async function replay(pool, requestWaves) {
  for (const wave of requestWaves) {
    await Promise.all(
      wave.map((s) =>
        pool.query(
          s.values === null ? s.text : { text: s.text, values: s.values, ...(s.name ? { name: s.name } : {}) },
        ),
      ),
    );
  }
}

module.exports = { startWireCapture, waves, replay };
