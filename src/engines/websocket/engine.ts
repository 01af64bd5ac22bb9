import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Envelope } from '../../domain/envelope.ts';
import { bigintAsText, msToNs } from '../../domain/time.ts';
import { topicMatches } from '../../domain/topics.ts';
import { Engine, type EngineContext } from '../engine.ts';
import { admitUpgrade } from './admission.ts';
import { ClientSession } from './client-session.ts';
import type { WebsocketConfig } from './manifest.ts';
import { PatternSubscriptions } from './pattern-subscriptions.ts';
import { type ClientFrame, isAlertTopic, parseClientFrame, serverFrame } from './protocol.ts';
import { rejectUpgrade } from './reject-upgrade.ts';
import { RetentionRing } from './retention-ring.ts';
import { TopicRegistry } from './topic-registry.ts';
import {
  registerWebsocketMetrics,
  type WebsocketSnapshot,
  type WebsocketStats,
} from './websocket-metrics.ts';

/** Close code for a client disconnected because its alert queue overflowed (4000-4999: application). */
export const SLOW_CONSUMER_CLOSE = 4008;
const HEARTBEAT_TIMER = 'websocket-heartbeat';
/**
 * Each timer tick beats one slice of the clients, so every client hears from the server once per
 * `heartbeatMs` without one burst of 20,000 writes delaying the prices behind it.
 */
const HEARTBEAT_SLICES = 10;

/**
 * Streams bus topics to WebSocket clients on the engine's own port (`/ws`). Every client pattern
 * maps to one bus subscription however many clients share it; each bus message is serialised
 * once, numbered per topic, kept in a bounded ring for resumes, and handed to the sessions whose
 * patterns match. The protocol and slow-consumer policy are in the README.
 */
