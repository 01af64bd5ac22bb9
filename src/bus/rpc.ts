import { isErrorCode, NautilusError, toNautilusError } from '../core/errors.ts';
import type { Envelope } from '../domain/envelope.ts';
import type { PayloadOf } from '../domain/payloads.ts';
import { topics } from '../domain/topics.ts';
import { BusAuth, type EndpointOptions, type RequestSignature } from './bus-auth.ts';
import type { MessageBus, RequestOptions, Subscription } from './message-bus.ts';

type PublishSubscribe = Pick<MessageBus, 'publish' | 'subscribe' | 'instanceId'>;

interface Waiter {
  resolve: (body: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Request/response built on publish/subscribe, so every transport gets the same semantics:
 * requests go to `rpc.request.<name>` (group `endpoint.<name>`: instances share them), replies to
 * this instance's own `rpc.response.<instance>` topic.
 */
export class RpcLayer {
  private readonly waiters = new Map<string, Waiter>();
  private replySubscription: Promise<Subscription> | null = null;
  private auth = BusAuth.disabled();

  constructor(private readonly bus: PublishSubscribe) {}

  /** bus.auth: requests are signed with this process's key, endpoints with a required role verify. */
  applyAuth(auth: BusAuth): void {
    this.auth = auth;
  }

  endpoint(
    engine: string,
    name: string,
    handler: (body: unknown, request: Envelope) => unknown,
    opts: EndpointOptions = {},
  ): Promise<Subscription> {
    return this.bus.subscribe(`endpoint.${name}`, topics.rpc.request(name), async (request) => {
      if (!request.replyTo) return;
      const { body, auth } = request.payload as PayloadOf<'RPC_REQUEST'>;
      const replyTo = request.replyTo;
      let reply: PayloadOf<'RPC_RESPONSE'>;
      try {
        // Never reply synchronously: on the sync memory bus the reply would be dispatched before
        // request() has registered its waiter (seen: a throwing endpoint timed out instead).
        // A refused request (FORBIDDEN) never reaches the handler.
        reply = {
          ok: true,
          body: await Promise.resolve().then(() => {
            this.auth.verify(name, replyTo, body, auth as RequestSignature | undefined, opts.requiredRole);
            return handler(body, request);
          }),
        };
      } catch (error) {
        // A NautilusError's code travels too (a NOT_FOUND stays a 404 at the requester's HTTP
        // edge); anything else thrown reaches the requester as BAD_REQUEST, as before.
        reply = {
          ok: false,
          error: toNautilusError(error).message,
          ...(error instanceof NautilusError ? { code: error.code } : {}),
        };
      }
      this.bus.publish({
        engine,
        topic: request.replyTo,
        payload: reply,
        priority: request.priority,
        correlationId: request.id,
      });
    });
  }

  async request(engine: string, name: string, body: unknown, opts: RequestOptions = {}): Promise<unknown> {
    this.replySubscription ??= this.bus.subscribe(
      `rpc-reply.${this.bus.instanceId}`,
      topics.rpc.response(this.bus.instanceId),
      (reply) => this.settle(reply),
    );
    await this.replySubscription;
    const timeoutMs = opts.timeoutMs ?? 5_000;
    const replyTo = topics.rpc.response(this.bus.instanceId);
    const auth = this.auth.sign(name, replyTo, body);
    const envelope = this.bus.publish({
      engine,
      topic: topics.rpc.request(name),
      payload: { endpoint: name, body, ...(auth ? { auth } : {}) },
      priority: opts.priority ?? 'HIGH',
      replyTo,
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(envelope.id);
        reject(
          new NautilusError(
            'REQUEST_TIMEOUT',
            `request to endpoint "${name}" timed out after ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      this.waiters.set(envelope.id, { resolve, reject, timer });
    });
  }

  async close(): Promise<void> {
    for (const [id, waiter] of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new NautilusError('BUS_UNAVAILABLE', 'bus stopped before the reply arrived'));
      this.waiters.delete(id);
    }
    const subscription = this.replySubscription;
    this.replySubscription = null;
    if (subscription) await (await subscription).unsubscribe();
  }

  private settle(reply: Envelope): void {
    const waiter = reply.correlationId ? this.waiters.get(reply.correlationId) : undefined;
    if (!waiter) return;
    this.waiters.delete(reply.correlationId!);
    clearTimeout(waiter.timer);
    const payload = reply.payload as PayloadOf<'RPC_RESPONSE'>;
    if (payload.ok) waiter.resolve(payload.body);
    else {
      const code = isErrorCode(payload.code) ? payload.code : 'BAD_REQUEST';
      waiter.reject(new NautilusError(code, payload.error ?? 'endpoint failed'));
    }
  }
}
