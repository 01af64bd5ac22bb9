import { describe, expect, it } from 'vitest';
import { topics } from '../domain/topics.ts';
import { engineSchemas, KERNEL, selectEngines } from './host/kernel.ts';
import { defineManifest, noOptions } from './manifest.ts';

const EXPECTED_PORTS = {
  api: 8001,
  analytics: 8100,
  backtesting: 8110,
  risk: 8200,
  factor: 8300,
  ml: 8400,
  features: 8500,
  websocket: 8600,
  strategy: 8700,
  execution: 8750,
  marketdata: 8800,
  portfolio: 8900,
  toraniko: 8950,
  collateral: 9000,
  vpin: 10000,
  'enhanced-vpin': 10001,
};

describe('engine manifests', () => {
  it('cover the 16 engines of the architecture at their ports', () => {
    const ports = Object.fromEntries(
      [...KERNEL.values()].map(({ manifest }) => [manifest.name, manifest.defaultPort]),
    );
    expect(ports).toEqual(EXPECTED_PORTS);
  });

  it('each publish their own health topic and describe pending work when unimplemented', () => {
    for (const { manifest } of KERNEL.values()) {
      expect(manifest.publishes).toContain(topics.engine.health(manifest.name));
      if (!manifest.implemented) expect(manifest.pending, manifest.name).toBeTruthy();
    }
  });

  it('route the order path: strategy -> risk -> execution -> portfolio', () => {
    const declares = (engine: string, field: 'publishes' | 'subscribes', pattern: string) =>
      KERNEL.get(engine)!.manifest[field].includes(pattern);
    expect(declares('strategy', 'publishes', topics.pattern('order.command'))).toBe(true);
    expect(declares('risk', 'subscribes', topics.pattern('order.command'))).toBe(true);
    expect(declares('risk', 'publishes', topics.pattern('order.approved'))).toBe(true);
    expect(declares('execution', 'subscribes', topics.pattern('order.approved'))).toBe(true);
    expect(declares('execution', 'publishes', topics.pattern('order.event'))).toBe(true);
    expect(declares('portfolio', 'subscribes', topics.pattern('order.event'))).toBe(true);
    expect(declares('websocket', 'subscribes', topics.everything)).toBe(true);
    expect(KERNEL.get('api')!.manifest.publishes).toContain(topics.order.submit('api'));
  });

  it('refuse an unknown topic family and an unimplemented engine with no pending note', () => {
    const base = { title: 't', description: 'd', defaultPort: 1, configSchema: noOptions, subscribes: [] };
    expect(() => defineManifest({ ...base, name: 'x', publishes: ['nope.*'], implemented: true })).toThrow(
      /unknown family/,
    );
    expect(() => defineManifest({ ...base, name: 'x', publishes: [], implemented: false })).toThrow(
      /needs "pending"/,
    );
  });
});

describe('kernel selection', () => {
  it('selects all, or the named engines in kernel order, and refuses unknown names', () => {
    expect(selectEngines(['all'])).toHaveLength(16);
    expect(selectEngines(['vpin', 'risk']).map((d) => d.manifest.name)).toEqual(['risk', 'vpin']);
    expect(() => selectEngines(['risk', 'nope'])).toThrow(/unknown engine "nope"/);
    expect(Object.keys(engineSchemas())).toEqual(Object.keys(EXPECTED_PORTS));
  });
});
