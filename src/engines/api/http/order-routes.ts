import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CLOSED_STATUSES, type FillView, type OrderView } from '../order-records.ts';
import { orderBodySchema } from '../order-request.ts';
import { mergeNewest, storedFills, storedOrders } from '../store-reads.ts';
import type { ApiState } from './api-state.ts';
import { limitQuery, parseOr400, requireRunning, routeOptions, wire } from './route-kit.ts';

const tags = ['orders'];
const ordersQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(5_000).default(200),
});
const fillsQuery = limitQuery(200, 5_000);
const orderParams = z.strictObject({ orderId: z.string().min(1).max(100) });

function statusMatches(status: 'open' | 'closed' | 'all', order: OrderView): boolean {
  if (status === 'all') return true;
  return CLOSED_STATUSES.has(order.status) === (status === 'closed');
}

/** Orders and fills (store rows merged with newer bus events), placing and cancelling. */
export function registerOrderRoutes(app: FastifyInstance, state: ApiState, isRunning: () => boolean): void {
  // The host hands the store over at start, after routes are registered: read it per request.
  const storeOf = () => state.ctx.store;

  app.get(
    '/api/orders',
    routeOptions({ tags, summary: 'Orders, newest first', querystring: ordersQuery }),
    async (request) => {
      requireRunning(isRunning);
      const { status, limit } = parseOr400(ordersQuery, request.query, 'query');
      const memory = state.orders.listOrders();
      const store = storeOf();
      const stored = store ? await storedOrders(store, state.instruments, { status, limit }) : [];
      const merged = mergeNewest<OrderView>(
        stored,
        memory,
        (o) => o.orderId,
        (o) => o.updatedNs,
        Infinity,
      );
      return wire({ orders: merged.filter((order) => statusMatches(status, order)).slice(0, limit) });
    },
  );

  app.post(
    '/api/orders',
    routeOptions({
      tags,
      summary: 'Place an order (through risk and execution)',
      body: orderBodySchema,
      role: 'trader',
    }),
    async (request, reply) => {
      requireRunning(isRunning);
      const body = parseOr400(orderBodySchema, request.body, 'body');
      return reply.status(202).send(await state.desk.place(body));
    },
  );

  app.delete(
    '/api/orders/:orderId',
    routeOptions({
      tags,
      summary: 'Cancel an order placed through the API',
      params: orderParams,
      role: 'trader',
    }),
    async (request, reply) => {
      requireRunning(isRunning);
      const { orderId } = parseOr400(orderParams, request.params, 'params');
      return reply.status(202).send(await state.desk.cancel(orderId));
    },
  );

  app.get(
    '/api/fills',
    routeOptions({ tags, summary: 'Fills, newest first', querystring: fillsQuery }),
    async (request) => {
      requireRunning(isRunning);
      const { limit } = parseOr400(fillsQuery, request.query, 'query');
      const store = storeOf();
      const stored = store ? await storedFills(store, state.instruments, limit) : [];
      const fills = mergeNewest<FillView>(
        stored,
        state.orders.listFills(),
        (f) => f.fillId,
        (f) => f.tsNs,
        limit,
      );
      return wire({ fills });
    },
  );
}
