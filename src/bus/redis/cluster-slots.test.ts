import { describe, expect, it } from 'vitest';
import { ownerUrl, parseClusterShards } from './cluster-slots.ts';

const node = (fields: Record<string, string | number>) => Object.entries(fields).flat();
// A RESP2 CLUSTER SHARDS reply as Redis 7 sends it: one shard with two ranges, one with a failed master.
const reply = [
  [
    'slots',
    [0, 100, 200, 300],
    'nodes',
    [
      node({ id: 'r', port: 7001, ip: '10.0.0.2', endpoint: '10.0.0.2', role: 'replica', health: 'online' }),
      node({
        id: 'm',
        port: 7000,
        'tls-port': 7100,
        ip: '10.0.0.1',
        endpoint: '?',
        role: 'master',
        health: 'online',
      }),
    ],
  ],
  [
    'slots',
    [101, 199],
    'nodes',
    [node({ id: 'x', port: 7002, ip: '::1', endpoint: '::1', role: 'master', health: 'online' })],
  ],
  [
    'slots',
    [301, 16383],
    'nodes',
    [node({ id: 'f', port: 7003, ip: '10.0.0.4', role: 'master', health: 'fail' })],
  ],
];

describe('cluster slot map', () => {
  it('keeps the online master of each range, by its endpoint or else its ip', () => {
    expect(parseClusterShards(reply)).toEqual([
      { start: 0, end: 100, host: '10.0.0.1', port: 7000, tlsPort: 7100 },
      { start: 101, end: 199, host: '::1', port: 7002, tlsPort: null },
      { start: 200, end: 300, host: '10.0.0.1', port: 7000, tlsPort: 7100 },
    ]);
    expect(() => parseClusterShards('ERR')).toThrow(/CLUSTER SHARDS/);
  });

  it("builds the owner's URL from the seed's scheme and credentials", () => {
    const ranges = parseClusterShards(reply);
    expect(ownerUrl(ranges, 250, 'redis://bus:secret@seed:6379')).toBe('redis://bus:secret@10.0.0.1:7000');
    expect(ownerUrl(ranges, 150, 'redis://seed:6379')).toBe('redis://[::1]:7002');
    expect(ownerUrl(ranges, 50, 'rediss://seed:6380')).toBe('rediss://10.0.0.1:7100');
    expect(() => ownerUrl(ranges, 150, 'rediss://seed:6380')).toThrow(/no tls-port/);
    expect(() => ownerUrl(ranges, 5_000, 'redis://seed:6379')).toThrow(/no online master serves slot 5000/);
  });
});
