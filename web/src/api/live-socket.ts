export type SocketState = 'connecting' | 'open' | 'closed' | 'unavailable';

export interface LiveMessage {
  topic: string;
  seq: number;
  eventTimeNs: string;
  payload: unknown;
}

type Listener = (message: LiveMessage) => void;

const RECONNECT_MS = [500, 1000, 2000, 5000];

/** Topic pattern match as the bus does it: a trailing `*` covers any rest. */
function matches(pattern: string, topic: string): boolean {
  return pattern.endsWith('*') ? topic.startsWith(pattern.slice(0, -1)) : pattern === topic;
}

/**
 * One WebSocket to the websocket engine shared by every page: subscriptions are reference
 * counted, re-sent after a reconnect, and listeners get the `message` frames of their pattern.
 */
export class LiveSocket {
  private socket: WebSocket | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly stateListeners = new Set<(state: SocketState) => void>();
  private attempt = 0;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  state: SocketState;

  constructor(url: string | null) {
    this.state = url === null ? 'unavailable' : 'connecting';
    if (url !== null) this.connect(url);
  }

  subscribe(pattern: string, listener: Listener): () => void {
    let set = this.listeners.get(pattern);
    if (!set) {
      set = new Set();
      this.listeners.set(pattern, set);
      this.send({ op: 'subscribe', topics: [pattern] });
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size > 0) return;
      this.listeners.delete(pattern);
      this.send({ op: 'unsubscribe', topics: [pattern] });
    };
  }

  onState(listener: (state: SocketState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.socket?.close();
  }

  private connect(url: string): void {
    const socket = new WebSocket(url);
    this.socket = socket;
    this.setState('connecting');
    socket.onopen = () => {
      this.attempt = 0;
      this.setState('open');
      if (this.listeners.size > 0) this.send({ op: 'subscribe', topics: [...this.listeners.keys()] });
    };
    socket.onmessage = (event) => this.receive(String(event.data));
    socket.onclose = () => {
      if (this.socket !== socket || this.closed) return;
      this.setState('closed');
      const delay = RECONNECT_MS[Math.min(this.attempt++, RECONNECT_MS.length - 1)];
      this.timer = setTimeout(() => this.connect(url), delay);
    };
  }

  private receive(text: string): void {
    const frame = JSON.parse(text) as { op: string } & Partial<LiveMessage>;
    if (frame.op !== 'message' || frame.topic === undefined) return;
    const message = frame as LiveMessage;
    for (const [pattern, set] of this.listeners) {
      if (!matches(pattern, message.topic)) continue;
      for (const listener of set) listener(message);
    }
  }

  private send(frame: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private setState(state: SocketState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

/** Adds the API key as `?key=` (browsers cannot set headers on a WebSocket upgrade). */
export function socketUrl(wsUrl: string | null, apiKey: string): string | null {
  if (wsUrl === null) return null;
  if (apiKey === '') return wsUrl;
  const url = new URL(wsUrl);
  url.searchParams.set('key', apiKey);
  return url.toString();
}
