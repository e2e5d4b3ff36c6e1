/** Cited evidence refs of one run and how many of them its tool results contain. */
export interface GroundingCount {
  cited: number;
  found: number;
  /** Refs that no tool result of the run contains. */
  missing: string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function containsToken(haystack: string, needle: string): boolean {
  // A ref must stand alone: `event 12` must not be found inside `event 123`.
  const pattern = new RegExp(
    `(?<![A-Za-z0-9_])${escapeRegExp(needle)}(?![A-Za-z0-9_])`,
    'i',
  );
  return pattern.test(haystack);
}

/**
 * Tells whether any tool result contains the ref: the whole ref as a token
 * (`event:42-3` as tools print event refs), or, for a `kind:value` ref such
 * as `asset:17`, the value under a JSON key `id` or `<kind>_id`. A bare `17`
 * elsewhere (a count, a port) does not ground `asset:17`.
 */
export function isRefGrounded(
  ref: string,
  toolResults: readonly string[],
): boolean {
  const text = ref.trim();
  if (text === '') return false;
  const separated = /^([A-Za-z_]+)[:#/](.+)$/.exec(text);
  const kind = separated?.[1]?.toLowerCase();
  const value = separated?.[2]?.trim();
  // Keys and values may sit in JSON that is itself inside a JSON string, so
  // quotes may carry a backslash.
  const idPattern =
    kind === undefined || value === undefined || value === ''
      ? undefined
      : new RegExp(
          `\\\\?"(?:id|${escapeRegExp(kind)}_id)\\\\?"\\s*:\\s*\\\\?"?${escapeRegExp(value)}(?![A-Za-z0-9_.-])`,
          'i',
        );
  return toolResults.some(
    (result) =>
      containsToken(result, text) ||
      (idPattern !== undefined && idPattern.test(result)),
  );
}

/** Counts the cited refs of a run that its own tool results contain. */
export function countGrounding(
  refs: readonly string[],
  toolResults: readonly string[],
): GroundingCount {
  const missing = refs.filter((ref) => !isRefGrounded(ref, toolResults));
  return {
    cited: refs.length,
    found: refs.length - missing.length,
    missing,
  };
}
