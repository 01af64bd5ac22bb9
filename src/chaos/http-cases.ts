import {
  BROKEN_JSON,
  CONTENT_TYPES,
  huge,
  NASTY_TEXT,
  NUMBER_LIKE,
  nested,
  PATH_SEGMENTS,
  QUERY_VALUES,
  WRONG_TYPES,
} from './fuzz-values.ts';
import { exampleOf, fillPath, type Operation, type Rng, seededRng } from './openapi-operations.ts';

/** One request as it goes on the wire: the path is sent verbatim, encoded or not. */
export interface FuzzRequest {
  /** The mutation that made it, e.g. `body.missing-required`. */
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpCaseOptions {
  seed: number;
  cases: number;
  /** A key whose role covers every route; without it requests go unauthenticated (loopback mode). */
  apiKey?: string;
  /** A key with a lower role, for wrong-role requests. */
  lowRoleKey?: string;
  /** The server's body limit (fastify's default 1 MiB): oversized bodies go just past it. */
  bodyLimitBytes?: number;
}

interface Draft {
  method: string;
  path: string;
  query: string[];
  body?: string;
  contentType?: string | null;
  key?: string | null;
}

type Mutate = (op: Operation, rng: Rng, draft: Draft, options: HttpCaseOptions) => void;

const bodyOf = (op: Operation): Record<string, unknown> => {
  const value = exampleOf(op.body);
  return value && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
};
const fieldOf = (op: Operation, rng: Rng): string => {
  const names = Object.keys(op.body?.properties ?? {});
  return names.length > 0 ? rng.pick(names) : 'value';
};
const setField = (op: Operation, rng: Rng, draft: Draft, value: unknown) => {
  draft.body = JSON.stringify({ ...bodyOf(op), [fieldOf(op, rng)]: value });
};
const setRawField = (op: Operation, rng: Rng, draft: Draft, rawJson: string) => {
  const rest = JSON.stringify(bodyOf(op)).slice(1, -1);
  draft.body = `{${rest}${rest ? ',' : ''}${JSON.stringify(fieldOf(op, rng))}:${rawJson}}`;
};
/** Every byte but unreserved ones as %XX; unlike encodeURIComponent it takes lone surrogates too. */
const percentEncode = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9._~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');
const pathParams = (op: Operation) => op.params.filter((p) => p.in === 'path');
const queryParams = (op: Operation) => op.params.filter((p) => p.in === 'query');

const BODY: Record<string, Mutate> = {
  'missing-required': (op, rng, draft) => {
    const body = bodyOf(op);
    const required = op.body?.required ?? [];
    if (required.length > 0) delete body[rng.pick(required)];
    else for (const name of Object.keys(body)) delete body[name];
    draft.body = JSON.stringify(body);
  },
  'wrong-type': (op, rng, draft) => setField(op, rng, draft, rng.pick(WRONG_TYPES)),
  'extra-field': (op, rng, draft) =>
    (draft.body = JSON.stringify({ ...bodyOf(op), [`zz${rng.int(1000)}`]: rng.pick(WRONG_TYPES) })),
  'null-field': (op, rng, draft) => setField(op, rng, draft, null),
  'null-body': (_op, rng, draft) => (draft.body = rng.pick(['null', '[]', '"AAPL"', '1', 'true', '{}'])),
  'huge-string': (op, rng, draft) => setField(op, rng, draft, huge(100_000)),
  'deep-nesting': (op, rng, draft) =>
    setRawField(op, rng, draft, nested(rng.pick([100, 5_000, 50_000]), rng.pick(['array', 'object']))),
  'number-string-swap': (op, _rng, draft) => {
    const swapped = Object.fromEntries(
      Object.entries(bodyOf(op)).map(([name, value]) => [
        name,
        typeof value === 'number' ? String(value) : /^\d+$/.test(String(value)) ? Number(value) : value,
      ]),
    );
    draft.body = JSON.stringify(swapped);
  },
  'number-like': (op, rng, draft) => setField(op, rng, draft, rng.pick(NUMBER_LIKE)),
  unicode: (op, rng, draft) => setField(op, rng, draft, rng.pick(NASTY_TEXT)),
  'prototype-keys': (op, rng, draft) => {
    const rest = JSON.stringify(bodyOf(op)).slice(1, -1);
    const key = rng.pick(['__proto__', 'constructor', 'prototype']);
    draft.body = `{${rest}${rest ? ',' : ''}"${key}":{"polluted":true,"prototype":{"polluted":true}}}`;
  },
  'invalid-json': (_op, rng, draft) => (draft.body = rng.pick(BROKEN_JSON)),
  'content-type': (_op, rng, draft) => (draft.contentType = rng.pick(CONTENT_TYPES)),
  'empty-body': (_op, _rng, draft) => (draft.body = ''),
  oversized: (op, _rng, draft, options) =>
    (draft.body = JSON.stringify({ ...bodyOf(op), zz: huge((options.bodyLimitBytes ?? 1_048_576) + 1_024) })),
};

const PARAMS: Record<string, Mutate> = {
  'path-param': (op, rng, draft) => {
    const values = Object.fromEntries(pathParams(op).map((p) => [p.name, 'AAPL']));
    values[rng.pick(pathParams(op)).name] = rng.pick(PATH_SEGMENTS);
    draft.path = fillPath(op.template, values);
  },
  'path-param-text': (op, rng, draft) => {
    const values = Object.fromEntries(pathParams(op).map((p) => [p.name, 'AAPL']));
    values[rng.pick(pathParams(op)).name] = percentEncode(rng.pick([...NASTY_TEXT, ...NUMBER_LIKE]));
    draft.path = fillPath(op.template, values);
  },
  'query-value': (op, rng, draft) =>
    draft.query.push(`${rng.pick(queryParams(op)).name}=${rng.pick(QUERY_VALUES)}`),
  'query-repeated': (op, rng, draft) => {
    const { name } = rng.pick(queryParams(op));
    draft.query.push(`${name}=1`, `${name}=2`);
  },
  'query-bracket': (op, rng, draft) => draft.query.push(`${rng.pick(queryParams(op)).name}[a]=1`),
};

const ANY: Record<string, Mutate> = {
  'query-unknown': (_op, rng, draft) =>
    draft.query.push(rng.pick(['zz=1', '__proto__=1', 'constructor[prototype]=1', '&&&', '=', 'a=%zz'])),
  'path-junk': (_op, rng, draft) => {
    draft.path = `${draft.path}${rng.pick(['/', '/zz', '//', '/./', '?', '#x', '%2F'])}`;
  },
  'wrong-method': (op, rng, draft) => {
    draft.method = rng.pick(['PATCH', 'PUT', 'DELETE', 'POST', 'GET'].filter((m) => m !== op.method));
  },
};

const AUTH: Record<string, Mutate> = {
  'auth-missing': (_op, _rng, draft) => (draft.key = null),
  'auth-wrong': (_op, rng, draft) =>
    (draft.key = rng.pick(['wrong-key', ' ', 'x'.repeat(2_000), '\u00e9t\u00e9'])),
  'auth-low-role': (_op, _rng, draft, options) => (draft.key = options.lowRoleKey ?? null),
};

function mutationsFor(op: Operation, options: HttpCaseOptions): Array<[string, Mutate]> {
  const list: Array<[string, Mutate]> = Object.entries(ANY).map(([k, m]) => [`any.${k}`, m]);
  if (op.body) list.push(...Object.entries(BODY).map(([k, m]): [string, Mutate] => [`body.${k}`, m]));
  if (pathParams(op).length > 0) list.push(['params.path-param', PARAMS['path-param']!]);
  if (pathParams(op).length > 0) list.push(['params.path-param-text', PARAMS['path-param-text']!]);
  if (queryParams(op).length > 0)
    for (const name of ['query-value', 'query-repeated', 'query-bracket'])
      list.push([`params.${name}`, PARAMS[name]!]);
  if (options.apiKey) {
    list.push(['auth.auth-missing', AUTH['auth-missing']!], ['auth.auth-wrong', AUTH['auth-wrong']!]);
    if (options.lowRoleKey) list.push(['auth.auth-low-role', AUTH['auth-low-role']!]);
  }
  return list;
}

/** Header values cannot carry every character: what node's http client would refuse is dropped. */
const headerSafe = (value: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value);

/**
 * `cases` requests, round-robin over the operations so every route is reached, each with one
 * mutation drawn by the seeded generator: the same seed and document give the same requests.
 */
export function httpCases(operations: readonly Operation[], options: HttpCaseOptions): FuzzRequest[] {
  const rng = seededRng(options.seed);
  const requests: FuzzRequest[] = [];
  for (let i = 0; i < options.cases; i++) {
    const op = operations[i % operations.length]!;
    const [kind, mutate] = rng.pick(mutationsFor(op, options));
    const draft: Draft = {
      method: op.method,
      path: fillPath(op.template, {}),
      query: [],
      ...(op.body ? { body: JSON.stringify(bodyOf(op)), contentType: 'application/json' } : {}),
      ...(options.apiKey ? { key: options.apiKey } : {}),
    };
    mutate(op, rng, draft, options);
    const headers: Record<string, string> = {};
    if (draft.key && headerSafe(draft.key)) headers['x-api-key'] = draft.key;
    if (draft.body !== undefined && draft.contentType) headers['content-type'] = draft.contentType;
    const query = draft.query.length > 0 ? `?${draft.query.join('&')}` : '';
    requests.push({
      kind,
      method: draft.method,
      path: draft.path + query,
      headers,
      ...(draft.body !== undefined ? { body: draft.body } : {}),
    });
  }
  return requests;
}
