import { sanitizeText } from '../text/index.js';
import type { Recommendation } from './recommendation.js';

/** The policy's decision on the run's one gated call. */
export interface GatedDecision {
  decision: 'executed' | 'approval_required' | 'denied';
  rule: string;
  request_id?: string | undefined;
  action_id?: string | undefined;
  verification?: string | undefined;
  would_be?: string | undefined;
}

/** Maximum length of a note the runner writes, in characters. */
export const maxNoteLength = 1800;

/**
 * Returns the marker that ties a note to its run, or to the run's resume
 * step. When the offense has a note with it, that step already wrote.
 */
export function runMarker(runId: string, step?: 'resume'): string {
  return step === undefined
    ? `[qradar-mcp run ${runId}]`
    : `[qradar-mcp run ${runId} ${step}]`;
}

function line(text: string): string {
  return sanitizeText(text, { singleLine: true, maxLength: 400 });
}

function describeDecision(decision: GatedDecision | undefined): string {
  if (decision === undefined) return 'no gated call (action none)';
  if (decision.rule === 'already_contained') {
    return `already contained by action ${decision.action_id ?? 'unknown'}; no new approval requested`;
  }
  const wouldBe =
    decision.would_be === undefined ? '' : `, would be ${decision.would_be}`;
  return `${decision.decision} (rule ${decision.rule}${wouldBe})`;
}

/**
 * Formats the triage note written back to the offense: stage, disposition,
 * action and target, confidence, rationale, evidence, policy outcome,
 * approval request id and run id. Attacker-controlled text is sanitized.
 */
export function formatTriageNote(input: {
  runId: string;
  recommendation: Recommendation;
  decision: GatedDecision | undefined;
  indicators?: readonly string[];
}): string {
  const { recommendation, decision } = input;
  const target =
    recommendation.target === undefined ? '' : ` ${recommendation.target}`;
  const evidence = recommendation.evidence
    .slice(0, 6)
    .map((item) => `${item.ref} (${item.excerpt})`)
    .join('; ');
  const lines = [
    `${runMarker(input.runId)} triage by the qradar-mcp agent`,
    `Stage: ${recommendation.attack_stage}; disposition: ${recommendation.disposition}; severity ${recommendation.severity}/10`,
    `Action: ${recommendation.action}${target}; confidence ${recommendation.confidence.toFixed(2)}`,
    `Policy outcome: ${describeDecision(decision)}`,
    `Approval request: ${decision?.request_id ?? 'none'}`,
    `Rationale (model-written): ${recommendation.rationale}`,
    `Evidence: ${evidence === '' ? 'none cited' : evidence}`,
    ...(input.indicators ?? []).map((indicator) => `Indicator: ${indicator}`),
  ];
  return capNote(lines.map(line).join('\n'));
}

/** Formats the note of a run that stopped without acting and needs an analyst. */
export function formatEscalationNote(input: {
  runId: string;
  reason: string;
}): string {
  return capNote(
    [
      `${runMarker(input.runId)} triage stopped without action; escalate to an analyst`,
      `Reason: ${line(input.reason)}`,
      'No containment was requested.',
    ].join('\n'),
  );
}

/** Formats the note that closes a resumed run after the approval was decided. */
export function formatResumeNote(input: {
  runId: string;
  requestId: string;
  outcome: string;
  detail: string;
}): string {
  return capNote(
    [
      `${runMarker(input.runId, 'resume')} approval request ${line(input.requestId)} ${line(input.outcome)}`,
      line(input.detail),
    ].join('\n'),
  );
}

function capNote(text: string): string {
  return text.length <= maxNoteLength
    ? text
    : `${text.slice(0, maxNoteLength - 1)}…`;
}
