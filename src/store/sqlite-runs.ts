import { StoreError } from './errors.js';
import type { RunRecord, RunUpdate } from './records.js';
import {
  parseJson,
  type SqliteContext,
  type Synchronous,
} from './sqlite-context.js';
import type { RunnerStateStore, RunStore } from './store.js';

interface RunRow {
  id: string;
  offense_id: number | null;
  provider: string;
  model: string;
  mode: string;
  state: string;
  outcome: string | null;
  transcript: string | null;
  usage: string | null;
  started_at: string;
  finished_at: string | null;
}

/** Creates the run repository of one store handle. */
export function createSqliteRunStore(
  context: SqliteContext,
): Synchronous<RunStore> {
  const { db } = context;
  const selectById = (id: string): RunRow | undefined =>
    db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;

  return {
    create(run) {
      const record = context.write(() => {
        const id = context.newId('run');
        db.prepare(
          `INSERT INTO runs (id, offense_id, provider, model, mode, state, started_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          id,
          run.offenseId,
          run.provider,
          run.model,
          run.mode,
          run.state,
          context.nowIso(),
        );
        return toRunRecord(selectById(id) as RunRow);
      });
      return record;
    },

    get(id) {
      const row = selectById(id);
      return row === undefined ? undefined : toRunRecord(row);
    },

    list(query = {}) {
      const where =
        query.offenseId === undefined ? '' : 'WHERE offense_id = @offenseId';
      const limit = query.limit === undefined ? '' : 'LIMIT @limit';
      const rows = db
        .prepare(
          `SELECT * FROM runs ${where} ORDER BY started_at DESC, id DESC ${limit}`,
        )
        .all({
          ...(query.offenseId === undefined
            ? {}
            : { offenseId: query.offenseId }),
          ...(query.limit === undefined ? {} : { limit: query.limit }),
        }) as RunRow[];
      return rows.map((row) => toRunRecord(row));
    },

    update(id, changes: RunUpdate) {
      const record = context.write(() => {
        const row = selectById(id);
        if (row === undefined) {
          throw new StoreError(
            'NOT_FOUND',
            `Run ${id} not found: list runs with qradar-mcp agent show.`,
          );
        }
        db.prepare(
          `UPDATE runs SET state = @state, outcome = @outcome,
             transcript = @transcript, usage = @usage, finished_at = @finishedAt
           WHERE id = @id`,
        ).run({
          id,
          state: changes.state ?? row.state,
          outcome: serializeChange(changes, 'outcome', row.outcome),
          transcript: serializeChange(changes, 'transcript', row.transcript),
          usage: serializeChange(changes, 'usage', row.usage),
          finishedAt:
            changes.finished === true ? context.nowIso() : row.finished_at,
        });
        return toRunRecord(selectById(id) as RunRow);
      });
      return record;
    },
  };
}

/** Creates the runner's key-value state of one store handle. */
export function createSqliteRunnerState(
  context: SqliteContext,
): Synchronous<RunnerStateStore> {
  const { db } = context;
  return {
    get(key) {
      const row = db
        .prepare('SELECT value FROM runner_state WHERE key = ?')
        .get(key) as { value: string } | undefined;
      return row === undefined ? undefined : parseJson(row.value);
    },

    set(key, value) {
      context.write(() => {
        db.prepare(
          `INSERT INTO runner_state (key, value) VALUES (?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        ).run(key, JSON.stringify(value ?? null));
      });
      return;
    },

    delete(key) {
      context.write(() => {
        db.prepare('DELETE FROM runner_state WHERE key = ?').run(key);
      });
      return;
    },

    list(prefix = '') {
      // substr() rather than LIKE, so that % and _ in a prefix match literally.
      const rows = db
        .prepare(
          `SELECT key, value FROM runner_state
           WHERE substr(key, 1, length(@prefix)) = @prefix ORDER BY key`,
        )
        .all({ prefix }) as { key: string; value: string }[];
      return rows.map((row) => ({ key: row.key, value: parseJson(row.value) }));
    },
  };
}

function serializeChange(
  changes: RunUpdate,
  field: 'outcome' | 'transcript' | 'usage',
  current: string | null,
): string | null {
  if (!(field in changes)) return current;
  const value = changes[field];
  return value === undefined ? current : JSON.stringify(value);
}

function toRunRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    offenseId: row.offense_id,
    provider: row.provider,
    model: row.model,
    mode: row.mode,
    state: row.state,
    outcome: parseJson(row.outcome),
    transcript: parseJson(row.transcript),
    usage: parseJson(row.usage),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
