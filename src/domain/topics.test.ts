import { describe, expect, it } from 'vitest';
import {
  laneOfFamily,
  messageTypeOf,
  TOPIC_FAMILIES,
  topicMatches,
  topics,
  validatePattern,
} from './topics.ts';

describe('topics', () => {
  it('builds dotted topics and refuses segments that would break them', () => {
    expect(topics.marketData.bar('ES', '1m')).toBe('market_data.bar.ES.1m');
    expect(topics.strategy.signal('ema-cross', 'BTC/USDT')).toBe('strategy.signal.ema-cross.BTC/USDT');
    expect(() => topics.price.update('EUR.USD')).toThrow(/invalid symbol/);
    expect(() => topics.price.update('')).toThrow(/invalid symbol/);
  });

  it('maps each topic to its message type by longest prefix, and each family to one lane', () => {
    expect(messageTypeOf(topics.marketData.quote('A'))).toBe('MARKET_DATA');
    expect(messageTypeOf(topics.portfolio.risk('var'))).toBe('RISK_METRIC');
    expect(messageTypeOf(topics.portfolio.update('main'))).toBe('PORTFOLIO_UPDATE');
    expect(messageTypeOf(topics.trade.execution('A'))).toBe('TRADE_EXECUTION');
    expect(() => messageTypeOf('nope.x')).toThrow(/unknown topic family/);
    expect(laneOfFamily('price')).toBe('market_data');
    expect(laneOfFamily('toxicity')).toBe('engine_logic');
    expect(TOPIC_FAMILIES).toContain('rpc');
  });

  it('matches exact topics, prefix.* and *', () => {
    expect(topicMatches('price.*', 'price.update.A')).toBe(true);
    expect(topicMatches('price.*', 'price')).toBe(false);
    expect(topicMatches('price.*', 'prices.update.A')).toBe(false);
    expect(topicMatches('price.update.*', 'price.update.A')).toBe(true);
    expect(topicMatches('*', 'anything.at.all')).toBe(true);
    expect(topicMatches('price.update.A', 'price.update.A')).toBe(true);
    expect(topicMatches('price.update.A', 'price.update.AB')).toBe(false);
  });

  it('accepts only patterns ending in .* over known families', () => {
    expect(validatePattern('vpin.*')).toBe('vpin.*');
    expect(() => validatePattern('vpin*')).toThrow(/invalid topic pattern/);
    expect(() => validatePattern('*.update')).toThrow(/invalid topic pattern/);
    expect(() => validatePattern('bogus.*')).toThrow(/unknown family/);
  });
});
