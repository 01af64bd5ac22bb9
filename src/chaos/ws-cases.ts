import { NautilusError } from '../core/errors.ts';
import { BROKEN_JSON, NASTY_TEXT, NUMBER_LIKE, nested, WRONG_TYPES } from './fuzz-values.ts';
import type { Rng } from './openapi-operations.ts';

/** Patterns a client may follow (README "WebSocket"): the fuzzer's valid traffic. */
export const GOOD_PATTERNS: readonly string[] = [
  'price.update.AAPL',
  'price.update.*',
  'market_data.quote.*',
  'vpin.*',
  'risk.*',
  'toxicity.alert.*',
  'margin.alert.*',
  'engine.health.*',
  'system.health.*',
  'position.change.*',
];

/** Patterns the protocol must refuse: malformed, private topics, over-long, hostile text. */
const BAD_PATTERNS: readonly unknown[] = [
  '',
  '*',
  '**',
  '.',
  'vpin.',
  '.vpin',
  'vpin..x',
  'vpin.*.x',
  'price.update.AAPL*',
  'order.command.submit.api',
  'order.*',
  'rpc.request.quote',
  'backtest.*',
  '__proto__',
  'constructor',
  'A'.repeat(201),
  ...NASTY_TEXT,
  ...WRONG_TYPES,
  null,
];

const frame = (value: unknown) => JSON.stringify(value);

/** One generator per kind of bad (or, for floods, legitimate) client frame. */
const KINDS: Record<string, (rng: Rng) => string> = {
  'broken-json': (rng) => rng.pick(BROKEN_JSON),
  'raw-text': (rng) => rng.pick([...NASTY_TEXT, ...NUMBER_LIKE, '', ' ']),
  'not-an-object': (rng) => rng.pick(['null', '[]', '1', '"subscribe"', 'true', '[{"op":"ping"}]']),
  'unknown-op': (rng) =>
    frame(
      rng.pick([
        {},
        { op: 'zz' },
        { op: 1 },
        { op: null },
        { op: 'SUBSCRIBE', topics: ['vpin.*'] },
        { op: 'message', topic: 'vpin.x', payload: {} },
        { op: 'welcome' },
        { op: '__proto__' },
        { op: 'subscribe ' },
      ]),
    ),
  'bad-topic': (rng) =>
    frame({ op: rng.pick(['subscribe', 'unsubscribe']), topics: [rng.pick(BAD_PATTERNS)] }),
  'bad-topics-field': (rng) =>
    frame({
      op: rng.pick(['subscribe', 'unsubscribe']),
      topics: rng.pick<unknown>(['vpin.*', [], null, 1, { 0: 'vpin.*' }, Array(65).fill('vpin.*')]),
    }),
  'extra-field': (rng) => frame({ op: rng.pick(['subscribe', 'ping']), topics: ['vpin.*'], zz: 1 }),
  'bad-resume': (rng) =>
    rng.pick([
      frame({ op: 'resume' }),
      frame({ op: 'resume', epoch: 1, since: {} }),
      frame({ op: 'resume', epoch: 'x', since: { 'vpin.*': 1 } }),
      frame({
        op: 'resume',
        epoch: 'x',
        since: { 'vpin.calculation.AAPL': rng.pick<unknown>([-1, 1.5, '1', 1e308, null]) },
      }),
      frame({ op: 'resume', epoch: 'x', since: { 'order.command.submit.api': 1 } }),
      frame({ op: 'resume', epoch: 'x'.repeat(101), since: {} }),
      frame({
        op: 'resume',
        epoch: 'x',
        since: Object.fromEntries(GOOD_PATTERNS.map((p, i) => [`${p}${i}`, 1])),
      }),
      frame({
        op: 'resume',
        epoch: 'x',
        since: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`vpin.calculation.S${i}`, 0])),
      }),
      '{"op":"resume","epoch":"x","since":{"__proto__":{"vpin.calculation.AAPL":1}}}',
      '{"op":"resume","epoch":"x","since":{"__proto__":1}}',
      '{"op":"resume","epoch":"x","since":{"constructor":1}}',
    ]),
  'deep-nesting': (rng) => `{"op":"subscribe","topics":${nested(rng.pick([100, 5_000, 20_000]), 'array')}}`,
  subscribe: (rng) => frame({ op: 'subscribe', topics: [rng.pick(GOOD_PATTERNS)] }),
  unsubscribe: (rng) => frame({ op: 'unsubscribe', topics: [rng.pick(GOOD_PATTERNS)] }),
  'many-topics': (rng) =>
    frame({
      op: 'subscribe',
      topics: Array.from({ length: 64 }, (_, i) => `price.update.S${rng.int(1_000)}x${i}`),
    }),
};

/** Frames a misbehaving client sends: mostly refusals, some legitimate traffic mixed in. */
export const GARBAGE_KINDS = Object.keys(KINDS).filter((k) => k !== 'subscribe' && k !== 'unsubscribe');

export function wsFrame(kind: string, rng: Rng): string {
  const make = KINDS[kind];
  if (!make) throw new NautilusError('BAD_REQUEST', `unknown WebSocket fuzz frame kind ${kind}`);
  return make(rng);
}
