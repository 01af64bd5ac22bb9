import { describe, expect, it } from 'vitest';
import { KEYS, keyEntries, startFuzzHost } from './fuzz-host-kit.ts';
import { closeCodeIn } from './ws-conn.ts';
import { runWsFuzz } from './ws-fuzz.ts';

describe('WebSocket fuzzer', () => {
  it('gets error frames or the right close for every bad input, and a fresh client still gets prices', async () => {
    const { host, urlOf } = await startFuzzHost({
      engines: ['websocket', 'marketdata'],
      'engineConfig.marketdata.symbols': ['AAPL'],
      'engineConfig.websocket.apiKeys': keyEntries,
    });
    const base = urlOf('websocket');
    const report = await runWsFuzz({
      url: `${base.replace(/^http/, 'ws')}/ws`,
      apiKey: KEYS.read,
      seed: 11,
      frames: 3_000,
      probeTopic: 'price.update.*',
    });
    expect(report.examples).toEqual([]);
    expect(report.crashes).toBe(0);
    expect(report.healthyAfter).toBe(true);
    expect(report.framesSent).toBeGreaterThanOrEqual(3_000);
    // Every refusal path was reached: the parser, the schema, the limits, ws itself, the upgrade.
    expect(Object.keys(report.errorCodes).sort()).toEqual(['BAD_FRAME', 'BAD_JSON', 'TOO_MANY_TOPICS']);
    expect(report.closesByCode[1009]).toBeGreaterThan(0);
    expect(report.closesByCode[1002]).toBeGreaterThan(0);
    expect(report.refusedUpgrades).toEqual({ 401: expect.any(Number) });

    const health = (await (await fetch(`${base}/health`)).json()) as {
      state: string;
      websocket: { busSubscriptions: number };
    };
    expect(health.state).toBe('running');
    // Floods of ever new patterns are capped by maxIdlePatterns (1,000), not kept for the grace period.
    expect(health.websocket.busSubscriptions).toBeLessThanOrEqual(1_000 + 64);
    expect(host.list().find((e) => e.engine === 'websocket')?.state).toBe('running');
  });

  it('reads the close code of a raw close frame', () => {
    const http = Buffer.from('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n');
    const text = Buffer.concat([Buffer.from([0x81, 0x02]), Buffer.from('hi')]);
    const close = Buffer.from([0x88, 0x02, 0x03, 0xea]);
    expect(closeCodeIn(Buffer.concat([http, text, close]))).toBe(1002);
    expect(closeCodeIn(Buffer.concat([http, text]))).toBeUndefined();
  });
});
