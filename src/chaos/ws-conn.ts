import { type Socket, connect as tcpConnect } from 'node:net';
import WebSocket from 'ws';

export interface ServerFrame {
  op?: string;
  code?: string;
  topic?: string;
  [key: string]: unknown;
}

/** A fuzz client: every frame the server sent, how the connection ended, and waits on both. */
export class FuzzConn {
  readonly frames: ServerFrame[] = [];
  closed: { code: number; reason: string } | undefined;
  /** Set before we close or terminate it ourselves, so the close is not a finding. */
  closing = false;
  private waiters: Array<() => void> = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      let parsed: ServerFrame;
      try {
        parsed = isBinary ? { op: 'binary' } : (JSON.parse(data.toString()) as ServerFrame);
      } catch {
        parsed = { op: 'unparseable' };
      }
      this.frames.push(parsed);
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  /** Whether `done` held within `ms` (false early when the connection closed without it). */
  async until(done: () => boolean, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!done()) {
      if (this.closed || Date.now() > deadline) return done();
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50).unref();
      });
    }
    return true;
  }

  /** Sends a ping frame of the protocol and waits for the pong after everything sent before it. */
  async answersPing(ms: number): Promise<boolean> {
    const before = this.frames.filter((f) => f.op === 'pong').length;
    if (this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send('{"op":"ping"}');
    return this.until(() => this.frames.filter((f) => f.op === 'pong').length > before, ms);
  }

  close(): void {
    this.closing = true;
    this.socket.terminate();
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

export type Opened = { ok: true; conn: FuzzConn } | { ok: false; status: number | null; error: string };

/** Opens a client and waits for its welcome frame; a refused upgrade reports the HTTP status. */
export function openConn(url: string, headers: Record<string, string>, ms: number): Promise<Opened> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers, handshakeTimeout: ms, perMessageDeflate: false });
    const conn = new FuzzConn(socket);
    socket.on('unexpected-response', (_request, response) => {
      resolve({
        ok: false,
        status: response.statusCode ?? null,
        error: `upgrade refused ${response.statusCode}`,
      });
      response.resume();
      socket.terminate();
    });
    socket.on('error', (error) => resolve({ ok: false, status: null, error: error.message }));
    socket.on('open', async () => {
      const welcomed = await conn.until(() => conn.frames.some((f) => f.op === 'welcome'), ms);
      resolve(welcomed ? { ok: true, conn } : { ok: false, status: null, error: 'no welcome frame' });
    });
  });
}

/** A raw TCP connection to the WebSocket port, for what a `ws` client cannot send. */
export function openRaw(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.on('error', reject);
  });
}

/** The upgrade request of a WebSocket handshake, as raw text. */
export function upgradeRequest(url: string, headers: Record<string, string>): string {
  const { pathname, search, host } = new URL(url);
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
  return (
    `GET ${pathname}${search} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra.join('')}\r\n`
  );
}

/** The close code in the first close frame (opcode 8) the server sent on a raw socket, if any. */
export function closeCodeIn(received: Buffer): number | undefined {
  const headerEnd = received.indexOf('\r\n\r\n');
  let at = headerEnd < 0 ? received.length : headerEnd + 4;
  while (at + 2 <= received.length) {
    const opcode = received[at]! & 0x0f;
    let length = received[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = received.readUInt16BE(start);
      start += 2;
    } else if (length === 127) return undefined;
    if (opcode === 8)
      return length >= 2 && start + 2 <= received.length ? received.readUInt16BE(start) : 1005;
    at = start + length;
  }
  return undefined;
}
