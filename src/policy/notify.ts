import type { Logger } from '../config/index.js';
import { sanitizeText } from '../text/index.js';
import type { ApprovalRequestRecord } from '../store/index.js';
import { signWebhookBody } from './webhook-signature.js';

/** Sends the notify webhook for new approval requests. */
export interface ApprovalNotifier {
  /** Starts a delivery and returns at once; failures are logged, never thrown. */
  notify(request: ApprovalRequestRecord): void;
  /** Resolves when every delivery started so far has finished. */
  settled(): Promise<void>;
}

const deliveryTimeoutMs = 5000;

/**
 * Creates the notifier of a policy's `notify` section (a no-op when it is
 * null). The body is JSON; attacker-influenced strings are sanitized, and
 * the model's rationale is left out (approvers read it with `approvals show`).
 */
export function createApprovalNotifier(options: {
  config: { url: string; secretEnv: string } | null;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  nowMs: () => number;
}): ApprovalNotifier {
  const inFlight = new Set<Promise<void>>();
  const { config, logger } = options;
  const env = options.env ?? process.env;

  const deliver = async (request: ApprovalRequestRecord): Promise<void> => {
    if (config === null) return;
    const secret = env[config.secretEnv];
    if (secret === undefined || secret === '') {
      logger.warn(
        { requestId: request.id, secretEnv: config.secretEnv },
        'notify webhook not sent: its secret environment variable is not set',
      );
      return;
    }
    const body = JSON.stringify({
      event: 'approval_requested',
      request_id: request.id,
      action: request.action,
      target: sanitizeText(request.targetLabel, {
        singleLine: true,
        maxLength: 200,
      }),
      offense_id: request.offenseId,
      criticality: request.criticality,
      confidence: request.confidence,
      requested_by: sanitizeText(request.requestedBy, {
        singleLine: true,
        maxLength: 100,
      }),
      expires_at: request.expiresAt,
      show_command: `qradar-mcp approvals show ${request.id}`,
    });
    try {
      const response = await fetch(config.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...signWebhookBody(secret, body, options.nowMs()),
        },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(deliveryTimeoutMs),
      });
      await response.body?.cancel();
      if (!response.ok) {
        logger.warn(
          { requestId: request.id, status: response.status },
          'notify webhook returned an error status',
        );
        return;
      }
      logger.info({ requestId: request.id }, 'notify webhook delivered');
    } catch (error) {
      logger.warn(
        { err: error, requestId: request.id },
        'notify webhook failed',
      );
    }
  };

  return {
    notify(request) {
      if (config === null) return;
      const delivery = deliver(request).finally(() =>
        inFlight.delete(delivery),
      );
      inFlight.add(delivery);
    },
    async settled() {
      await Promise.all([...inFlight]);
    },
  };
}
