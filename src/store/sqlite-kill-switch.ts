import { StoreError } from './errors.js';
import type { KillSwitchState } from './records.js';
import {
  parseJsonObject,
  type SqliteContext,
  type Synchronous,
} from './sqlite-context.js';
import type { KillSwitchStore } from './store.js';

const killSwitchKey = 'kill_switch';

const running: KillSwitchState = {
  halted: false,
  by: null,
  reason: null,
  at: null,
};

/** Creates the kill switch of one store handle; every read goes to SQLite. */
export function createSqliteKillSwitch(
  context: SqliteContext,
): Synchronous<KillSwitchStore> {
  const { db } = context;
  const read = (): KillSwitchState => {
    const row = db
      .prepare('SELECT value FROM settings WHERE key = ?')
      .get(killSwitchKey) as { value: string } | undefined;
    if (row === undefined) return running;
    const value = parseJsonObject(row.value);
    return {
      // Anything but an explicit false counts as halted, so a damaged row
      // stops gated calls instead of letting them through.
      halted: value['halted'] !== false,
      by: typeof value['by'] === 'string' ? value['by'] : null,
      reason: typeof value['reason'] === 'string' ? value['reason'] : null,
      at: typeof value['at'] === 'string' ? value['at'] : null,
    };
  };

  return {
    get() {
      return read();
    },

    set(change) {
      const save = (withAudit: boolean): KillSwitchState =>
        context.write(() => {
          const now = context.nowIso();
          const next: KillSwitchState = {
            halted: change.halted,
            by: change.by,
            reason: change.reason ?? null,
            at: now,
          };
          db.prepare(
            `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value,
               updated_at = excluded.updated_at`,
          ).run(killSwitchKey, JSON.stringify(next), now);
          if (withAudit) {
            context.appendAudit({
              actor: change.by,
              kind: change.halted ? 'policy_halt' : 'policy_resume',
              rule: 'kill_switch',
              details: { reason: change.reason ?? null },
            });
          }
          return next;
        });
      try {
        return save(true);
      } catch (error) {
        // A halt must work even when the audit cannot be written; resuming
        // without an audit row is refused.
        if (!change.halted || !isAuditFailure(error)) throw error;
        context.logger.error(
          { err: error, by: change.by },
          'kill switch set without an audit row because the audit write failed',
        );
        return save(false);
      }
    },
  };
}

function isAuditFailure(error: unknown): boolean {
  return StoreError.is(error) && error.code === 'AUDIT_WRITE_FAILED';
}
