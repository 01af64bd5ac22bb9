import { describe, expect, it } from 'vitest';
import { ClientQueue } from './client-queue.ts';

const drain = (queue: ClientQueue) => {
  const out: string[] = [];
  for (let frame = queue.take(); frame !== undefined; frame = queue.take()) out.push(String(frame));
  return out;
};

describe('ClientQueue', () => {
  it('keeps the latest frame per conflated topic, in first-arrival order, and counts what it replaced', () => {
    const queue = new ClientQueue(3);
    queue.pushConflated('price.update.A', 'A1');
    queue.pushConflated('price.update.B', 'B1');
    queue.pushConflated('price.update.A', 'A2');
    queue.pushConflated('price.update.A', 'A3');
    expect(queue.size).toBe(2);
    expect(queue.conflated).toBe(2);
    expect(drain(queue)).toEqual(['A3', 'B1']);
  });

  it('sends alerts first and in order, and refuses the one past the limit', () => {
    const queue = new ClientQueue(2);
    queue.pushConflated('price.update.A', 'A1');
    expect(queue.pushAlert('x1')).toBe(true);
    expect(queue.pushAlert('x2')).toBe(true);
    expect(queue.pushAlert('x3')).toBe(false);
    expect(queue.alertsWaiting).toBe(2);
    expect(queue.pushAlert('r1', true)).toBe(true);
    expect(drain(queue)).toEqual(['x1', 'x2', 'r1', 'A1']);
    expect(queue.pushAlert('x4')).toBe(true);
    expect(drain(queue)).toEqual(['x4']);
  });

  it('never loses an alert across interleaved pushes and takes (property)', () => {
    const queue = new ClientQueue(1_000);
    const taken: string[] = [];
    let next = 0;
    for (let round = 0; round < 500; round++) {
      for (let i = 0; i < round % 7; i++) queue.pushAlert(String(next++));
      for (let i = 0; i < round % 5; i++) {
        const frame = queue.take();
        if (frame !== undefined) taken.push(String(frame));
      }
    }
    taken.push(...drain(queue));
    expect(taken).toEqual(Array.from({ length: next }, (_, i) => String(i)));
  });
});
