import {
  readAuditHead,
  verifyAuditRows,
  type AuditRow,
} from './audit-chain.js';
import {
  toAuditRecord,
  type SqliteContext,
  type Synchronous,
} from './sqlite-context.js';
import type {
  AuditEntryInput,
  AuditHead,
  AuditRecord,
  AuditVerification,
} from './records.js';
import type {
  AuditLog,
  AuditQuery,
  ClaimLedger,
  IntentResult,
  RateLimitCheck,
} from './store.js';

/** Creates the audit log of one store handle. */
export function createSqliteAuditLog(
  context: SqliteContext,
): Synchronous<AuditLog> {
  const { db } = context;
  return {
    append(entry: AuditEntryInput): AuditRecord {
      return context.write(() => context.appendAudit(entry));
    },

    list(query: AuditQuery = {}): AuditRecord[] {
      const conditions: string[] = [];
      const parameters: Record<string, unknown> = {};
      if (query.afterSeq !== undefined) {
        conditions.push('seq > @afterSeq');
        parameters['afterSeq'] = query.afterSeq;
      }
      if (query.since !== undefined) {
        conditions.push('time >= @since');
        parameters['since'] = query.since;
      }
      if (query.offenseId !== undefined) {
        conditions.push('offense_id = @offenseId');
        parameters['offenseId'] = query.offenseId;
      }
      if (query.kinds !== undefined) {
        conditions.push(`kind IN (SELECT value FROM json_each(@kinds))`);
        parameters['kinds'] = JSON.stringify(query.kinds);
      }
      const where =
        conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const order = query.newestFirst === true ? 'DESC' : 'ASC';
      const limit = query.limit === undefined ? '' : 'LIMIT @limit';
      if (query.limit !== undefined) parameters['limit'] = query.limit;
      const rows = db
        .prepare(`SELECT * FROM audit ${where} ORDER BY seq ${order} ${limit}`)
        .all(parameters) as AuditRow[];
      return rows.map((row) => toAuditRecord(row));
    },

    count(query): number {
      return countIntentLike(context, query.kinds, query.since, query.action);
    },

    head(): AuditHead | null {
      return readAuditHead(context.auditHeadPath);
    },

    verify(): AuditVerification {
      // The write lock keeps appenders out, so the rows and the head file
      // are read at the same point of the chain.
      const check = db.transaction(() => {
        const head = readAuditHead(context.auditHeadPath);
        const rows = db
          .prepare('SELECT * FROM audit ORDER BY seq')
          .iterate() as IterableIterator<AuditRow>;
        return verifyAuditRows(rows, head);
      });
      return check.immediate();
    },
  };
}

/** Creates the claim ledger (used_tokens plus intent rows) of one store handle. */
export function createSqliteClaimLedger(
  context: SqliteContext,
): Synchronous<ClaimLedger> {
  const { db } = context;
  return {
    recordIntent(input): IntentResult {
      const result = context.write((): IntentResult => {
        if (input.tokenId !== undefined) {
          const used = db
            .prepare('SELECT used_at FROM used_tokens WHERE token_id = ?')
            .get(input.tokenId) as { used_at: string } | undefined;
          if (used !== undefined) {
            return { status: 'token_already_used', usedAt: used.used_at };
          }
        }
        for (const limit of input.rateLimits ?? []) {
          const count = countIntentLike(
            context,
            ['intent'],
            limit.since,
            limit.action,
          );
          if (count >= limit.max) return rateLimited(limit, count);
        }
        const record = context.appendAudit({ ...input.entry, kind: 'intent' });
        if (input.tokenId !== undefined) {
          // The primary key makes this the single point where two claims of
          // one token collide, even across processes.
          db.prepare(
            'INSERT INTO used_tokens (token_id, intent_seq, used_at) VALUES (?, ?, ?)',
          ).run(input.tokenId, record.seq, record.time);
        }
        return { status: 'recorded', record };
      });
      return result;
    },

    release(input): AuditRecord {
      const record = context.write(() => {
        const failed = context.appendAudit({ ...input.entry, kind: 'failed' });
        if (input.tokenId !== undefined) {
          db.prepare('DELETE FROM used_tokens WHERE token_id = ?').run(
            input.tokenId,
          );
        }
        return failed;
      });
      return record;
    },

    usedAt(tokenId: string): string | undefined {
      const row = db
        .prepare('SELECT used_at FROM used_tokens WHERE token_id = ?')
        .get(tokenId) as { used_at: string } | undefined;
      return row?.used_at;
    },
  };
}

function countIntentLike(
  context: SqliteContext,
  kinds: readonly string[],
  since: string,
  action: string | undefined,
): number {
  const actionCondition = action === undefined ? '' : 'AND action = @action';
  const row = context.db
    .prepare(
      `SELECT count(*) AS count FROM audit
       WHERE kind IN (SELECT value FROM json_each(@kinds)) AND time >= @since
       ${actionCondition}`,
    )
    .get({
      kinds: JSON.stringify(kinds),
      since,
      ...(action === undefined ? {} : { action }),
    }) as { count: number };
  return row.count;
}

function rateLimited(limit: RateLimitCheck, count: number): IntentResult {
  return { status: 'rate_limited', rule: limit.rule, count, max: limit.max };
}
