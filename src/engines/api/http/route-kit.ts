import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import { z } from 'zod';
import type { ApiKeyEntry } from '../../../core/api-keys.ts';
import { NautilusError } from '../../../core/errors.ts';
import { bigintAsText } from '../../../domain/time.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role a route needs (default read-only). */
    role?: ApiKeyEntry['role'];
  }
}

/** Request parts a route checks with zod; each also documents the route in OpenAPI. */
export interface RouteSchemas {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
}

export interface RouteDoc extends RouteSchemas {
  tags: string[];
  summary: string;
  role?: ApiKeyEntry['role'];
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}

/** Fastify route options: the OpenAPI schema from zod, and the role the auth hook enforces. */
export function routeOptions(doc: RouteDoc): RouteShorthandOptions {
  const schema: Record<string, unknown> = { tags: doc.tags, summary: doc.summary };
  if (doc.params) schema.params = jsonSchema(doc.params);
  if (doc.querystring) schema.querystring = jsonSchema(doc.querystring);
  if (doc.body) schema.body = jsonSchema(doc.body);
  return { schema, config: { role: doc.role ?? 'read-only' } };
}

/** A 400 naming each field that is wrong, e.g. `body.quantity: expected a decimal string`. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const path = [where, ...issue.path.map(String)].join('.');
    return `${path}: ${issue.message}`;
  });
  throw new NautilusError('BAD_REQUEST', problems.join('; '), { details: { issues: problems } });
}

/** Bodies carry ns times as bigints: on the wire they are decimal strings. */
export function wire<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, bigintAsText));
}

/** Schemas document the routes; zod checks the values inside the handlers (400 naming the field). */
export function documentOnlyValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(() => (data) => ({ value: data }));
}

export function requireRunning(isRunning: () => boolean): void {
  if (!isRunning()) throw new NautilusError('LIFECYCLE', 'the api engine is not running');
}

/** `?limit=` with a default and a ceiling. */
export const limitQuery = (fallback: number, max: number) =>
  z.object({ limit: z.coerce.number().int().min(1).max(max).default(fallback) });
