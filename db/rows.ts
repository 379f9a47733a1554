/**
 * Raw `execute()` results differ by driver: PGlite returns `{ rows }`, postgres.js an array.
 * Queries written with the query builder do not need this.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
