import type { ApprovalRequestRecord } from '../../store/index.js';
import { sanitizeText } from '../../text/index.js';

const maxEvidenceShown = 10;

function line(value: unknown, maxLength = 200): string {
  return sanitizeText(value, { singleLine: true, maxLength });
}

/**
 * Builds the text a person reads before approving a request in chat:
 * action, target, offense, criticality with its derivation, roles, the
 * model's confidence, evidence and rationale. Every field passes the
 * sanitizer, and the model-written parts are labelled as such, because the
 * model may have been steered by attacker-controlled text.
 */
export function buildApprovalMessage(record: ApprovalRequestRecord): string {
  const lines = [
    `Approve this ${line(record.action, 40)} request from the AI agent?`,
    '',
    `Action: ${line(record.action, 40)}`,
    `Target: ${line(record.targetLabel)}`,
    `Offense: ${record.offenseId === null ? 'none' : String(record.offenseId)}`,
    `Criticality: ${line(record.criticality, 20)}${record.criticalityDerivation.length === 0 ? '' : ` (${line(record.criticalityDerivation.join('; '), 300)})`}`,
  ];
  if (record.roles.length > 0) {
    lines.push(
      `Roles: ${line(record.roles.map((role) => `${role.role} (${role.source})`).join(', '), 300)}`,
    );
  }
  const parameters = Object.entries(record.parameters);
  if (parameters.length > 0) {
    lines.push(
      `Parameters: ${line(parameters.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(', '), 300)}`,
    );
  }
  lines.push(
    '',
    `Evidence cited by the model (${record.evidence.length} item${record.evidence.length === 1 ? '' : 's'}; excerpts come from attacker-influenced data):`,
  );
  for (const item of record.evidence.slice(0, maxEvidenceShown)) {
    const excerpt =
      item.excerpt === undefined || item.excerpt === ''
        ? ''
        : `: "${line(item.excerpt, 160)}"`;
    lines.push(`- ${line(item.kind, 40)} ${line(item.ref, 100)}${excerpt}`);
  }
  if (record.evidence.length > maxEvidenceShown) {
    lines.push(`- … ${record.evidence.length - maxEvidenceShown} more`);
  }
  lines.push(
    '',
    `MODEL-WRITTEN RATIONALE (written by the AI model, not checked by a person; confidence ${record.confidence}):`,
    sanitizeText(record.rationale, { maxLength: 1500 }),
    '',
    `Accept runs the action now and records you as the approver. Decline denies request ${record.id}. Cancel leaves it pending for an approver (qradar-mcp approvals approve ${record.id} --as NAME) until ${record.expiresAt}.`,
  );
  return lines.join('\n');
}
