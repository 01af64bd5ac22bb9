import { Counter, Gauge, type Registry } from 'prom-client';

/** Counters the engine keeps beside its live sessions (closed sessions' figures are folded in). */
export interface WebsocketStats {
  sentByClosed: number;
  conflatedByClosed: number;
  slowConsumerDisconnects: number;
  /** Upgrades refused, by reason: auth, limit, path, not_running. */
  refused: Record<string, number>;
  badFrames: number;
  busMessages: number;
}

export interface WebsocketSnapshot {
  clients: number;
  busSubscriptions: number;
  busMessages: number;
  sent: number;
  conflated: number;
  slowConsumerDisconnects: number;
  badFrames: number;
  refused: Record<string, number>;
}

type Read = (snapshot: WebsocketSnapshot) => Array<[Record<string, string>, number]>;

/** The engine's /metrics, read at scrape time. Returns the unregister function for engine stop. */
export function registerWebsocketMetrics(registry: Registry, snapshot: () => WebsocketSnapshot): () => void {
  const names: string[] = [];
  const add = (kind: 'counter' | 'gauge', name: string, help: string, labelNames: string[], read: Read) => {
    names.push(name);
    const collect = function (this: Counter | Gauge) {
      this.reset();
      for (const [labels, value] of read(snapshot())) {
        if (this instanceof Counter) this.inc(labels, value);
        else this.set(labels, value);
      }
    };
    if (kind === 'counter') new Counter({ name, help, labelNames, registers: [registry], collect });
    else new Gauge({ name, help, labelNames, registers: [registry], collect });
  };
  add('gauge', 'nautilus_websocket_clients', 'Connected WebSocket clients', [], (s) => [[{}, s.clients]]);
  add(
    'gauge',
    'nautilus_websocket_bus_subscriptions',
    'Bus subscriptions held (one per pattern)',
    [],
    (s) => [[{}, s.busSubscriptions]],
  );
  add('counter', 'nautilus_websocket_bus_messages_total', 'Bus messages fanned out', [], (s) => [
    [{}, s.busMessages],
  ]);
  add('counter', 'nautilus_websocket_messages_sent_total', 'Message frames sent to clients', [], (s) => [
    [{}, s.sent],
  ]);
  add(
    'counter',
    'nautilus_websocket_conflated_total',
    'Unsent price frames replaced by a newer one',
    [],
    (s) => [[{}, s.conflated]],
  );
  add(
    'counter',
    'nautilus_websocket_slow_consumer_disconnects_total',
    'Clients disconnected because their alert queue overflowed',
    [],
    (s) => [[{}, s.slowConsumerDisconnects]],
  );
  add(
    'counter',
    'nautilus_websocket_bad_frames_total',
    'Client frames refused with an error frame',
    [],
    (s) => [[{}, s.badFrames]],
  );
  add('counter', 'nautilus_websocket_refused_total', 'Upgrade requests refused, by reason', ['reason'], (s) =>
    Object.entries(s.refused).map(([reason, value]) => [{ reason }, value]),
  );
  return () => {
    for (const name of names) registry.removeSingleMetric(name);
  };
}
