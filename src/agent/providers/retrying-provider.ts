import type { Logger } from '../../config/index.js';
import type {
  CompleteOptions,
  ModelProvider,
  ModelRequest,
  ModelResponse,
} from '../provider.js';
import { ProviderError } from './provider-error.js';

/** Retry policy for rate-limited and overloaded model calls. */
export interface RetryOptions {
  /** Retries after the first attempt; default 3. */
  maxRetries?: number;
  /** First backoff delay in milliseconds, doubled each attempt; default 1000. */
  initialDelayMs?: number;
  /** Cap on one delay, Retry-After included, in milliseconds; default 60000. */
  maxDelayMs?: number;
  sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  /** Random source in [0, 1) for jitter. */
  random?: () => number;
  logger?: Logger;
}

/** Sleeps for a number of milliseconds, ending early with an error on abort. */
export function sleepFor(
  milliseconds: number,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Wraps a provider with the runner's one retry policy. Rate-limited (429)
 * and overloaded responses (Anthropic's 529 included) are retried after
 * Retry-After, or else after a capped exponential backoff with jitter.
 * Other errors pass through.
 */
export function withRetries(
  provider: ModelProvider,
  options: RetryOptions = {},
): ModelProvider {
  const maxRetries = options.maxRetries ?? 3;
  const initialDelayMs = options.initialDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? sleepFor;
  const random = options.random ?? Math.random;
  return {
    name: provider.name,
    model: provider.model,
    isExternal: provider.isExternal,
    async complete(
      request: ModelRequest,
      callOptions: CompleteOptions = {},
    ): Promise<ModelResponse> {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await provider.complete(request, callOptions);
        } catch (error) {
          if (
            !ProviderError.is(error) ||
            !error.retryable ||
            attempt >= maxRetries
          ) {
            throw error;
          }
          const backoff = initialDelayMs * 2 ** attempt * (0.75 + random() / 2);
          const delayMs = Math.min(maxDelayMs, error.retryAfterMs ?? backoff);
          options.logger?.info(
            {
              provider: provider.name,
              code: error.code,
              attempt: attempt + 1,
              delayMs,
            },
            'retrying model call',
          );
          await sleep(delayMs, callOptions.signal);
        }
      }
    },
  };
}
