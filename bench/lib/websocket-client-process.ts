import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/**
 * Holds WebSocket clients for bench/websocket.ts in its own process, so the server's event loop
 * is not also the clients'. Each client follows one symbol's price topic and records, for every
 * message during a measuring window, now minus the publish time embedded in the payload
 * (wall-clock ms with sub-ms precision: performance.timeOrigin + performance.now(), which every
 * process on the machine derives from the same system clock).
 */
export type ClientCommand =
  | { connect: { port: number; count: number; firstIndex: number; symbols: number } }
  | { measure: boolean }
  | { report: true }
  | { stop: true };

export type ClientReply =
  | { connected: number; failed: number; error?: string }
  | { samples: number[]; received: number; closed: number };

const nowMs = () => performance.timeOrigin + performance.now();
const sockets: WebSocket[] = [];
/** Every message is counted; at most MAX_SAMPLES latencies are kept per window, evenly spread. */
const MAX_SAMPLES = 400_000;
let measuring = false;
let received = 0;
let closed = 0;
let samples: number[] = [];
let stride = 1;
let seen = 0;

function record(latencyMs: number): void {
  received++;
  if (seen++ % stride !== 0) return;
  samples.push(latencyMs);
  if (samples.length >= MAX_SAMPLES) {
    samples = samples.filter((_, i) => i % 2 === 0);
    stride *= 2;
  }
}

function open(port: number, symbol: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, { perMessageDeflate: false });
    socket.on('error', reject);
    socket.on('close', () => {
      closed++;
    });
    socket.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('{"op":"message"')) {
        if (measuring) record(nowMs() - (JSON.parse(text) as { payload: { sentMs: number } }).payload.sentMs);
      } else if (text.startsWith('{"op":"subscribed"')) resolve(socket);
      else if (text.startsWith('{"op":"welcome"'))
        socket.send(JSON.stringify({ op: 'subscribe', topics: [`price.update.${symbol}`] }));
    });
  });
}

async function connect(
  port: number,
  count: number,
  firstIndex: number,
  symbols: number,
): Promise<ClientReply> {
  let failed = 0;
  let error: string | undefined;
  // Bounded concurrency: a burst of thousands of handshakes overflows the listen backlog.
  const batch = 200;
  for (let start = 0; start < count; start += batch) {
    const opening = [];
    for (let i = start; i < Math.min(count, start + batch); i++)
      opening.push(open(port, `S${(firstIndex + i) % symbols}`));
    for (const result of await Promise.allSettled(opening)) {
      if (result.status === 'fulfilled') sockets.push(result.value);
      else {
        failed++;
        error ??= String(result.reason);
      }
    }
  }
  return { connected: sockets.length, failed, ...(error ? { error } : {}) };
}

process.on('message', async (command: ClientCommand) => {
  const reply = (message: ClientReply) => process.send!(message);
  if ('connect' in command) {
    const { port, count, firstIndex, symbols } = command.connect;
    reply(await connect(port, count, firstIndex, symbols));
  } else if ('measure' in command) {
    measuring = command.measure;
    if (measuring) {
      samples = [];
      received = 0;
      stride = 1;
      seen = 0;
    }
  } else if ('report' in command) reply({ samples, received, closed });
  else {
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  }
});
process.send!({ connected: 0, failed: 0 });
