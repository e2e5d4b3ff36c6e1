import {
  criticalityInputFromProperties,
  type CanonicalTarget,
  type CriticalityInput,
  type ExecutionClaim,
} from '../../src/policy/index.js';
import type { ContainmentAction } from '../../src/actions/index.js';
import type { ToolContext } from '../context.js';
import { createAssetResolver } from './assets.js';
import type { GatedExecution } from './gated.js';

/** Runs a containment executor for a claim the checkpoint granted. */
export async function executeContainment(
  context: ToolContext,
  action: ContainmentAction,
  target: CanonicalTarget,
  claim: ExecutionClaim,
  offenseId: number,
): Promise<GatedExecution> {
  const execution = await context.actions.execute({
    action,
    target,
    offenseId,
    intentSeq: claim.intentSeq,
    requestId: claim.requestId,
    signal: context.signal,
  });
  return { outcome: execution.outcome, detail: execution.detail };
}

/**
 * Returns a reader of the criticality inputs of the asset behind an address,
 * which the checkpoint calls only when it needs them. The reader resolves to
 * undefined when no asset has the address.
 */
export function assetCriticalityOfAddress(
  context: ToolContext,
  ip: string,
): () => Promise<CriticalityInput | undefined> {
  return async () => {
    const resolver = createAssetResolver(context.client, context.signal);
    const asset = await resolver.findAsset({ ip }, { signal: context.signal });
    return asset === undefined
      ? undefined
      : criticalityInputFromProperties(asset.properties);
  };
}
