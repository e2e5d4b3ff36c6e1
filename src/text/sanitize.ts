/** Default cap, in characters, for one attacker-controlled string in a terminal. */
export const defaultMaxLength = 500;

// ANSI/VT escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \),
// other two-character escapes, and the 8-bit C1 forms of CSI and OSC.
const escapeSequence =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]|\u009d[^\u0007]*\u0007?/g;

// C0 and C1 control characters other than tab and newline, plus DEL.
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

// Bidirectional overrides and isolates (Trojan Source), zero-width characters
// and the byte-order mark.
const invisibleCharacter = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (value === null || value === undefined) return '';
  return JSON.stringify(value) ?? '';
}

/** Options for sanitizeText. */
export interface SanitizeOptions {
  /** Maximum length in characters; longer text ends with "…". */
  maxLength?: number;
  /** Replace newlines and tabs with spaces, for table cells and one-line output. */
  singleLine?: boolean;
}

/**
 * Makes attacker-controlled text inert for a terminal or a note: strips escape
 * sequences, control characters, bidi overrides and zero-width characters, then
 * caps the length.
 */
export function sanitizeText(
  value: unknown,
  options: SanitizeOptions = {},
): string {
  const maxLength = options.maxLength ?? defaultMaxLength;
  let text = toText(value)
    .replace(escapeSequence, '')
    .replace(controlCharacter, '')
    .replace(invisibleCharacter, '');
  if (options.singleLine === true)
    text = text.replace(/[\t\r\n]+/g, ' ').trim();
  if (text.length > maxLength)
    text = `${text.slice(0, Math.max(0, maxLength - 1))}…`;
  return text;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return toText(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
