import type { Logger } from '../config/index.js';
import { signWebhookBody, type CanonicalTarget } from '../policy/index.js';
import { sanitizeText } from '../text/index.js';
import type {
  ActionExecutor,
  ContainmentAction,
  ExecutorRequest,
  ExecutorResult,
  RollbackOutcome,
} from './types.js';

/** Settings of a webhook executor. */
export interface WebhookExecutorOptions {
  action: ContainmentAction;
  url: string;
  /** Name of the environment variable holding the HMAC secret. */
  secretEnv: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  now: () => number;
  /** Per-request timeout; default 10 000 ms. */
  timeoutMs?: number | undefined;
  fetch?: typeof fetch | undefined;
}

const defaultTimeoutMs = 10_000;

/**
 * States a receiver may report in the `state` field of its response to a
 * `status` call. Any other state leaves the action unverified.
 */
const confirmedStates = new Set(['applied', 'confirmed', 'contained', 'done']);
const failedStates = new Set(['failed', 'error', 'rejected']);

function describeTarget(target: CanonicalTarget): Record<string, unknown> {
  const base = { kind: target.kind, value: target.value, label: target.label };
  switch (target.kind) {
    case 'host':
      return {
        ...base,
        ip_addresses: target.ipAddresses,
        hostnames: target.hostnames,
        asset_id: target.asset?.id ?? null,
      };
    case 'user':
      return { ...base, domain: target.domain };
    default:
      return base;
  }
}

function readState(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const state = (body as Record<string, unknown>)['state'];
  return typeof state === 'string' ? state.toLowerCase() : undefined;
}

/**
 * Creates an executor that POSTs signed JSON to a SOAR, EDR or IdP endpoint:
 * `{event: "execute" | "status" | "rollback", reference, action, target, ...}`
 * with X-Qradar-Mcp-Timestamp and X-Qradar-Mcp-Signature
 * (HMAC-SHA256(secret, timestamp + "." + body), hex). After `execute`, a
 * `status` call verifies: `{state: "applied"}` gives `confirmed`, `failed`
 * gives `failed`, and any other response (a bare 200 included) `unverified`.
 */
export function createWebhookExecutor(
  options: WebhookExecutorOptions,
): ActionExecutor {
  const name = `webhook:${options.url}`;
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;

  async function post(
    payload: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const secret = options.env[options.secretEnv];
    if (secret === undefined || secret === '') {
      throw new Error(
        `Failed to call the ${options.action} webhook: environment variable ${options.secretEnv} is not set. Set it to the shared secret and restart.`,
      );
    }
    const body = JSON.stringify(payload);
    const timeout = AbortSignal.timeout(timeoutMs);
    const response = await send(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signWebhookBody(secret, body, options.now()),
      },
      body,
      signal:
        signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `Failed to call the ${options.action} webhook: ${payload['event'] as string} returned HTTP ${response.status} (${sanitizeText(text, { maxLength: 120, singleLine: true })}). Check the receiver's log.`,
      );
    }
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  return {
    name,
    async execute(request: ExecutorRequest): Promise<ExecutorResult> {
      const reference = `intent-${request.intentSeq}`;
      const common = {
        reference,
        action: request.action,
        target: describeTarget(request.target),
        offense_id: request.offenseId,
        request_id: request.requestId,
      };
      const answer = await post(
        {
          event: 'execute',
          ...common,
          sent_at: new Date(options.now()).toISOString(),
        },
        request.signal,
      );
      let state = readState(answer);
      if (state === undefined || !confirmedStates.has(state)) {
        try {
          state = readState(
            await post({ event: 'status', ...common }, request.signal),
          );
        } catch (error) {
          options.logger.warn(
            {
              action: request.action,
              reference,
              error: (error as Error).message,
            },
            'webhook status check failed',
          );
          state = undefined;
        }
      }
      const verification =
        state !== undefined && confirmedStates.has(state)
          ? 'confirmed'
          : state !== undefined && failedStates.has(state)
            ? 'failed'
            : 'unverified';
      const detail =
        verification === 'confirmed'
          ? `The ${options.action} webhook confirmed the action (state ${state ?? ''}).`
          : verification === 'failed'
            ? `The ${options.action} webhook reported that the action failed (state ${state ?? ''}).`
            : `The ${options.action} webhook accepted the request, but its status check did not confirm the effect, so the target is not known to be contained.`;
      return {
        verification,
        existedBefore: false,
        executor: name,
        rollbackData: {
          reference,
          action: request.action,
          target: common.target,
        },
        detail,
      };
    },

    async rollback(rollbackData, rollbackOptions): Promise<RollbackOutcome> {
      await post(
        {
          event: 'rollback',
          reference: rollbackData['reference'],
          action: rollbackData['action'],
          target: rollbackData['target'],
        },
        rollbackOptions.signal,
      );
      return {
        removed: true,
        detail: `The ${options.action} webhook accepted the rollback.`,
      };
    },
  };
}
