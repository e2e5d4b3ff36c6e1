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
 * Lists the forms under which a ref can appear in a tool result: the ref
 * itself and, for `kind:value` refs such as `event:4021` or `asset:17`, the
 * value alone.
 */
function refForms(ref: string): string[] {
  const text = ref.trim();
  const separated = /^[A-Za-z_]+[:#/](.+)$/.exec(text);
  const value = separated?.[1]?.trim();
  return value !== undefined && value !== '' ? [text, value] : [text];
}

/** Tells whether any tool result contains the ref as a whole token. */
export function isRefGrounded(
  ref: string,
  toolResults: readonly string[],
): boolean {
  const forms = refForms(ref).filter((form) => form !== '');
  if (forms.length === 0) return false;
  return toolResults.some((result) =>
    forms.some((form) => containsToken(result, form)),
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
