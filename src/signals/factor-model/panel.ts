/** A long panel of assets over dates, stored dense (T x N row-major, NaN where an asset has no row). */

export interface FactorPanel {
  /** Date labels, ascending; the row order. */
  dates: readonly string[];
  symbols: readonly string[];
  sectorNames: readonly string[];
  /** Sector index of each symbol (a symbol keeps one sector, as Toraniko joins sectors on symbol). */
  sectorOf: Int32Array;
  /** Simple return of each asset over each date's period. */
  returns: Float64Array;
  /** Market cap at the start of the period (a cap after the return would leak the return into size). */
  marketCap: Float64Array;
  bookPrice?: Float64Array | undefined;
  salesPrice?: Float64Array | undefined;
  cashFlowPrice?: Float64Array | undefined;
}

/** Row `t` of a T x N matrix, as a view (no copy). */
export function rowOf(matrix: Float64Array, t: number, assets: number): Float64Array {
  return matrix.subarray(t * assets, (t + 1) * assets);
}

/** The entries of `row` at `members`, in order. */
export function pick(row: ArrayLike<number>, members: Int32Array): Float64Array {
  const out = new Float64Array(members.length);
  for (let m = 0; m < members.length; m++) out[m] = row[members[m]!]!;
  return out;
}

/** Checks the shapes of a panel once, before estimating on it. */
export function checkPanel(panel: FactorPanel): void {
  const size = panel.dates.length * panel.symbols.length;
  const sized: Array<[string, Float64Array | undefined]> = [
    ['returns', panel.returns],
    ['marketCap', panel.marketCap],
    ['bookPrice', panel.bookPrice],
    ['salesPrice', panel.salesPrice],
    ['cashFlowPrice', panel.cashFlowPrice],
  ];
  for (const [name, matrix] of sized)
    if (matrix && matrix.length !== size)
      throw new RangeError(`panel ${name}: expected ${size} values (dates x symbols), got ${matrix.length}`);
  if (panel.sectorOf.length !== panel.symbols.length)
    throw new RangeError('panel sectorOf: expected one sector per symbol');
  for (const j of panel.sectorOf)
    if (!(j >= 0 && j < panel.sectorNames.length)) throw new RangeError(`panel sectorOf: no sector ${j}`);
}
