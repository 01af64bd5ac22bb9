import { ClientQueue, type WireFrame } from './client-queue.ts';

/** The part of a `ws` WebSocket a session uses (a fake one in unit tests). */
export interface SocketLike {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: WireFrame, options: { binary: boolean }, cb?: (error?: Error) => void): void;
}

const OPEN = 1;
/** Buffers go out as text frames: they hold JSON. */
const TEXT = { binary: false };

export interface SessionOptions {
  /** Which heartbeat slice the session belongs to. */
  slot: number;
  alertQueueLimit: number;
  maxBufferedBytes: number;
  /** Called once when an alert cannot be queued: the engine closes the connection. */
  onAlertOverflow: (session: ClientSession) => void;
  /** Asks for `flush()` soon (the engine batches every session a bus drain touched). */
  schedule: (session: ClientSession) => void;
}

/**
 * One connected client: its queue and how frames leave it. Delivered frames are queued and the
 * session asks to be flushed; prices that arrive for the same topic before the flush conflate, so
 * an engine that falls behind sends fewer, fresher frames instead of queueing stale ones. A flush
 * writes until `maxBufferedBytes` are in flight, then waits for that write to complete.
 */
export class ClientSession {
  readonly queue: ClientQueue;
  readonly slot: number;
  sent = 0;
  /** Answered the last WebSocket ping (checked on every heartbeat). */
  alive = true;
  overflowed = false;
  private blocked = false;
  private scheduled = false;
  /** Highest sequence queued per topic: a resume and a live message never deliver one twice. */
  private readonly lastSeq = new Map<string, number>();

  constructor(
    readonly id: string,
    readonly principal: string,
    private readonly socket: SocketLike,
    private readonly options: SessionOptions,
  ) {
    this.queue = new ClientQueue(options.alertQueueLimit);
    this.slot = options.slot;
  }

  /** `replay`: a resume's retained messages, which the alert limit does not apply to. */
  deliver(topic: string, seq: number, frame: WireFrame, alert: boolean, replay = false): void {
    if (this.overflowed || seq <= (this.lastSeq.get(topic) ?? 0)) return;
    this.lastSeq.set(topic, seq);
    if (alert) {
      if (!this.queue.pushAlert(frame, replay)) {
        this.overflowed = true;
        this.options.onAlertOverflow(this);
        return;
      }
    } else this.queue.pushConflated(topic, frame);
    if (!this.scheduled && !this.blocked) {
      this.scheduled = true;
      this.options.schedule(this);
    }
  }

  /** Control frames (welcome, errors, pong, heartbeat) bypass the queue. */
  sendControl(frame: WireFrame): void {
    if (this.socket.readyState === OPEN) this.socket.send(frame, TEXT);
  }

  flush(): void {
    this.scheduled = false;
    while (!this.blocked && this.socket.readyState === OPEN) {
      const frame = this.queue.take();
      if (frame === undefined) return;
      this.sent++;
      if (this.socket.bufferedAmount + frame.length < this.options.maxBufferedBytes) {
        this.socket.send(frame, TEXT);
        continue;
      }
      // The callback runs once this frame (and all before it) reached the kernel.
      this.blocked = true;
      this.socket.send(frame, TEXT, () => {
        this.blocked = false;
        this.flush();
      });
    }
  }
}
