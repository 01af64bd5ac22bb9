import type { Socket } from 'node:net';
import { topicMatches } from '../domain/topics.ts';
import { type Rng, seededRng } from './openapi-operations.ts';
import { GARBAGE_KINDS, wsFrame } from './ws-cases.ts';
import { closeCodeIn, type FuzzConn, openConn, openRaw, upgradeRequest } from './ws-conn.ts';

export interface WsFuzzOptions {
  /** The WebSocket endpoint, e.g. ws://127.0.0.1:8600/ws. */
  url: string;
  seed: number;
  /** Frames to send in all (text, binary and raw), spread over many short-lived connections. */
  frames: number;
  /** Sent as x-api-key; with it, unauthenticated upgrades are tried too (they must get 401). */
  apiKey?: string;
  /** A topic pattern with live traffic: afterwards a fresh client must receive a message on it. */
  probeTopic?: string;
  /** The server's max frame size (the websocket engine's 64 KiB): huge frames go past it. */
  maxPayloadBytes?: number;
  /** Wait for an answer (pong, close, probe message) this long; default 10 s. */
  timeoutMs?: number;
}

export interface WsFuzzReport {
  framesSent: number;
  connections: number;
  /** `{"op":"error"}` frames received, in all and by code. */
  errorFrames: number;
  errorCodes: Record<string, number>;
  /** How connections the server closed ended (1009 too big, 1002 protocol error, ...). */
  closesByCode: Record<number, number>;
  /** Upgrades refused, by HTTP status (401 for missing or wrong keys). */
  refusedUpgrades: Record<number, number>;
  /** Findings: a connection dropped unasked, a ping left unanswered, a refused key let in, a failed connect. */
  crashes: number;
  healthyAfter: boolean;
  examples: string[];
}

interface Ctx {
  options: WsFuzzOptions;
  rng: Rng;
  report: WsFuzzReport;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Half-open connections kept until the end: the server must serve others meanwhile. */
  lingering: Array<{ close(): void }>;
}

const finding = (ctx: Ctx, what: string) => {
  ctx.report.crashes++;
  if (ctx.report.examples.length < 10) ctx.report.examples.push(what);
};

async function open(ctx: Ctx, kind: string): Promise<FuzzConn | undefined> {
  const opened = await openConn(ctx.options.url, ctx.headers, ctx.timeoutMs);
  ctx.report.connections++;
  if (opened.ok) return opened.conn;
  finding(ctx, `${kind}: could not connect: ${opened.error}`);
  return undefined;
}

/** Tallies what the server answered, and checks the connection still serves (unless it was to close). */
async function settle(ctx: Ctx, kind: string, conn: FuzzConn, expectClose?: number): Promise<void> {
  if (expectClose === undefined && !(await conn.answersPing(ctx.timeoutMs)))
    finding(ctx, `${kind}: no pong after the frames${conn.closed ? ` (closed ${conn.closed.code})` : ''}`);
  if (expectClose !== undefined) await conn.until(() => conn.closed !== undefined, ctx.timeoutMs);
  for (const frame of conn.frames)
    if (frame.op === 'error') {
      ctx.report.errorFrames++;
      const code = String(frame.code);
      ctx.report.errorCodes[code] = (ctx.report.errorCodes[code] ?? 0) + 1;
      if (typeof frame.message !== 'string' || frame.message.length === 0)
        finding(ctx, `${kind}: error frame ${code} without a message`);
    }
  if (conn.closed) {
    ctx.report.closesByCode[conn.closed.code] = (ctx.report.closesByCode[conn.closed.code] ?? 0) + 1;
    if (conn.closed.code !== expectClose)
      finding(ctx, `${kind}: closed ${conn.closed.code} ${conn.closed.reason}`);
  } else if (expectClose !== undefined) finding(ctx, `${kind}: expected close ${expectClose}, still open`);
  conn.close();
}

