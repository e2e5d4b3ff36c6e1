const replacement = '[redacted]';

// Shorter strings would match ordinary words and numbers.
const minSecretLength = 8;

/** Removes literal secrets from strings and from nested values. */
export interface SecretScrubber {
  text(value: string): string;
  value<T>(value: T): T;
}

/**
 * Creates a scrubber for the given secrets: a second line of defence behind
 * code that never puts a secret in a result or a message to begin with.
 */
export function createSecretScrubber(
  secrets: readonly (string | undefined)[],
): SecretScrubber {
  const present = secrets.filter(
    (secret): secret is string =>
      secret !== undefined && secret.length >= minSecretLength,
  );
  const text = (value: string): string => {
    let scrubbed = value;
    for (const secret of present) {
      if (scrubbed.includes(secret))
        scrubbed = scrubbed.split(secret).join(replacement);
    }
    return scrubbed;
  };
  const scrubValue = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(scrubValue);
    if (typeof value === 'object' && value !== null) {
      const copy: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(value)) {
        copy[key] = scrubValue(entry);
      }
      return copy;
    }
    return value;
  };
  return {
    text,
    value: <T>(value: T): T =>
      present.length === 0 ? value : (scrubValue(value) as T),
  };
}
