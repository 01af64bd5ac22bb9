import type { FastifyInstance, FastifyReply } from 'fastify';
import { NautilusError } from '../../core/errors.ts';
import { type Nanos, nsToIso } from '../../domain/time.ts';
import type { LiveMarket } from '../../marketdata/hub/live-market.ts';
import type { MarketDataHub } from '../../marketdata/hub/market-data-hub.ts';
import { seriesRouteOf } from '../../marketdata/hub/source-catalog.ts';
import type { StalenessMonitor } from '../../marketdata/hub/staleness-monitor.ts';
import { fetchRequestOf, toJson } from './request-params.ts';

/** What the routes read from a running hub engine. */
export interface HubView {
  hub: MarketDataHub;
  live: LiveMarket;
  staleness: StalenessMonitor;
  feed: string;
  barSpecs: readonly string[];
  nowNs(): Nanos;
}

type Query = Record<string, unknown>;

function send(reply: FastifyReply, value: unknown): FastifyReply {
  return reply.type('application/json').send(toJson(value));
}

/**
 * The hub's HTTP API. Live answers come from the hub's own stream; `?source=` (and /series,
 * /fetch) go through the hub's cache and rate limiter to an external source.
 */
export function registerHubRoutes(app: FastifyInstance, view: () => HubView | undefined): void {
  const running = (): HubView => {
    const current = view();
    if (!current) throw new NautilusError('LIFECYCLE', 'the market-data hub is not running');
    return current;
  };

  app.get<{ Params: { symbol: string }; Querystring: Query }>('/quote/:symbol', async (request, reply) => {
    const { hub, live, staleness, feed, nowNs } = running();
    const { symbol } = request.params;
    const { source, ...query } = request.query;
    if (typeof source === 'string' && source !== 'live')
      return send(reply, await hub.fetch(fetchRequestOf(source, 'quote', query, { symbol }), 'http'));
    const quote = live.quote(symbol);
    if (!quote)
      throw new NautilusError(
        'NOT_FOUND',
        `${symbol} is not a live symbol (live: ${live.symbols().join(', ') || 'none'}); ask a source with ?source=yahoo|alphavantage|ibkr`,
      );
    // Rounded to 1e-10 so binary noise (190.04500000000002) does not reach clients; prices are on a tick grid.
    const mid =
      quote.bid !== undefined && quote.ask !== undefined ? round10((quote.bid + quote.ask) / 2) : undefined;
    return send(reply, {
      source: `live:${feed}`,
      ...quote,
      mid,
      spread: mid === undefined ? undefined : round10(quote.ask! - quote.bid!),
      quoteTime: quote.quoteNs === undefined ? undefined : nsToIso(quote.quoteNs),
      ageMs: Number((nowNs() - quote.receivedNs) / 1_000_000n),
      stale: staleness.isStale(symbol),
    });
  });

  app.get<{ Params: { symbol: string }; Querystring: Query }>('/bars/:symbol', async (request, reply) => {
    const { hub, live, barSpecs } = running();
    const { symbol } = request.params;
    const { source, spec, limit, ...query } = request.query;
    if (typeof source === 'string' && source !== 'live')
      return send(reply, await hub.fetch(fetchRequestOf(source, 'bars', query, { symbol }), 'http'));
    const barSpec = typeof spec === 'string' ? spec : (barSpecs[0] ?? '1m');
    const count = limit === undefined ? undefined : Number(limit);
    if (count !== undefined && !(Number.isInteger(count) && count > 0))
      throw new NautilusError(
        'BAD_REQUEST',
        `limit: expected a positive integer, got ${JSON.stringify(limit)}`,
      );
    if (!live.quote(symbol))
      throw new NautilusError(
        'NOT_FOUND',
        `${symbol} is not a live symbol (live: ${live.symbols().join(', ') || 'none'})`,
      );
    if (!barSpecs.includes(barSpec) && !live.barSpecs(symbol).includes(barSpec))
      throw new NautilusError(
        'NOT_FOUND',
        `no ${barSpec} bars for ${symbol} (built: ${barSpecs.join(', ') || 'none'})`,
      );
    return send(reply, { source: 'live', symbol, spec: barSpec, bars: live.bars(symbol, barSpec, count) });
  });

  app.get<{ Params: { source: string; id: string }; Querystring: Query }>(
    '/series/:source/:id',
    async (request, reply) => {
      const { hub } = running();
      const { source, id } = request.params;
      const route = seriesRouteOf(source);
      if (!route)
        throw new NautilusError(
          'NOT_FOUND',
          `${source} serves no series (series sources: fred, tradingeconomics, dbnomics)`,
        );
      const { operation, params } = route(id);
      return send(reply, await hub.fetch(fetchRequestOf(source, operation, request.query, params), 'http'));
    },
  );

  app.get<{ Params: { source: string; operation: string }; Querystring: Query }>(
    '/fetch/:source/:operation',
    async (request, reply) => {
      const { hub } = running();
      const { source, operation } = request.params;
      return send(reply, await hub.fetch(fetchRequestOf(source, operation, request.query), 'http'));
    },
  );

  app.get('/sources', async (_request, reply) => send(reply, describeSources(running().hub)));
}

function round10(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}

function describeSources(hub: MarketDataHub) {
  return hub.slots.names().map((name) => {
    const slot = hub.slots.slot(name)!;
    let operations: Record<string, unknown> | string;
    let budget: { tokens: number; capacity: number; queued: number } | undefined;
    try {
      const source = hub.slots.source(name)!;
      operations = Object.fromEntries(
        Object.entries(source.operations).map(([op, spec]) => [
          op,
          { description: spec.description, dataType: spec.dataType, pointInTime: spec.pointInTime },
        ]),
      );
      budget = {
        tokens: source.limiter.bucket.remaining(),
        capacity: source.limiter.bucket.capacity,
        queued: source.limiter.queued,
      };
    } catch (error) {
      operations = `unavailable: ${(error as Error).message}`;
    }
    return { name, title: slot.title, credentialConfigured: slot.credentialConfigured, operations, budget };
  });
}
