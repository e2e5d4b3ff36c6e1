import { z } from 'zod';

import { canonicalizeHost, type HostTarget } from '../src/policy/index.js';
import { createAssetResolver } from './shared/assets.js';
import { executeContainment } from './shared/containment.js';
import {
  invalidTargetError,
  requireOffense,
  runGatedCall,
} from './shared/gated.js';
import { renderDecision } from './shared/render-decision.js';
import { decisionOutputSchema, gatedInputFields } from './shared/schemas.js';
import { defineTool } from './tool.js';

const inputSchema = z.strictObject({
  host: z
    .string()
    .min(1)
    .max(253)
    .describe('IP address or host name of the endpoint; resolved to its asset'),
  ...gatedInputFields,
});

/** isolate_host: isolates one endpoint through the configured executor, through the policy. */
export const isolateHostTool = defineTool({
  name: 'isolate_host',
  title: 'Isolate host',
  description:
    'Isolate one compromised endpoint (IP or host name, resolved to its asset) through the configured executor. Gated: returns decision executed (with verification), approval_required or denied; protected assets are always denied.',
  inputSchema,
  outputSchema: decisionOutputSchema,
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: true,
  },
  effect: 'disruptive',
  async handler(input, context) {
    let target: HostTarget;
    try {
      target = await canonicalizeHost(input.host, {
        resolver: createAssetResolver(context.client, context.signal),
        internalNetworks: context.policy.internalNetworks,
        signal: context.signal,
      });
    } catch (error) {
      invalidTargetError(error, 'IP address or host name');
    }
    await requireOffense(context, input.offense_id);
    return runGatedCall(context, {
      action: 'isolate_host',
      target,
      input,
      // Fail closed: a host without an asset is at least high criticality.
      criticalityInput:
        target.asset === null ? { unresolvedHost: target.value } : undefined,
      execute: (claim) =>
        executeContainment(
          context,
          'isolate_host',
          target,
          claim,
          input.offense_id,
        ),
    });
  },
  render: renderDecision,
});
