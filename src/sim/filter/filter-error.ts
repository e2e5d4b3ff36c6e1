/** A filter expression that breaks the grammar, located by character offset. */
export class FilterSyntaxError extends Error {
  readonly position: number;

  constructor(position: number, reason: string) {
    super(`${reason} at position ${position}`);
    this.name = 'FilterSyntaxError';
    this.position = position;
  }
}
