/** Stream ids are "<ms>-<seq>"; both parts fit a double exactly (ms ~ 2^41). */
export function compareStreamIds(a: string, b: string): number {
  const da = a.indexOf('-');
  const db = b.indexOf('-');
  const msa = Number(da < 0 ? a : a.slice(0, da));
  const msb = Number(db < 0 ? b : b.slice(0, db));
  if (msa !== msb) return msa < msb ? -1 : 1;
  const sa = da < 0 ? 0 : Number(a.slice(da + 1));
  const sb = db < 0 ? 0 : Number(b.slice(db + 1));
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

export function maxStreamId(a: string | undefined, b: string): string {
  return a === undefined || compareStreamIds(a, b) < 0 ? b : a;
}

/** Redis replies come as strings, or Buffers when the codec is binary. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}
