import { describe, expect, it } from 'vitest';
import { TopicRegistry } from './topic-registry.ts';

describe('TopicRegistry', () => {
  it('says when a pattern gains its first client and loses its last', () => {
    const registry = new TopicRegistry<string>();
    expect(registry.add('a', 'price.update.*')).toBe(true);
    expect(registry.add('b', 'price.update.*')).toBe(false);
    expect(registry.add('a', 'price.update.*')).toBe(false);
    expect(registry.remove('a', 'price.update.*')).toBe(false);
    expect(registry.remove('a', 'price.update.*')).toBe(false);
    expect(registry.remove('b', 'price.update.*')).toBe(true);
    expect(registry.patterns).toEqual([]);
  });

  it('finds each client once per topic, and forgets a client entirely', () => {
    const registry = new TopicRegistry<string>();
    registry.add('a', 'price.update.*');
    registry.add('a', 'price.update.AAPL');
    registry.add('b', 'price.update.AAPL');
    registry.add('c', 'vpin.*');
    expect(registry.clientsFor('price.update.AAPL')).toEqual(['a', 'b']);
    expect(registry.clientsFor('price.update.ES')).toEqual(['a']);
    expect(registry.clientsFor('vpin.calculation.ES')).toEqual(['c']);
    expect(registry.removeClient('a')).toEqual(['price.update.*']);
    expect(registry.clientsFor('price.update.AAPL')).toEqual(['b']);
    expect(registry.clientsFor('price.update.ES')).toEqual([]);
    expect(registry.patternsOf('a')).toEqual([]);
  });
});