export class WebsocketEngine extends Engine<WebsocketConfig> {
  readonly stats: WebsocketStats = {
    sentByClosed: 0,
    conflatedByClosed: 0,
    slowConsumerDisconnects: 0,
    refused: {},
    badFrames: 0,
    busMessages: 0,
  };
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    perMessageDeflate: false,
  });
  private readonly sessions = new Set<ClientSession>();
  private readonly sockets = new Map<ClientSession, WebSocket>();
  private readonly registry = new TopicRegistry<ClientSession>();
  private readonly rings = new Map<string, RetentionRing>();
  private readonly subscriptions: PatternSubscriptions;
  private readonly epoch: string;
  private nextClient = 0;
  private dirty: ClientSession[] = [];
  private heartbeatTick = 0;
  private running = false;
  private unregisterMetrics: (() => void) | undefined;

  constructor(ctx: EngineContext<WebsocketConfig>) {
    super(ctx);
    this.epoch = `${ctx.instanceId}-${ctx.clock.nowNs().toString(36)}`;
    this.subscriptions = new PatternSubscriptions({
      subscribe: (pattern) => ctx.bus.subscribe(pattern, (envelope) => this.fanOut(envelope)),
      onError: (pattern, error) => ctx.logger.error({ err: error, pattern }, 'bus subscription failed'),
      onRelease: (held) => this.dropRings(held),
      graceNs: msToNs(ctx.config.resumeGraceMs),
      maxIdle: ctx.config.maxIdlePatterns,
    });
  }

  onStart(): void {
    this.unregisterMetrics = registerWebsocketMetrics(this.ctx.metrics, () => this.snapshot());
    const sliceNs = msToNs(this.ctx.config.heartbeatMs) / BigInt(HEARTBEAT_SLICES);
    this.ctx.clock.setTimer(HEARTBEAT_TIMER, sliceNs, ({ scheduledNs }) => this.heartbeat(scheduledNs));
    this.running = true;
  }

  override async onStop(): Promise<void> {
    this.running = false;
    this.ctx.clock.cancel(HEARTBEAT_TIMER);
    for (const socket of this.sockets.values()) socket.close(1001, 'server stopping');
    await this.subscriptions.releaseAll();
    this.unregisterMetrics?.();
  }

  override registerRoutes(app: FastifyInstance, isRunning: () => boolean): void {
    app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.upgrade(request, socket, head, isRunning()),
    );
    app.get('/websocket/status', async () => ({ ...this.snapshot(), patterns: this.registry.patterns }));
  }

  override healthFields(): Record<string, unknown> {
    const { clients, busSubscriptions, sent, conflated, slowConsumerDisconnects } = this.snapshot();
    return { websocket: { clients, busSubscriptions, sent, conflated, slowConsumerDisconnects } };
  }

  snapshot(): WebsocketSnapshot {
    let sent = this.stats.sentByClosed;
    let conflated = this.stats.conflatedByClosed;
    for (const session of this.sessions) {
      sent += session.sent;
      conflated += session.queue.conflated;
    }
    return {
      clients: this.sessions.size,
      busSubscriptions: this.subscriptions.size,
      busMessages: this.stats.busMessages,
      sent,
      conflated,
      slowConsumerDisconnects: this.stats.slowConsumerDisconnects,
      badFrames: this.stats.badFrames,
      refused: { ...this.stats.refused },
    };
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, running: boolean): void {
    socket.on('error', () => undefined);
    const admitted = admitUpgrade(request, {
      running: running && this.running,
      clients: this.sessions.size,
      maxClients: this.ctx.config.maxClients,
      apiKeys: this.ctx.config.apiKeys,
    });
    if ('principal' in admitted) {
      this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, admitted.principal));
      return;
    }
    // The reason names what was wrong, never the key itself.
    if (admitted.counted === 'auth')
      this.ctx.logger.warn(
        { remote: request.socket.remoteAddress, reason: admitted.reason },
        'WebSocket refused',
      );
    this.stats.refused[admitted.counted] = (this.stats.refused[admitted.counted] ?? 0) + 1;
    rejectUpgrade(socket, admitted.status, admitted.reason);
  }

  private accept(ws: WebSocket, principal: string): void {
    const session = new ClientSession(`c${++this.nextClient}`, principal, ws, {
      slot: this.nextClient % HEARTBEAT_SLICES,
      alertQueueLimit: this.ctx.config.alertQueueLimit,
      maxBufferedBytes: this.ctx.config.maxBufferedBytes,
      onAlertOverflow: (slow) => this.disconnectSlow(slow),
      schedule: (dirty) => this.schedule(dirty),
    });
    this.sessions.add(session);
    this.sockets.set(session, ws);
    ws.on('message', (data, isBinary) => {
      if (isBinary) this.refuseFrame(session, 'BAD_FRAME', 'binary frames are not supported');
      else this.handleFrame(session, data.toString());
    });
    ws.on('pong', () => {
      session.alive = true;
    });
    ws.on('error', () => undefined);
    ws.on('close', () => this.drop(session));
    session.sendControl(serverFrame.welcome(this.epoch, this.ctx.config.heartbeatMs, session.id));
  }

  private handleFrame(session: ClientSession, text: string): void {
    const parsed = parseClientFrame(text);
    if (!parsed.ok) {
      this.refuseFrame(session, parsed.code, parsed.message);
      return;
    }
    const frame: ClientFrame = parsed.frame;
    if (frame.op === 'ping') session.sendControl(serverFrame.pong);
    else if (frame.op === 'resume') this.resume(session, frame.epoch, frame.since);
    else if (frame.op === 'unsubscribe') {
      for (const pattern of frame.topics)
        if (this.registry.remove(session, pattern)) this.subscriptions.idle(pattern, this.ctx.clock.nowNs());
      session.sendControl(serverFrame.unsubscribed(frame.topics));
    } else if (this.canHold(session, frame.topics)) {
      for (const pattern of frame.topics) this.follow(session, pattern);
      session.sendControl(serverFrame.subscribed(frame.topics));
    }
  }

  private canHold(session: ClientSession, patterns: readonly string[]): boolean {
    const held = new Set([...this.registry.patternsOf(session), ...patterns]).size;
    if (held <= this.ctx.config.maxPatternsPerClient) return true;
    this.refuseFrame(
      session,
      'TOO_MANY_TOPICS',
      `a client may hold ${this.ctx.config.maxPatternsPerClient} topic patterns (this would make ${held})`,
    );
    return false;
  }

  /** Subscribes the topics and replays what the client missed; synchronous, so nothing live interleaves. */
  private resume(session: ClientSession, epoch: string, since: Record<string, number>): void {
    const topicsAsked = Object.keys(since);
    const pattern = topicsAsked.find((topic) => topic.includes('*'));
    if (pattern !== undefined) {
      this.refuseFrame(session, 'BAD_FRAME', `resume takes exact topics, not patterns (${pattern})`);
      return;
    }
    if (!this.canHold(session, topicsAsked)) return;
    for (const [topic, seq] of Object.entries(since)) {
      this.follow(session, topic);
      if (epoch !== this.epoch) {
        session.sendControl(
          serverFrame.gap(topic, seq + 1, null, 'server restarted: sequences start again at 1'),
        );
        continue;
      }
      const replay = this.rings.get(topic)?.after(seq) ?? { kind: 'messages' as const, messages: [] };
      if (replay.kind === 'gap')
        session.sendControl(serverFrame.gap(topic, replay.fromSeq, replay.toSeq, 'no longer retained'));
      const alert = isAlertTopic(topic);
      for (const message of replay.messages) session.deliver(topic, message.seq, message.frame, alert, true);
    }
    session.sendControl(serverFrame.subscribed(topicsAsked));
  }

  private follow(session: ClientSession, pattern: string): void {
    if (this.registry.add(session, pattern)) this.subscriptions.hold(pattern);
  }

  /** Topics no held pattern covers any more would only go stale: their rings go too. */
  private dropRings(held: readonly string[]): void {
    for (const topic of this.rings.keys())
      if (!held.some((pattern) => topicMatches(pattern, topic))) this.rings.delete(topic);
  }

  /**
   * One bus message to every interested client. A group receives a message once even when several
   * of its patterns match, so clients are found by topic here, not by the subscription that fired.
   */
  private fanOut(envelope: Envelope): void {
    this.stats.busMessages++;
    const { topic } = envelope;
    let ring = this.rings.get(topic);
    if (!ring) {
      ring = new RetentionRing(this.ctx.config.retainPerTopic);
      this.rings.set(topic, ring);
    }
    const retained = ring.append((seq) =>
      Buffer.from(
        JSON.stringify(
          { op: 'message', topic, seq, eventTimeNs: envelope.eventTimeNs, payload: envelope.payload },
          bigintAsText,
        ),
      ),
    );
    const clients = this.registry.clientsFor(topic);
    if (clients.length === 0) return;
    const alert = isAlertTopic(topic);
    for (let i = 0; i < clients.length; i++) clients[i]!.deliver(topic, retained.seq, retained.frame, alert);
  }

  /** Sessions a bus drain gave frames to are flushed once, after it: one write per client per batch. */
  private schedule(session: ClientSession): void {
    this.dirty.push(session);
    if (this.dirty.length > 1) return;
    setImmediate(() => {
      const batch = this.dirty;
      this.dirty = [];
      for (const dirty of batch) dirty.flush();
    });
  }

  private heartbeat(nowNs: bigint): void {
    this.subscriptions.sweep(nowNs);
    const slice = this.heartbeatTick++ % HEARTBEAT_SLICES;
    const frame = serverFrame.heartbeat(nowNs);
    for (const [session, socket] of this.sockets) {
      if (session.slot !== slice) continue;
      if (!session.alive) {
        socket.terminate();
        continue;
      }
      session.alive = false;
      socket.ping();
      session.sendControl(frame);
    }
  }

  private refuseFrame(session: ClientSession, code: string, message: string): void {
    this.stats.badFrames++;
    session.sendControl(serverFrame.error(code, message));
  }

  private disconnectSlow(session: ClientSession): void {
    this.stats.slowConsumerDisconnects++;
    this.ctx.logger.warn({ client: session.id, principal: session.principal }, 'slow consumer disconnected');
    const socket = this.sockets.get(session);
    this.drop(session);
    // The close frame waits behind the client's backlog; a client that never reads it is cut off.
    socket?.close(SLOW_CONSUMER_CLOSE, 'slow consumer: alert queue overflow');
    setTimeout(() => socket?.terminate(), 5_000).unref();
  }

  private drop(session: ClientSession): void {
    if (!this.sessions.delete(session)) return;
    this.sockets.delete(session);
    this.stats.sentByClosed += session.sent;
    this.stats.conflatedByClosed += session.queue.conflated;
    const nowNs = this.ctx.clock.nowNs();
    for (const pattern of this.registry.removeClient(session)) this.subscriptions.idle(pattern, nowNs);
  }
}
