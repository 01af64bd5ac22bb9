export type ToxicityLevel = 'warning' | 'critical';

export interface ToxicityThresholds {
  /** CDF(VPIN) at or above which a warning is raised (default 0.9). */
  warning: number;
  /** CDF(VPIN) at or above which a critical alert is raised (default 0.99). */
  critical: number;
}

export const DEFAULT_THRESHOLDS: ToxicityThresholds = { warning: 0.9, critical: 0.99 };

export function checkThresholds({ warning, critical }: ToxicityThresholds): void {
  if (!(warning > 0 && warning <= critical && critical <= 1))
    throw new RangeError(
      `toxicity thresholds need 0 < warning <= critical <= 1, got ${warning} and ${critical}`,
    );
}

export function levelOf(cdf: number, thresholds: ToxicityThresholds): ToxicityLevel | undefined {
  return cdf >= thresholds.critical ? 'critical' : cdf >= thresholds.warning ? 'warning' : undefined;
}

const RANK = { none: 0, warning: 1, critical: 2 } as const;

/**
 * Edge-triggered alerts: a bucket raises an alert only when its level is above the previous
 * bucket's (none -> warning, none/warning -> critical), so a toxic stretch alerts once instead of
 * on every bucket; falling back re-arms it.
 */
export class ToxicityAlerter {
  private last: ToxicityLevel | 'none' = 'none';

  constructor(private readonly thresholds: ToxicityThresholds = DEFAULT_THRESHOLDS) {
    checkThresholds(thresholds);
  }

  /** The alert this CDF raises, if any. */
  update(cdf: number): ToxicityLevel | undefined {
    const level = levelOf(cdf, this.thresholds) ?? 'none';
    const raised = RANK[level] > RANK[this.last] ? level : undefined;
    this.last = level;
    return raised === 'none' ? undefined : raised;
  }
}
