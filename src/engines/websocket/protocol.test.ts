import { describe, expect, it } from 'vitest';
import { isAlertTopic, parseClientFrame } from './protocol.ts';

describe('client frames', () => {
  it('accepts the topics clients may follow', () => {
    const topics = [
      'price.update.AAPL',
      'market_data.quote.ES',
      'position.change.*',
      'portfolio.update.*',
      'risk.*',
      'portfolio.risk.*',
      'vpin.*',
      'toxicity.alert.*',
      'margin.alert.*',
      'system.health.*',
    ];
    expect(parseClientFrame(JSON.stringify({ op: 'subscribe', topics }))).toEqual({
      ok: true,
      frame: { op: 'subscribe', topics },
    });
  });

  it('refuses private topics, bad patterns, unknown ops and extra keys with a reason', () => {
    const refuse = (frame: unknown) => parseClientFrame(JSON.stringify(frame));
    expect(refuse({ op: 'subscribe', topics: ['market_data.book.ES'] })).toMatchObject({
      ok: false,
      code: 'BAD_FRAME',
      message: expect.stringMatching(/^topics\.0: topic "market_data\.book\.ES" is not available/),
    });
    expect(refuse({ op: 'subscribe', topics: ['*'] })).toMatchObject({ ok: false });
    expect(refuse({ op: 'subscribe', topics: [] })).toMatchObject({ ok: false });
    expect(refuse({ op: 'ping', extra: 1 })).toMatchObject({ ok: false });
    expect(refuse({ op: 'resume', epoch: 'e', since: { 'vpin.calculation.ES': -1 } })).toMatchObject({
      ok: false,
    });
    expect(parseClientFrame('{')).toEqual({
      ok: false,
      code: 'BAD_JSON',
      message: 'frame is not valid JSON',
    });
  });

  it('treats alerts and trading-state changes as never-drop topics, prices as conflatable', () => {
    expect(isAlertTopic('toxicity.alert.ES')).toBe(true);
    expect(isAlertTopic('margin.alert.acct')).toBe(true);
    expect(isAlertTopic('risk.alert.var')).toBe(true);
    expect(isAlertTopic('risk.state.changed')).toBe(true);
    expect(isAlertTopic('price.update.ES')).toBe(false);
    expect(isAlertTopic('risk.metric.var')).toBe(false);
  });
});
