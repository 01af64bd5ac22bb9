import { describe, expect, it } from 'vitest';
import { parseXreadgroupStats } from './redis-stats.ts';

describe('parseXreadgroupStats', () => {
  it('reads calls, failed and rejected calls of XREADGROUP from INFO commandstats', () => {
    const info = [
      '# Commandstats',
      'cmdstat_xadd:calls=10,usec=50,usec_per_call=5.00,rejected_calls=0,failed_calls=0',
      'cmdstat_xreadgroup:calls=1234,usec=9,usec_per_call=0.01,rejected_calls=2,failed_calls=7',
    ].join('\r\n');
    expect(parseXreadgroupStats(info)).toEqual({ calls: 1234, failed: 7, rejected: 2 });
    expect(parseXreadgroupStats('# Commandstats\r\n')).toEqual({ calls: 0, failed: 0, rejected: 0 });
  });
});
