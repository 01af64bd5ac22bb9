/** JSON has no NaN or Infinity: such numbers become null (an AUC with one class, an R² on constant data). */
export function finiteJson(record: object): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, Number.isFinite(value) ? (value as number) : null]),
  );
}
