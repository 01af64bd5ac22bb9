import { checkDim, type OnlineModel, type RlsState } from './online-model.ts';

export interface RlsOptions {
  /** λ in (0, 1]: a sample n steps old weighs λ^n; 1 weighs all samples equally. */
  forgetting: number;
  /** δ > 0: P starts at I/δ, which is a ridge penalty δ on every coefficient (bias included), fading as λ^n. */
  delta: number;
}

/**
 * Recursive least squares with exponential forgetting on φ = [x, 1] (the bias is the last
 * coefficient). Per sample: k = Pφ / (λ + φᵀPφ),  θ ← θ + k(y − θᵀφ),  P ← (P − k(Pφ)ᵀ) / λ.
 * After n samples θ equals the closed form (λⁿδI + Σ λ^(n−i) φᵢφᵢᵀ)⁻¹ Σ λ^(n−i) φᵢyᵢ — weighted
 * ridge, and plain ridge with penalty δ when λ = 1. O(dim²) per sample.
 */
export class Rls implements OnlineModel {
  readonly kind = 'rls';
  readonly task = 'regression';
  readonly dim: number;
  updates = 0;
  private readonly n: number;
  private readonly theta: Float64Array;
  private readonly p: Float64Array;
  private readonly phi: Float64Array;
  private readonly pPhi: Float64Array;

  constructor(
    dim: number,
    private readonly forgetting: number,
    delta = 1,
  ) {
    if (!(forgetting > 0 && forgetting <= 1))
      throw new RangeError(`forgetting must be in (0, 1], got ${forgetting}`);
    if (!(delta > 0)) throw new RangeError(`delta must be > 0, got ${delta}`);
    this.dim = dim;
    this.n = dim + 1;
    this.theta = new Float64Array(this.n);
    this.p = new Float64Array(this.n * this.n);
    for (let i = 0; i < this.n; i++) this.p[i * this.n + i] = 1 / delta;
    this.phi = new Float64Array(this.n);
    this.pPhi = new Float64Array(this.n);
  }

  predict(x: ArrayLike<number>): number {
    checkDim(x, this.dim);
    let sum = this.theta[this.dim]!;
    for (let i = 0; i < this.dim; i++) sum += this.theta[i]! * x[i]!;
    return sum;
  }

  /** φᵀPφ for the sample: the prediction's variance in units of the noise variance, minus 1. */
  leverage(x: ArrayLike<number>): number {
    this.load(x);
    let sum = 0;
    for (let i = 0; i < this.n; i++) sum += this.phi[i]! * this.pPhi[i]!;
    return sum;
  }

  update(x: ArrayLike<number>, y: number): void {
    const { n, p, pPhi, theta } = this;
    const error = y - this.predict(x);
    const denominator = this.forgetting + this.leverage(x);
    // pPhi becomes the gain k; P is symmetric, so (Pφ)ᵀ is φᵀP and the update keeps P symmetric.
    const inverseLambda = 1 / this.forgetting;
    for (let i = 0; i < n; i++) theta[i] = theta[i]! + (pPhi[i]! / denominator) * error;
    for (let i = 0; i < n; i++) {
      const ki = pPhi[i]! / denominator;
      const row = i * n;
      for (let j = 0; j < n; j++) p[row + j] = (p[row + j]! - ki * pPhi[j]!) * inverseLambda;
    }
    this.updates++;
  }

  /** Coefficients, bias last. */
  coefficients(): number[] {
    return [...this.theta];
  }

  state(): RlsState {
    return {
      kind: 'rls',
      forgetting: this.forgetting,
      theta: [...this.theta],
      p: [...this.p],
      updates: this.updates,
    };
  }

  static restore(state: RlsState): Rls {
    const model = new Rls(state.theta.length - 1, state.forgetting);
    model.theta.set(state.theta);
    model.p.set(state.p);
    model.updates = state.updates;
    return model;
  }

  private load(x: ArrayLike<number>): void {
    const { n, p, phi, pPhi } = this;
    for (let i = 0; i < this.dim; i++) phi[i] = x[i]!;
    phi[this.dim] = 1;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) sum += p[row + j]! * phi[j]!;
      pPhi[i] = sum;
    }
  }
}
