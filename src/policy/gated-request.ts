import { createHash } from 'node:crypto';

import { canonicalJson, type EvidenceItem } from '../store/index.js';
import type { GatedRequest, TargetSummary } from './checkpoint-types.js';
import { targetKindByAction } from './targets.js';
import { isGatedAction } from './vocabulary.js';

const maxEvidenceItems = 50;
const maxExcerptLength = 2000;
const maxRationaleLength = 8000;

/** Returns the SHA-256 hex of the canonical JSON of action parameters. */
export function digestParameters(
  parameters: Record<string, unknown> | undefined,
): string {
  return createHash('sha256')
    .update(canonicalJson(parameters ?? {}))
    .digest('hex');
}

/** Returns the problem that stops a request from being evaluated, or undefined. */
export function findRequestProblem(request: GatedRequest): string | undefined {
  if (!isGatedAction(request.action)) {
    return `unknown action ${JSON.stringify(request.action)}`;
  }
  const expectedKind = targetKindByAction[request.action];
  if (request.target.kind !== expectedKind) {
    return `${request.action} takes a ${expectedKind} target, got a ${request.target.kind} target`;
  }
  if (
    request.target.kind === 'offense' &&
    request.offenseId !== request.target.offenseId
  ) {
    return `offense_id ${String(request.offenseId)} differs from the target offense ${request.target.offenseId}`;
  }
  if (
    !Number.isFinite(request.confidence) ||
    request.confidence < 0 ||
    request.confidence > 1
  ) {
    return `confidence must be between 0 and 1, got ${String(request.confidence)}`;
  }
  if (
    request.offenseId !== null &&
    (!Number.isSafeInteger(request.offenseId) || request.offenseId < 0)
  ) {
    return `offense_id must be a non-negative integer, got ${String(request.offenseId)}`;
  }
  if (request.client.name.trim() === '') return 'the client has no name';
  return undefined;
}

/** Caps evidence to the number of items and excerpt length the store keeps. */
export function boundedEvidence(
  evidence: readonly EvidenceItem[],
): EvidenceItem[] {
  return evidence.slice(0, maxEvidenceItems).map((item) => ({
    kind: String(item.kind).slice(0, 64),
    ref: String(item.ref).slice(0, 256),
    ...(item.excerpt === undefined
      ? {}
      : { excerpt: String(item.excerpt).slice(0, maxExcerptLength) }),
  }));
}

/** Caps a rationale to the length the store keeps. */
export function boundedRationale(rationale: string): string {
  return rationale.slice(0, maxRationaleLength);
}

/** Reduces a target to what claims and the audit carry. */
export function summarizeTarget(target: {
  kind: TargetSummary['kind'];
  value: string;
  label: string;
}): TargetSummary {
  return { kind: target.kind, value: target.value, label: target.label };
}
