/** Counts requests per clock second and reports when the limit is exceeded. */
export class RateLimiter {
  readonly #limit: number;
  #windowStartMs = -1;
  #count = 0;

  constructor(limitPerSecond: number) {
    this.#limit = limitPerSecond;
  }

  /**
   * Counts one request at a time; returns the whole seconds to wait when it
   * goes over the limit, or undefined when it is allowed.
   */
  take(nowMs: number): number | undefined {
    const windowStartMs = Math.floor(nowMs / 1000) * 1000;
    if (windowStartMs !== this.#windowStartMs) {
      this.#windowStartMs = windowStartMs;
      this.#count = 0;
    }
    this.#count += 1;
    if (this.#count <= this.#limit) return undefined;
    return Math.max(1, Math.ceil((windowStartMs + 1000 - nowMs) / 1000));
  }
}
