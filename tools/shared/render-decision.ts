import type { z } from 'zod';

import { TextRenderer } from './render.js';
import type { decisionOutputSchema } from './schemas.js';

/**
 * Renders the result of a gated tool: the decision with the action, target
 * and offense, then the rule, request and action ids and verification. In
 * monitor mode it adds the decision autonomous mode would make, and it ends
 * with the reason and the next step.
 */
export function renderDecision(
  output: z.output<typeof decisionOutputSchema>,
): string {
  // update_offense targets the offense itself, so its id is not repeated.
  const offense =
    output.target === String(output.offense_id)
      ? ` offense ${output.offense_id}`
      : ` ${output.target}, offense ${output.offense_id}`;
  const text = new TextRenderer().line(
    `${output.decision}: ${output.action} on${offense}`,
    `Rule: ${output.rule}`,
  );
  if (output.request_id !== undefined)
    text.line(`Approval request: ${output.request_id}`);
  if (output.action_id !== undefined) text.line(`Action: ${output.action_id}`);
  if (output.verification !== undefined)
    text.line(`Verification: ${output.verification}`);
  if (output.would_be !== undefined)
    text.line(`Would be outside monitor mode: ${output.would_be}`);
  return text
    .line(`Reason: ${output.reason}`, `Next step: ${output.next_step}`)
    .toString();
}
