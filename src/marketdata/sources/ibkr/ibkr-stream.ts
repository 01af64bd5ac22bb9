import WebSocket from 'ws';
import type { Clock } from '../../../core/clock.ts';
import type { Nanos } from '../../../domain/time.ts';
import { withEgressPermit } from '../egress-guard.ts';
import type { QuoteSnapshot } from '../source-types.ts';
import { type QuoteFields, quoteFields, updatedNs } from './ibkr-parse.ts';

/** The Client Portal gateway's WebSocket endpoint. */
export const IBKR_DEFAULT_WS_URL = 'wss://localhost:5000/v1/api/ws';

/** Last, bid, ask, ask size, bid size: what a quote needs. */
const STREAM_FIELDS = ['31', '84', '86', '85', '88'];

export type IbkrStreamStatus =
  | { type: 'open' }
  | { type: 'closed'; code: number; reason: string; retryInMs?: number }
  | { type: 'authenticated'; authenticated: boolean }
  | { type: 'heartbeat'; hbMs: number }
  | { type: 'error'; message: string };

export interface IbkrMarketDataStreamOptions {
  url: string;
  clock: Clock;
  onQuote: (quote: QuoteSnapshot) => void;
  onStatus?: (event: IbkrStreamStatus) => void;
  /** How often `tic` is sent; IBKR drops sessions that stay silent for about a minute. */
  keepAliveMs?: number;
  reconnect?: { initialMs?: number; maxMs?: number };
  /** E.g. `{ cookie: 'api=<session from POST /tickle>' }` as the gateway expects. */
  headers?: Record<string, string>;
  /** The local gateway serves a self-signed certificate unless given a trusted one. */
  rejectUnauthorized?: boolean;
}

/**
 * Streaming quotes from the Client Portal WebSocket (`smd+<conid>` topics). IBKR sends only the
 * fields that changed, so each conid's fields are merged and every message yields a full quote.
 * Reconnects with exponential backoff and re-sends every active subscription.
 */
export class IbkrMarketDataStream {
  private socket: WebSocket | undefined;
  private readonly subscriptions = new Map<number, string>();
  private readonly quotes = new Map<number, QuoteFields>();
  private readonly lastMessage = new Map<string, Nanos>();
  private keepAlive: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private failures = 0;
  private reconnectCount = 0;
  private started = false;
  private stopped = false;
  private open = false;

  constructor(private readonly options: IbkrMarketDataStreamOptions) {}

  get connected(): boolean {
    return this.open;
  }

  /** Connections opened after the first one. */
  get reconnects(): number {
    return this.reconnectCount;
  }

  /** Clock time of the last market-data message for `symbol`. */
  lastMessageNs(symbol: string): Nanos | undefined {
    return this.lastMessage.get(symbol);
  }

  start(): void {
    if (this.started) throw new Error('ibkr stream: already started');
    this.started = true;
    this.connect();
  }

  subscribe(conid: number, symbol: string): void {
    if (!Number.isSafeInteger(conid) || conid <= 0)
      throw new RangeError(`ibkr stream: conid must be a positive integer, got ${conid}`);
    this.subscriptions.set(conid, symbol);
    this.send(subscribeMessage(conid));
  }

  unsubscribe(conid: number): void {
    if (!this.subscriptions.delete(conid)) return;
    this.quotes.delete(conid);
    this.send(`umd+${conid}+{}`);
  }

  /** Stops for good: no reconnect, no timers, the socket closed before this resolves. */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.keepAlive);
    this.open = false;
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.terminate();
    });
  }

  private connect(): void {
    const { url, headers, rejectUnauthorized } = this.options;
    const socket = withEgressPermit('ibkr', () => new WebSocket(url, { headers, rejectUnauthorized }));
    this.socket = socket;
    socket.on('open', () => this.onOpen(socket));
    socket.on('message', (data: WebSocket.RawData) => {
      if (socket === this.socket) this.onMessage(data.toString());
    });
    socket.on('error', (error) => this.status({ type: 'error', message: error.message }));
    socket.on('close', (code, reason) => this.onClose(socket, code, reason.toString()));
  }

  private onOpen(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.open = true;
    this.failures = 0;
    this.status({ type: 'open' });
    for (const conid of this.subscriptions.keys()) this.send(subscribeMessage(conid));
    this.keepAlive = setInterval(() => this.send('tic'), this.options.keepAliveMs ?? 60_000);
  }

  private onClose(socket: WebSocket, code: number, reason: string): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    this.open = false;
    clearInterval(this.keepAlive);
    if (this.stopped) return;
    const { initialMs = 500, maxMs = 30_000 } = this.options.reconnect ?? {};
    const retryInMs = Math.min(maxMs, initialMs * 2 ** this.failures);
    this.failures++;
    this.status({ type: 'closed', code, reason, retryInMs });
    this.retry = setTimeout(() => {
      this.reconnectCount++;
      this.connect();
    }, retryInMs);
  }

  private onMessage(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.status({ type: 'error', message: `ibkr stream: not JSON: ${text.slice(0, 100)}` });
      return;
    }
    if (!message || typeof message !== 'object') return;
    const record = message as Record<string, unknown>;
    const topic = typeof record.topic === 'string' ? record.topic : '';
    if (topic.startsWith('smd+')) this.onMarketData(topic, record);
    else if (topic === 'system' && typeof record.hb === 'number')
      this.status({ type: 'heartbeat', hbMs: record.hb });
    else if (topic === 'sts') {
      const args = record.args as { authenticated?: unknown } | undefined;
      if (typeof args?.authenticated === 'boolean')
        this.status({ type: 'authenticated', authenticated: args.authenticated });
    }
  }

  private onMarketData(topic: string, record: Record<string, unknown>): void {
    const conid = Number(record.conid ?? topic.slice(4));
    const symbol = this.subscriptions.get(conid);
    // Updates still in flight after an unsubscribe are dropped.
    if (symbol === undefined) return;
    const nowNs = this.options.clock.nowNs();
    try {
      const fields = { ...this.quotes.get(conid), ...quoteFields(record) };
      this.quotes.set(conid, fields);
      this.lastMessage.set(symbol, nowNs);
      this.options.onQuote({ source: 'ibkr', symbol, ...fields, tsNs: updatedNs(record, nowNs) });
    } catch (error) {
      this.status({ type: 'error', message: `ibkr stream ${topic}: ${(error as Error).message}` });
    }
  }

  private send(text: string): void {
    if (this.open && this.socket?.readyState === WebSocket.OPEN) this.socket.send(text);
  }

  private status(event: IbkrStreamStatus): void {
    this.options.onStatus?.(event);
  }
}

function subscribeMessage(conid: number): string {
  return `smd+${conid}+${JSON.stringify({ fields: STREAM_FIELDS })}`;
}
