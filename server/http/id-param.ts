/** An id in a path, in its one canonical form (decimal digits, no sign, exponent, hex or
 * leading zero); NaN for anything else, which matches no row. `Number()` alone would take
 * "0x10", "1e1" or " 16" for 16. */
export function idParam(s: unknown): number {
  return typeof s === 'string' && /^[1-9]\d{0,15}$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : Number.NaN;
}
