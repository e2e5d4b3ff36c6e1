import { canonicalJson } from './canonical-json.js';
import { StoreError } from './errors.js';
import type {
  ActionRecord,
  ActionStatus,
  ActionUpdate,
  VerificationState,
} from './records.js';
import {
  parseJsonObject,
  type SqliteContext,
  type Synchronous,
} from './sqlite-context.js';
import type { ActionStore } from './store.js';

interface ActionRow {
  id: string;
  request_id: string | null;
  claim_seq: number | null;
  action: string;
  target: string;
  target_kind: string;
  offense_id: number | null;
  executor: string;
  existed_before: number;
  rollback_data: string;
  verification: VerificationState;
  status: ActionStatus;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
  rolled_back_at: string | null;
  rolled_back_by: string | null;
}

/** Creates the action repository of one store handle. */
export function createSqliteActionStore(
  context: SqliteContext,
): Synchronous<ActionStore> {
  const { db } = context;
  const selectById = (id: string): ActionRow | undefined =>
    db.prepare('SELECT * FROM actions WHERE id = ?').get(id) as
      ActionRow | undefined;
  const required = (id: string): ActionRow => {
    const row = selectById(id);
    if (row === undefined) {
      throw new StoreError(
        'NOT_FOUND',
        `Action ${id} not found: list actions with the list_actions tool.`,
      );
    }
    return row;
  };

  return {
    insert(action, audit) {
      const record = context.write(() => {
        const id = context.newId('act');
        const now = context.nowIso();
        db.prepare(
          `INSERT INTO actions (id, request_id, claim_seq, action, target,
             target_kind, offense_id, executor, existed_before, rollback_data,
             verification, status, expires_at, created_at, updated_at)
           VALUES (@id, @requestId, @claimSeq, @action, @target, @targetKind,
             @offenseId, @executor, @existedBefore, @rollbackData,
             @verification, 'executed', @expiresAt, @now, @now)`,
        ).run({
          id,
          requestId: action.requestId,
          claimSeq: action.claimSeq,
          action: action.action,
          target: action.target,
          targetKind: action.targetKind,
          offenseId: action.offenseId,
          executor: action.executor,
          existedBefore: action.existedBefore ? 1 : 0,
          rollbackData: canonicalJson(action.rollbackData),
          verification: action.verification,
          expiresAt: action.expiresAt,
          now,
        });
        if (audit !== undefined) {
          context.appendAudit({
            ...audit,
            details: { ...audit.details, action_id: id },
          });
        }
        return toActionRecord(required(id));
      });
      return record;
    },

    get(id) {
      const row = selectById(id);
      return row === undefined ? undefined : toActionRecord(row);
    },

    list(query = {}) {
      const conditions: string[] = [];
      const parameters: Record<string, unknown> = {};
      if (query.offenseId !== undefined) {
        conditions.push('offense_id = @offenseId');
        parameters['offenseId'] = query.offenseId;
      }
      if (query.statuses !== undefined) {
        conditions.push('status IN (SELECT value FROM json_each(@statuses))');
        parameters['statuses'] = JSON.stringify(query.statuses);
      }
      const where =
        conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const limit = query.limit === undefined ? '' : 'LIMIT @limit';
      if (query.limit !== undefined) parameters['limit'] = query.limit;
      const rows = db
        .prepare(
          `SELECT * FROM actions ${where} ORDER BY created_at DESC, id DESC ${limit}`,
        )
        .all(parameters) as ActionRow[];
      return rows.map((row) => toActionRecord(row));
    },

    listExpired() {
      const rows = db
        .prepare(
          `SELECT * FROM actions
           WHERE status = 'executed' AND expires_at IS NOT NULL
             AND expires_at <= ?
           ORDER BY expires_at, id`,
        )
        .all(context.nowIso()) as ActionRow[];
      return rows.map((row) => toActionRecord(row));
    },

    update(id, changes: ActionUpdate, audit) {
      const record = context.write(() => {
        const row = required(id);
        const now = context.nowIso();
        const status = changes.status ?? row.status;
        const leavesExecuted =
          row.status === 'executed' && status !== 'executed';
        db.prepare(
          `UPDATE actions SET status = @status, verification = @verification,
             rollback_data = @rollbackData, expires_at = @expiresAt,
             updated_at = @now, rolled_back_at = @rolledBackAt,
             rolled_back_by = @rolledBackBy
           WHERE id = @id`,
        ).run({
          id,
          status,
          verification: changes.verification ?? row.verification,
          rollbackData:
            changes.rollbackData === undefined
              ? row.rollback_data
              : canonicalJson(changes.rollbackData),
          expiresAt:
            changes.expiresAt === undefined
              ? row.expires_at
              : changes.expiresAt,
          now,
          rolledBackAt: leavesExecuted ? now : row.rolled_back_at,
          rolledBackBy: changes.rolledBackBy ?? row.rolled_back_by,
        });
        if (audit !== undefined) {
          context.appendAudit({
            ...audit,
            details: { ...audit.details, action_id: id },
          });
        }
        return toActionRecord(required(id));
      });
      return record;
    },
  };
}

function toActionRecord(row: ActionRow): ActionRecord {
  return {
    id: row.id,
    requestId: row.request_id,
    claimSeq: row.claim_seq,
    action: row.action,
    target: row.target,
    targetKind: row.target_kind,
    offenseId: row.offense_id,
    executor: row.executor,
    existedBefore: row.existed_before === 1,
    rollbackData: parseJsonObject(row.rollback_data),
    verification: row.verification,
    status: row.status,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rolledBackAt: row.rolled_back_at,
    rolledBackBy: row.rolled_back_by,
  };
}
