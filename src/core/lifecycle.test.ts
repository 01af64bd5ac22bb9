import { describe, expect, it } from 'vitest';
import { Lifecycle } from './lifecycle.ts';

describe('Lifecycle', () => {
  it('walks ready -> starting -> running -> degraded -> running -> stopping -> stopped, telling listeners', () => {
    const lifecycle = new Lifecycle('risk');
    const seen: string[] = [];
    lifecycle.onChange((c) => seen.push(`${c.from}->${c.to}`));
    for (const to of ['starting', 'running', 'degraded', 'running', 'stopping', 'stopped'] as const)
      lifecycle.transition(to, 'test');
    expect(seen).toEqual([
      'ready->starting',
      'starting->running',
      'running->degraded',
      'degraded->running',
      'running->stopping',
      'stopping->stopped',
    ]);
  });

  it('refuses an illegal transition with both states named', () => {
    const lifecycle = new Lifecycle('vpin');
    expect(() => lifecycle.transition('running', 'skip starting')).toThrow(
      'vpin: illegal transition ready -> running',
    );
  });
});
