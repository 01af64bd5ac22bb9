import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  formatCompact,
  formatDurationMs,
  formatMetricValue,
  formatNumber,
  formatParamValue,
  formatSpanNs,
  humanizeKey,
} from './format.ts';

describe('format', () => {
  it('escapes HTML metacharacters', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('groups thousands independently of the locale and avoids -0', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(-1234.5, 0)).toBe('-1,235');
    expect(formatNumber(-0.001, 2)).toBe('0.00');
    expect(formatNumber(999, 0)).toBe('999');
    expect(formatNumber(Number.NaN, 2)).toBe('n/a');
    expect(formatNumber(Number.POSITIVE_INFINITY, 2)).toBe('∞');
    expect(formatCompact(1.5)).toBe('1.5');
    expect(formatCompact(2000)).toBe('2,000');
  });

  it('formats metric values by format', () => {
    expect(formatMetricValue(0.12345, 'pct', 'USD')).toBe('12.35%');
    expect(formatMetricValue(-0.0821, 'pct', 'USD')).toBe('-8.21%');
    expect(formatMetricValue(1.23456, 'ratio', 'USD')).toBe('1.23');
    expect(formatMetricValue(12345.678, 'money', 'USD')).toBe('12,345.68 USD');
    expect(formatMetricValue(41.6, 'int', 'USD')).toBe('42');
    expect(formatMetricValue(0.123456789, undefined, 'USD')).toBe('0.1235');
    expect(formatMetricValue('n/a yet', 'pct', 'USD')).toBe('n/a yet');
    expect(formatMetricValue(Number.POSITIVE_INFINITY, 'ratio', 'USD')).toBe('∞');
  });

  it('humanizes keys and durations', () => {
    expect(humanizeKey('winRate')).toBe('Win rate');
    expect(humanizeKey('max_consecutive_losses')).toBe('Max consecutive losses');
    expect(formatDurationMs(850)).toBe('850 ms');
    expect(formatDurationMs(12_345)).toBe('12.35 s');
    expect(formatDurationMs(7_385_000)).toBe('2h 03m 05s');
    expect(formatSpanNs(90n * 86_400_000_000_000n + 3_600_000_000_000n)).toBe('90d 1h 0m');
    expect(formatSpanNs(42_000_000_000n)).toBe('42s');
  });

  it('renders parameter values as JSON with bigints as digits', () => {
    expect(formatParamValue('fast')).toBe('fast');
    expect(formatParamValue(20)).toBe('20');
    expect(formatParamValue({ a: [1, 2], b: 10n })).toBe('{"a":[1,2],"b":"10"}');
  });
});
