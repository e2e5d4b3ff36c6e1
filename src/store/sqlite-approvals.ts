import { canonicalJson } from './canonical-json.js';
import { StoreError } from './errors.js';
import type {
  ApprovalDecision,
  ApprovalRequestRecord,
  ApprovalStatus,
  AuditEntryInput,
  EvidenceItem,
  NewApprovalRequest,
  StoredRole,
} from './records.js';
import {
  parseJson,
  parseJsonObject,
  type SqliteContext,
  type Synchronous,
} from './sqlite-context.js';
import type { ApprovalRequestStore } from './store.js';

interface ApprovalRow {
  id: string;
  action: string;
  target: string;
  target_kind: string;
  target_label: string;
  offense_id: number | null;
  parameters: string;
  parameters_digest: string;
  evidence: string;
  rationale: string;
  confidence: number;
  criticality: string;
  criticality_derivation: string;
  roles: string;
  requested_by: string;
  requested_by_role: string | null;
  status: ApprovalStatus;
  decided_by: string | null;
  decision_kind: 'cli' | 'elicitation' | null;
  decision_reason: string | null;
  decided_at: string | null;
  created_at: string;
  expires_at: string;
  token: string | null;
  token_issued: number;
  token_expires_at: string | null;
}

/** Creates the approval request repository of one store handle. */
export function createSqliteApprovalStore(
  context: SqliteContext,
): Synchronous<ApprovalRequestStore> {
  const { db } = context;
  const selectById = (id: string): ApprovalRow | undefined =>
    db.prepare('SELECT * FROM approval_requests WHERE id = ?').get(id) as
      ApprovalRow | undefined;

  return {
    findOrCreatePending(request) {
      const result = context.write(() => {
        const now = context.nowIso();
        const existing = db
          .prepare(
            `SELECT * FROM approval_requests
             WHERE action = @action AND target = @target
               AND offense_id IS @offenseId
               AND parameters_digest = @parametersDigest
               AND ((status = 'pending' AND expires_at > @now)
                 OR (status = 'approved' AND token_expires_at > @now
                   AND id NOT IN (SELECT token_id FROM used_tokens)))
             ORDER BY created_at LIMIT 1`,
          )
          .get({
            action: request.action,
            target: request.target,
            offenseId: request.offenseId,
            parametersDigest: request.parametersDigest,
            now,
          }) as ApprovalRow | undefined;
        if (existing !== undefined) {
          return { request: toApprovalRecord(existing), created: false };
        }
        const id = context.newId('apr');
        db.prepare(
          `INSERT INTO approval_requests (id, action, target, target_kind,
             target_label, offense_id, parameters, parameters_digest, evidence,
             rationale, confidence, criticality, criticality_derivation, roles,
             requested_by, requested_by_role, status, created_at, expires_at)
           VALUES (@id, @action, @target, @targetKind, @targetLabel, @offenseId,
             @parameters, @parametersDigest, @evidence, @rationale, @confidence,
             @criticality, @criticalityDerivation, @roles, @requestedBy,
             @requestedByRole, 'pending', @createdAt, @expiresAt)`,
        ).run({
          ...flatten(request),
          id,
          createdAt: now,
        });
        context.appendAudit(requestedAuditEntry(id, request));
        const created = selectById(id);
        if (created === undefined) throw missing(id);
        return { request: toApprovalRecord(created), created: true };
      });
      return result;
    },

    get(id) {
      const row = selectById(id);
      return row === undefined ? undefined : toApprovalRecord(row);
    },

    list(query = {}) {
      const statuses = query.statuses;
      const where =
        statuses === undefined
          ? ''
          : 'WHERE status IN (SELECT value FROM json_each(@statuses))';
      const limit = query.limit === undefined ? '' : 'LIMIT @limit';
      const rows = db
        .prepare(
          `SELECT * FROM approval_requests ${where}
           ORDER BY created_at DESC, id DESC ${limit}`,
        )
        .all({
          ...(statuses === undefined
            ? {}
            : { statuses: JSON.stringify(statuses) }),
          ...(query.limit === undefined ? {} : { limit: query.limit }),
        }) as ApprovalRow[];
      return rows.map((row) => toApprovalRecord(row));
    },

    decide(id, decision: ApprovalDecision, audit: AuditEntryInput) {
      const allowed = decision.fromStatuses ?? ['pending'];
      const record = context.write(() => {
        const row = selectById(id);
        if (row === undefined) throw missing(id);
        if (!allowed.includes(row.status)) {
          throw new StoreError(
            'CONFLICT',
            `Approval request ${id} is ${row.status}, not ${allowed.join(' or ')}: nothing was changed.`,
          );
        }
        db.prepare(
          `UPDATE approval_requests SET status = @status, decided_by = @decidedBy,
             decision_kind = @kind, decision_reason = @reason, decided_at = @now,
             token = @token, token_issued = @tokenIssued,
             token_expires_at = @tokenExpiresAt
           WHERE id = @id`,
        ).run({
          id,
          status: decision.status,
          decidedBy: decision.decidedBy,
          kind: decision.kind,
          reason: decision.reason ?? null,
          now: context.nowIso(),
          token: decision.token?.value ?? null,
          tokenIssued: decision.token === undefined ? 0 : 1,
          tokenExpiresAt: decision.token?.expiresAt ?? null,
        });
        context.appendAudit(audit);
        const updated = selectById(id);
        if (updated === undefined) throw missing(id);
        return toApprovalRecord(updated);
      });
      return record;
    },

    expirePending() {
      const expired = context.write(() => {
        const now = context.nowIso();
        const rows = db
          .prepare(
            `SELECT * FROM approval_requests
             WHERE status = 'pending' AND expires_at <= ? ORDER BY created_at`,
          )
          .all(now) as ApprovalRow[];
        for (const row of rows) {
          db.prepare(
            `UPDATE approval_requests SET status = 'expired', decided_at = ?
             WHERE id = ?`,
          ).run(now, row.id);
          context.appendAudit({
            actor: 'qradar-mcp',
            kind: 'approval_expired',
            action: row.action,
            target: row.target,
            offenseId: row.offense_id,
            details: { request_id: row.id, expires_at: row.expires_at },
          });
        }
        return rows.map((row) =>
          toApprovalRecord({ ...row, status: 'expired', decided_at: now }),
        );
      });
      return expired;
    },
  };
}