/** A session of bad text (and some binary) frames on one connection; it must keep answering. */
async function garbage(ctx: Ctx): Promise<void> {
  const conn = await open(ctx, 'garbage');
  if (!conn) return;
  const count = 10 + ctx.rng.int(40);
  for (let i = 0; i < count; i++) {
    if (ctx.rng.next() < 0.1) conn.socket.send(Buffer.from([ctx.rng.int(256), 0x7b, 0x00, 0xff]));
    else conn.socket.send(wsFrame(ctx.rng.pick(GARBAGE_KINDS), ctx.rng));
    ctx.report.framesSent++;
  }
  await settle(ctx, 'garbage', conn);
}

/** Subscribe and unsubscribe as fast as the socket takes them, without waiting for answers. */
async function flood(ctx: Ctx): Promise<void> {
  const conn = await open(ctx, 'flood');
  if (!conn) return;
  const count = 100 + ctx.rng.int(200);
  for (let i = 0; i < count; i++) {
    conn.socket.send(
      wsFrame(ctx.rng.pick(['subscribe', 'unsubscribe', 'subscribe', 'many-topics']), ctx.rng),
    );
    ctx.report.framesSent++;
  }
  await settle(ctx, 'flood', conn);
}

/** One frame past the server's max payload: the server must close with 1009, and only that client. */
async function huge(ctx: Ctx): Promise<void> {
  const conn = await open(ctx, 'huge');
  if (!conn) return;
  const size = (ctx.options.maxPayloadBytes ?? 64 * 1024) + 1 + ctx.rng.int(1024 * 1024);
  conn.socket.send(`{"op":"subscribe","topics":["${'A'.repeat(size)}"]}`);
  ctx.report.framesSent++;
  await settle(ctx, 'huge', conn, 1009);
}

/** Frame bytes no client may send (unmasked, reserved opcode, bad length): the server closes 1002. */
async function protocolViolation(ctx: Ctx): Promise<void> {
  const bad = ctx.rng.pick([
    Buffer.from([0x81, 0x02, 0x68, 0x69]), // unmasked text frame
    Buffer.from([0x83, 0x80, 1, 2, 3, 4]), // reserved opcode 3
    Buffer.from([0xf1, 0x80, 1, 2, 3, 4]), // RSV bits set without an extension
    Buffer.from([0x09, 0x80, 1, 2, 3, 4]), // fragmented control frame
  ]);
  const socket = await openRaw(ctx.options.url);
  ctx.report.connections++;
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.write(upgradeRequest(ctx.options.url, ctx.headers));
  socket.write(bad);
  ctx.report.framesSent++;
  const timer = setTimeout(() => socket.destroy(), ctx.timeoutMs);
  await ended;
  clearTimeout(timer);
  const code = closeCodeIn(Buffer.concat(received));
  ctx.report.closesByCode[code ?? 0] = (ctx.report.closesByCode[code ?? 0] ?? 0) + 1;
  if (code !== 1002) finding(ctx, `protocol violation ${bad.toString('hex')}: close code ${code ?? 'none'}`);
}

/** Connections left hanging: a partial upgrade, a silent socket, a client that never reads. */
async function halfOpen(ctx: Ctx): Promise<void> {
  const how = ctx.rng.pick(['partial-upgrade', 'silent', 'never-reads']);
  ctx.report.connections++;
  if (how === 'never-reads') {
    const conn = await open(ctx, 'never-reads');
    if (!conn) return;
    conn.socket.send(
      JSON.stringify({ op: 'subscribe', topics: [ctx.options.probeTopic ?? 'engine.health.*'] }),
    );
    ctx.report.framesSent++;
    conn.socket.pause();
    conn.closing = true;
    ctx.lingering.push(conn);
    return;
  }
  const socket: Socket = await openRaw(ctx.options.url);
  socket.on('error', () => undefined);
  if (how === 'partial-upgrade') socket.write(upgradeRequest(ctx.options.url, ctx.headers).slice(0, 40));
  ctx.lingering.push({ close: () => socket.destroy() });
}

