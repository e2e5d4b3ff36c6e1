/** A JSON object as read from a case file. */
export type JsonRecord = Record<string, unknown>;

/** Returns a finite number, or the fallback for any other value. */
export function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Returns a non-empty string, or undefined for any other value. */
export function textOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