function flatten(request: NewApprovalRequest): Record<string, unknown> {
  return {
    action: request.action,
    target: request.target,
    targetKind: request.targetKind,
    targetLabel: request.targetLabel,
    offenseId: request.offenseId,
    parameters: canonicalJson(request.parameters),
    parametersDigest: request.parametersDigest,
    evidence: JSON.stringify(request.evidence),
    rationale: request.rationale,
    confidence: request.confidence,
    criticality: request.criticality,
    criticalityDerivation: JSON.stringify(request.criticalityDerivation),
    roles: JSON.stringify(request.roles),
    requestedBy: request.requestedBy,
    requestedByRole: request.requestedByRole,
    expiresAt: request.expiresAt,
  };
}

function requestedAuditEntry(
  id: string,
  request: NewApprovalRequest,
): AuditEntryInput {
  return {
    actor: request.requestedBy,
    kind: 'approval_requested',
    action: request.action,
    target: request.target,
    offenseId: request.offenseId,
    decision: 'approval_required',
    details: {
      request_id: id,
      criticality: request.criticality,
      confidence: request.confidence,
      parameters_digest: request.parametersDigest,
      expires_at: request.expiresAt,
    },
  };
}

function toApprovalRecord(row: ApprovalRow): ApprovalRequestRecord {
  return {
    id: row.id,
    action: row.action,
    target: row.target,
    targetKind: row.target_kind,
    targetLabel: row.target_label,
    offenseId: row.offense_id,
    parameters: parseJsonObject(row.parameters),
    parametersDigest: row.parameters_digest,
    evidence: parseArray(row.evidence) as EvidenceItem[],
    rationale: row.rationale,
    confidence: row.confidence,
    criticality: row.criticality,
    criticalityDerivation: parseArray(row.criticality_derivation).map(String),
    roles: parseArray(row.roles) as StoredRole[],
    requestedBy: row.requested_by,
    requestedByRole: row.requested_by_role,
    expiresAt: row.expires_at,
    status: row.status,
    decidedBy: row.decided_by,
    decisionKind: row.decision_kind,
    decisionReason: row.decision_reason,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    token: row.token,
    tokenIssued: row.token_issued === 1,
    tokenExpiresAt: row.token_expires_at,
  };
}

function parseArray(text: string): unknown[] {
  const value = parseJson(text);
  return Array.isArray(value) ? value : [];
}

function missing(id: string): StoreError {
  return new StoreError(
    'NOT_FOUND',
    `Approval request ${id} not found: list requests with qradar-mcp approvals list --all.`,
  );
}