/** Upgrades without a key or with a wrong one must be refused with 401 before any frame. */
async function unauthenticated(ctx: Ctx): Promise<void> {
  const headers = ctx.rng.pick<Record<string, string>>([
    {},
    { 'x-api-key': 'wrong-key' },
    { 'x-api-key': 'x'.repeat(4_000) },
  ]);
  const opened = await openConn(ctx.options.url, headers, ctx.timeoutMs);
  ctx.report.connections++;
  if (opened.ok) {
    opened.conn.close();
    finding(ctx, 'a connection without a valid key was accepted');
  } else if (opened.status === null) finding(ctx, `unauthenticated upgrade: ${opened.error}`);
  else ctx.report.refusedUpgrades[opened.status] = (ctx.report.refusedUpgrades[opened.status] ?? 0) + 1;
}

/** A well-behaved client afterwards: subscribes, is answered, and receives live traffic. */
async function probe(ctx: Ctx): Promise<boolean> {
  const topic = ctx.options.probeTopic ?? 'engine.health.*';
  const conn = await open(ctx, 'probe');
  if (!conn) return false;
  try {
    conn.socket.send(JSON.stringify({ op: 'subscribe', topics: [topic] }));
    const subscribed = await conn.until(() => conn.frames.some((f) => f.op === 'subscribed'), ctx.timeoutMs);
    const received = await conn.until(
      () => conn.frames.some((f) => f.op === 'message' && topicMatches(topic, String(f.topic))),
      ctx.timeoutMs,
    );
    const pong = await conn.answersPing(ctx.timeoutMs);
    if (!(subscribed && received && pong))
      ctx.report.examples.push(
        `probe: subscribed ${subscribed}, message ${received}, pong ${pong}; frames: ${conn.frames
          .slice(0, 3)
          .map((f) => JSON.stringify(f).slice(0, 160))
          .join(' ')}`,
      );
    return subscribed && received && pong;
  } finally {
    conn.close();
  }
}

const SESSIONS: Array<[number, (ctx: Ctx) => Promise<void>]> = [
  [40, garbage],
  [15, flood],
  [10, huge],
  [10, protocolViolation],
  [5, halfOpen],
  [10, unauthenticated],
];

/**
 * Fuzzes the WebSocket engine: bad frames of every kind, binary and oversized frames, protocol
 * violations, floods, half-open sockets and unauthenticated upgrades, each session checked (the
 * server answers, closes only with the expected code); then a fresh client must still get data.
 */
export async function runWsFuzz(options: WsFuzzOptions): Promise<WsFuzzReport> {
  const ctx: Ctx = {
    options,
    rng: seededRng(options.seed),
    headers: options.apiKey ? { 'x-api-key': options.apiKey } : {},
    timeoutMs: options.timeoutMs ?? 10_000,
    lingering: [],
    report: {
      framesSent: 0,
      connections: 0,
      errorFrames: 0,
      errorCodes: {},
      closesByCode: {},
      refusedUpgrades: {},
      crashes: 0,
      healthyAfter: false,
      examples: [],
    },
  };
  const sessions = SESSIONS.filter(([, run]) => run !== unauthenticated || options.apiKey);
  const total = sessions.reduce((sum, [weight]) => sum + weight, 0);
  try {
    while (ctx.report.framesSent < options.frames) {
      let draw = ctx.rng.int(total);
      const [, run] = sessions.find(([weight]) => {
        draw -= weight;
        return draw < 0;
      })!;
      await run(ctx);
    }
    // With the half-open connections still hanging: the server must serve others meanwhile.
    ctx.report.healthyAfter = await probe(ctx);
    return ctx.report;
  } finally {
    for (const conn of ctx.lingering) conn.close();
  }
}
