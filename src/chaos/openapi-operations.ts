import { mulberry32 } from '../analytics/shared/prng.ts';
import { NautilusError } from '../core/errors.ts';

/** The subset of JSON Schema the API's OpenAPI document uses (zod's openapi-3.0 output). */
export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  minimum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}

/** One route of the document: what a fuzz case starts from. */
export interface Operation {
  method: string;
  /** As documented, e.g. `/api/market/{symbol}`. */
  template: string;
  params: Parameter[];
  body?: JsonSchema;
}

/** A seeded generator with the picks the fuzzers need; the same seed gives the same cases. */
export interface Rng {
  next(): number;
  int(below: number): number;
  pick<T>(items: readonly T[]): T;
}

export function seededRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (below: number) => Math.floor(next() * below);
  return { next, int, pick: (items) => items[int(items.length)]! };
}

interface OpenApiDocument {
  paths?: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }
    >
  >;
}

const METHODS = new Set(['get', 'post', 'put', 'delete', 'patch']);

/** Every operation of an OpenAPI 3 document (`GET /docs/json`), parameters and JSON body included. */
export function operationsOf(document: unknown): Operation[] {
  const paths = (document as OpenApiDocument)?.paths;
  if (!paths || typeof paths !== 'object')
    throw new NautilusError('BAD_REQUEST', 'the OpenAPI document has no `paths`: is this /docs/json?');
  const operations: Operation[] = [];
  for (const [template, methods] of Object.entries(paths))
    for (const [method, spec] of Object.entries(methods)) {
      if (!METHODS.has(method)) continue;
      const body = spec.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        template,
        params: (spec.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
        ...(body ? { body } : {}),
      });
    }
  if (operations.length === 0)
    throw new NautilusError('BAD_REQUEST', 'the OpenAPI document has no operations');
  return operations;
}

/** A value the schema accepts, so each mutation breaks one thing only. */
export function exampleOf(schema: JsonSchema | undefined): unknown {
  if (!schema) return 'x';
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (variant) return exampleOf(variant);
  switch (schema.type) {
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'array':
      return [exampleOf(schema.items)];
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const name of schema.required ?? []) value[name] = exampleOf(schema.properties?.[name]);
      return value;
    }
    default:
      // Decimal-string patterns (quantities, prices, ns times) want digits; other strings a symbol.
      return schema.pattern?.startsWith('^\\d') ? '1' : 'AAPL';
  }
}

/** The path of an operation with each `{param}` replaced by its (already encoded) value. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? 'AAPL');
}
