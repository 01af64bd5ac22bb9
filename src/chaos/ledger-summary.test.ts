import { describe, expect, it } from 'vitest';
import type { Deliveries } from './audit-reader.ts';
import { summarise } from './ledger-summary.ts';

describe('summarise', () => {
  it('counts deliveries per expected group, duplicates, losses and unacknowledged messages', () => {
    const groupsByTopic = new Map([['t.a', new Set(['g1', 'g2'])]]);
    const deliveries: Deliveries = new Map([
      [
        'm1',
        new Map([
          ['g1', 1],
          ['g2', 1],
        ]),
      ],
      [
        'm2',
        new Map([
          ['g1', 3],
          ['g2', 1],
        ]),
      ],
      ['m3', new Map([['g1', 1]])],
    ]);
    const messages = [
      { id: 'm1', topic: 't.a', scenario: 's', acked: true },
      { id: 'm2', topic: 't.a', scenario: 's', acked: true },
      { id: 'm3', topic: 't.a', scenario: 's', acked: true },
      { id: 'm4', topic: 't.a', scenario: 's', acked: false },
    ];
    expect(summarise(messages, deliveries, groupsByTopic)).toEqual({
      published: 4,
      unacknowledged: 1,
      delivered: 5,
      duplicates: 2,
      lost: 1,
      lostExamples: ['m3 t.a -> g2'],
    });
  });
});
