/**
 * The partition (0..count-1) a symbol belongs to: FNV-1a over its UTF-16 code units, so every
 * process, whatever its language runtime, maps a symbol to the same partition.
 */
export function partitionOfSymbol(symbol: string, count: number): number {
  if (count <= 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < symbol.length; i++) {
    hash ^= symbol.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}
