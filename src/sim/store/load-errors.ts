/**
 * Builds the error for an id that two case files define differently, naming
 * both files.
 */
export function collisionError(
  kind: string,
  id: number | string,
  first: string,
  second: string,
): Error {
  return new Error(
    `Failed to load cases: ${kind} ${id} is defined in both ${first} and ${second}. Give one of them another id, or run each case in its own simulator.`,
  );
}
