import type { LocalCluster } from '../cluster/cluster.ts';
import { xreadgroupStats } from './redis-stats.ts';

const BUSES = ['marketDataUrl', 'engineLogicUrl'] as const;

/**
 * Failed and rejected XREADGROUP calls on both buses over the whole campaign. A Redis restart
 * resets INFO commandstats, so the campaign samples right before each restart and carries the
 * count over.
 */
export class ReadFailures {
  private readonly carried = { marketDataUrl: 0, engineLogicUrl: 0 };
  private readonly last = { marketDataUrl: 0, engineLogicUrl: 0 };
  calls = 0;

  constructor(private readonly cluster: LocalCluster) {}

  async sample(): Promise<number> {
    const urls = this.cluster.urls();
    let calls = 0;
    for (const bus of BUSES) {
      const stats = await xreadgroupStats(urls[bus]);
      const failed = stats.failed + stats.rejected;
      if (failed < this.last[bus]) this.carried[bus] += this.last[bus];
      this.last[bus] = failed;
      calls += stats.calls;
    }
    this.calls = calls;
    return this.total;
  }

  get total(): number {
    return BUSES.reduce((sum, bus) => sum + this.carried[bus] + this.last[bus], 0);
  }
}
