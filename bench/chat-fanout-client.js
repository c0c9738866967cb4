'use strict';
/**
 * One receiving worker of bench/chat-fanout.js: opens its share of the sockets, joins the channel,
 * then, phase after phase, records every `message:new` of the phase being measured (send→receive
 * latency from the timestamp in the body) in a histogram of 0.1 ms buckets, and reports to the parent
 * over IPC. Parent → worker: `{ type: 'phase', tag }` (measure the messages whose clientId starts
 * with `m-<tag>-` from now on), `progress`, `report` (this phase's figures), `close`.
 *
 * The receivers speak the Socket.IO protocol (v5 over Engine.IO v4, websocket transport) directly on
 * `ws`, reading only the two fields they need from each packet: a full socket.io-client per socket
 * costs more CPU than the servers being measured, and the load generator shares the machine with them.
 */
const WebSocket = require('ws');

const BUCKET_MS = 0.1;
const BUCKETS = 100_000; // up to 10 s; beyond is counted in the last bucket

const now = () => performance.timeOrigin + performance.now();

function open(url, token, channelId, onMessage) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const timer = setTimeout(() => reject(new Error('no join within 60 s')), 60_000);
    ws.on('error', reject);
    ws.on('message', (data) => {
      const text = data.toString();
      if (text === '2') return ws.send('3'); // ping → pong
      if (text.startsWith('0{')) return ws.send(`40/live,${JSON.stringify({ token })}`);
      if (text.startsWith('44/live,')) return reject(new Error(text));
      if (text.startsWith('40/live,')) return ws.send(`42/live,1${JSON.stringify(['channel:join', { channelId }])}`);
      if (text.startsWith('43/live,1')) {
        clearTimeout(timer);
        return text.includes('"ok":true') ? resolve(ws) : reject(new Error(text));
      }
      if (text.startsWith('42/live,["message:new"')) onMessage(text);
    });
  });
}

async function main() {
  const { url, tokens, channelId } = JSON.parse(process.argv[2]);
  const histogram = new Uint32Array(BUCKETS);
  const seen = tokens.map(() => new Set());
  let measured = null; // the clientId prefix of the phase being measured
  const sockets = [];
  for (let i = 0; i < tokens.length; i += 50) {
    // Connect in groups of 50, as real clients arrive over time rather than in one instant.
    const group = tokens.slice(i, i + 50).map((token, j) =>
      open(url, token, channelId, (packet) => {
        const at = now();
        const idStart = packet.indexOf('"clientId":"') + 12;
        const clientId = packet.slice(idStart, packet.indexOf('"', idStart));
        if (measured === null || !clientId.startsWith(measured)) return; // warm-up or another phase's
        const stamp = packet.indexOf('@', packet.indexOf('"body":"'));
        const sentAt = Number(packet.slice(stamp + 1, packet.indexOf('"', stamp)));
        histogram[Math.min(BUCKETS - 1, Math.max(0, Math.floor((at - sentAt) / BUCKET_MS)))] += 1;
        seen[i + j].add(clientId);
      }),
    );
    sockets.push(...(await Promise.all(group)));
  }
  process.send({ type: 'ready' });
  process.on('message', (msg) => {
    if (msg.type === 'phase') {
      measured = `m-${msg.tag}-`;
      histogram.fill(0);
      for (const s of seen) s.clear();
      process.send({ type: 'phase' });
    } else if (msg.type === 'progress') {
      process.send({ type: 'progress', received: seen.reduce((sum, s) => sum + s.size, 0) });
    } else if (msg.type === 'report') {
      const sparse = {};
      histogram.forEach((count, bucket) => {
        if (count > 0) sparse[bucket] = count;
      });
      process.send({ type: 'report', histogram: sparse, received: seen.map((s) => s.size) });
    } else if (msg.type === 'close') {
      for (const ws of sockets) ws.close();
      // Exit only once the answer has left: a pending IPC message is lost at exit.
      process.send({ type: 'closed' }, () => process.exit(0));
    }
  });
}

main().catch((error) => {
  process.send({ type: 'error', message: String(error && error.stack ? error.stack : error) });
  process.exit(1);
});
