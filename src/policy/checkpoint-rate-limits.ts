import type { RateLimitCheck } from '../store/index.js';
import type { CheckpointContext, ClaimInput } from './checkpoint-context.js';
import { deny } from './checkpoint-denials.js';
import type { DeniedDecision } from './checkpoint-types.js';
import type { Criticality } from './criticality.js';
import type { RoleMatch } from './roles.js';
import type { GatedAction } from './vocabulary.js';

const hourMs = 3_600_000;

/**
 * Lists the hourly limits that a gated call counts against: the limit on all
 * gated actions, plus its action's own limit when the policy sets one.
 */
export function buildRateLimits(
  context: CheckpointContext,
  request: { action: GatedAction },
): RateLimitCheck[] {
  const since = new Date(context.now() - hourMs).toISOString();
  const limits: RateLimitCheck[] = [
    {
      rule: 'rate_limit:all',
      max: context.policy.rateLimits.gatedPerHour,
      since,
    },
  ];
  const perAction = context.policy.rateLimits.perActionPerHour[request.action];
  if (perAction !== undefined) {
    limits.push({
      rule: `rate_limit:${request.action}`,
      max: perAction,
      since,
      action: request.action,
    });
  }
  return limits;
}

/** Denies a call that reached the hourly limit `rule`, whose maximum is `max`. */
export function denyRateLimited(
  context: CheckpointContext,
  request: ClaimInput,
  roles: RoleMatch[],
  criticality: Criticality,
  rule: string,
  max: number,
): Promise<DeniedDecision> {
  const scope =
    rule === 'rate_limit:all'
      ? 'gated actions'
      : `${request.action} executions`;
  return deny(
    context,
    request,
    rule,
    `Rate limit reached: at most ${max} ${scope} per hour (rate_limits in ${context.policy.source}). Nothing was changed; retry later or ask a person to act.`,
    roles,
    criticality,
  );
}
