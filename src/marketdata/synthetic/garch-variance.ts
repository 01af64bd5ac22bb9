/**
 * GARCH(1,1) conditional variance of returns over a fixed clock step: h' = omega + alpha * eps^2 + beta * h.
 * omega is chosen so the long-run variance equals the target; large moves raise the next variances,
 * which is what produces volatility clustering.
 */
export class GarchVariance {
  private h: number;
  private readonly omega: number;

  constructor(
    private readonly longRunVariance: number,
    private readonly alpha: number,
    private readonly beta: number,
  ) {
    if (alpha < 0 || beta < 0 || alpha + beta >= 1) throw new RangeError('GARCH needs alpha + beta < 1');
    this.omega = longRunVariance * (1 - alpha - beta);
    this.h = longRunVariance;
  }

  get variance(): number {
    return this.h;
  }

  /** Ratio of current to long-run volatility (1 = calm average). */
  get volRatio(): number {
    return Math.sqrt(this.h / this.longRunVariance);
  }

  update(innovation: number): void {
    // The cap keeps a freak draw from producing an absurd, slow-to-decay variance.
    const next = this.omega + this.alpha * innovation * innovation + this.beta * this.h;
    this.h = Math.min(next, 100 * this.longRunVariance);
  }
}
