import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../domain/envelope.ts';
import { jsonCodec, msgpackCodec } from './codec.ts';

const envelope = (i: number): Envelope => ({
  id: `x-${i}`,
  type: 'PRICE_UPDATE',
  topic: 'price.update.AAPL',
  source: { engine: 'marketdata', instance: 'x' },
  priority: 'NORMAL',
  eventTimeNs: 1_732_212_345_123_456_789n,
  publishTimeNs: 1_732_212_345_123_456_790n,
  schemaVersion: 1,
  payload: { symbol: 'AAPL', price: 189.25, tsNs: 1_732_212_345_123_456_789n, nested: { atNs: 5n } },
});

describe('codecs', () => {
  it('json keeps nanoseconds exact as decimal strings, at any depth', () => {
    const decoded = jsonCodec.decode(jsonCodec.encode(envelope(1))) as Record<string, unknown>;
    expect(decoded.eventTimeNs).toBe('1732212345123456789');
    expect(decoded.payload).toEqual({
      symbol: 'AAPL',
      price: 189.25,
      tsNs: '1732212345123456789',
      nested: { atNs: '5' },
    });
  });

  it('msgpack keeps nanoseconds as bigints', () => {
    const decoded = msgpackCodec.decode(msgpackCodec.encode(envelope(1))) as Record<string, unknown>;
    expect(decoded.publishTimeNs).toBe(1_732_212_345_123_456_790n);
  });

  for (const codec of [jsonCodec, msgpackCodec]) {
    it(`${codec.name} joins encoded envelopes into one array, small and large`, () => {
      for (const count of [1, 15, 16, 300]) {
        const items = Array.from({ length: count }, (_, i) => envelope(i));
        const decoded = codec.decode(codec.join(items.map((e) => codec.encode(e)))) as Array<{ id: string }>;
        expect(decoded.map((e) => e.id)).toEqual(items.map((e) => e.id));
      }
    });
  }
});
