import { sanitizeText } from '../../src/text/index.js';

/** Default cap for one attacker-controlled string in a tool result. */
export const untrustedMaxLength = 300;

/**
 * Prepares an attacker-controlled string for a tool result: strips control,
 * escape, bidi and zero-width characters (which can hide text from the
 * reader) and caps the length. The result still belongs under `untrusted`.
 */
export function untrustedText(
  value: unknown,
  maxLength = untrustedMaxLength,
): string {
  return sanitizeText(value, { maxLength });
}

/** Like untrustedText, but keeps null and undefined as null. */
export function optionalUntrustedText(
  value: unknown,
  maxLength = untrustedMaxLength,
): string | null {
  if (value === null || value === undefined || value === '') return null;
  return untrustedText(value, maxLength);
}
