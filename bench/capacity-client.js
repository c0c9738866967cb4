'use strict';
/**
 * One load worker of bench/capacity.js: simulates its share of active users against one server and
 * reports per-step histograms to the parent over IPC.
 *
 * An active user (the definition bench/capacity.js prints beside its figure): one signed-in person with
 * one live socket joined to one channel, who, after an exponentially distributed think time (mean
 * BENCH_THINK_S, 30 s), does one thing and waits for its answer before thinking again:
 *   40 % read their channel's latest 20 messages (GraphQL `channelMessages`),
 *   20 % post a message to their channel (socket `message:send`, answered by its acknowledgement),
 *   20 % search the directory for a word (GraphQL `searchDirectory`, first 20 people),
 *   10 % open their notifications (GraphQL `myNotifications`, first 20),
 *   10 % list their channels with unread counts (GraphQL `myChannels`).
 * Every message posted is delivered to every member's socket; the delivery latency (post → receipt on
 * another member's socket) is measured too.
 *
 * Sockets speak Socket.IO v5 over Engine.IO v4 on `ws` directly (as bench/chat-fanout-client.js): a
 * full socket.io-client per user costs more CPU than the server being measured.
 */
const WebSocket = require('ws');

const BUCKET_MS = 1;
const BUCKETS = 60_000; // up to 60 s; beyond is counted in the last bucket
const THINK_S = Number(process.env.BENCH_THINK_S ?? 30);
const WORDS = ['Ana', 'Maria', 'Instituto', 'Ministry', 'Santos', 'Kenya', 'Bench', 'Jean', 'Silva', 'Rights'];

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const QUERIES = {
  history: `query ($c: ID!) { channelMessages(channelId: $c, first: 20) { edges { node { id body } } } }`,
  search: `query ($t: String!) { searchDirectory(text: $t) { people(first: 20) { edges { node { id name } } } } }`,
  notifications: `{ myNotifications(first: 20) { edges { node { id } } } }`,
  channels: `{ myChannels(first: 20) { edges { node { unreadCount channel { id } } } } }`,
};

function newStats() {
  return {
    actions: new Uint32Array(BUCKETS),
    deliveries: new Uint32Array(BUCKETS),
    ok: 0,
    errors: 0,
    serverErrors: 0,
    byKind: {},
  };
}
let stats = newStats();
const record = (histogram, ms) => (histogram[Math.min(BUCKETS - 1, Math.max(0, Math.floor(ms / BUCKET_MS)))] += 1);

class User {
  constructor(url, token, channelId, index) {
    Object.assign(this, { url, token, channelId, index, acks: new Map(), nextAck: 2, stopped: false });
  }

  connect() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${this.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
      this.ws = ws;
      const timer = setTimeout(() => reject(new Error('no join within 60 s')), 60_000);
      ws.on('error', (e) => (this.joined ? (stats.errors += 1) : reject(e)));
      ws.on('close', () => {
        if (!this.stopped && this.joined) stats.errors += 1;
      });
      ws.on('message', (data) => {
        const text = data.toString();
        if (text === '2') return ws.send('3');
        if (text.startsWith('0{')) return ws.send(`40/live,${JSON.stringify({ token: this.token })}`);
        if (text.startsWith('44/live,')) return reject(new Error(text));
        if (text.startsWith('40/live,'))
          return ws.send(`42/live,1${JSON.stringify(['channel:join', { channelId: this.channelId }])}`);
        if (text.startsWith('43/live,1[')) {
          clearTimeout(timer);
          this.joined = true;
          return text.includes('"ok":true') ? resolve() : reject(new Error(text));
        }
        if (text.startsWith('43/live,')) {
          const idEnd = text.indexOf('[');
          const id = Number(text.slice(8, idEnd));
          const done = this.acks.get(id);
          if (done) {
            this.acks.delete(id);
            done(text.includes('"ok":true'));
          }
          return;
        }
        if (text.startsWith('42/live,["message:new"')) {
          const stamp = text.indexOf('"body":"cap@');
          if (stamp < 0) return;
          const sentAt = Number(text.slice(stamp + 12, text.indexOf('"', stamp + 12)));
          if (this.measuring) record(stats.deliveries, now() - sentAt);
        }
      });
    });
  }

  emit(event, payload) {
    const id = this.nextAck++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.acks.delete(id);
        resolve(false);
      }, 30_000);
      this.acks.set(id, (ok) => {
        clearTimeout(timer);
        resolve(ok);
      });
      this.ws.send(`42/live,${id}${JSON.stringify([event, payload])}`);
    });
  }

  async graphql(query, variables) {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json().catch(() => ({}));
    if (res.status >= 500) stats.serverErrors += 1;
    return res.status === 200 && !body.errors;
  }

  async act() {
    const r = Math.random();
    const kind = r < 0.4 ? 'history' : r < 0.6 ? 'post' : r < 0.8 ? 'search' : r < 0.9 ? 'notifications' : 'channels';
    const started = now();
    let ok;
    try {
      if (kind === 'post') {
        ok = await this.emit('message:send', {
          channelId: this.channelId,
          clientId: `c${this.index}-${this.nextAck}`,
          body: `cap@${now()}`,
        });
      } else if (kind === 'history') ok = await this.graphql(QUERIES.history, { c: this.channelId });
      else if (kind === 'search')
        ok = await this.graphql(QUERIES.search, { t: WORDS[Math.floor(Math.random() * WORDS.length)] });
      else ok = await this.graphql(QUERIES[kind], {});
    } catch {
      ok = false;
    }
    if (!this.measuring) return;
    record(stats.actions, now() - started);
    stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
    if (ok) stats.ok += 1;
    else stats.errors += 1;
  }

  async loop() {
    while (!this.stopped) {
      await sleep(-Math.log(1 - Math.random()) * THINK_S * 1000);
      if (this.stopped) return;
      await this.act();
    }
  }

  stop() {
    this.stopped = true;
    this.ws?.close();
  }
}

const users = [];

function sparse(histogram) {
  const out = {};
  histogram.forEach((count, bucket) => {
    if (count > 0) out[bucket] = count;
  });
  return out;
}

process.on('message', async (msg) => {
  try {
    if (msg.type === 'add') {
      const added = msg.users.map((u) => new User(msg.url, u.token, u.channelId, u.index));
      let failed = 0;
      for (let i = 0; i < added.length; i += 25) {
        // In groups of 25: real clients arrive over time, not in one instant.
        const results = await Promise.allSettled(added.slice(i, i + 25).map((u) => u.connect()));
        failed += results.filter((r) => r.status === 'rejected').length;
      }
      for (const u of added) {
        u.measuring = false;
        users.push(u);
        void u.loop();
      }
      process.send({ type: 'added', failed });
    } else if (msg.type === 'measure') {
      stats = newStats();
      for (const u of users) u.measuring = true;
      process.send({ type: 'measuring' });
    } else if (msg.type === 'report') {
      for (const u of users) u.measuring = false;
      const s = stats;
      process.send({
        type: 'report',
        actions: sparse(s.actions),
        deliveries: sparse(s.deliveries),
        ok: s.ok,
        errors: s.errors,
        serverErrors: s.serverErrors,
        byKind: s.byKind,
        users: users.length,
      });
    } else if (msg.type === 'stop') {
      for (const u of users) u.stop();
      process.send({ type: 'stopped' }, () => process.exit(0));
    }
  } catch (error) {
    process.send({ type: 'error', message: String(error && error.stack ? error.stack : error) });
  }
});
process.send({ type: 'ready' });
