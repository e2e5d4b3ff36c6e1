import type { StoredSearch } from '../store/ariel-store.js';

/** Ariel search states the simulator moves through. */
export type SearchStatus = 'WAIT' | 'EXECUTE' | 'COMPLETED' | 'CANCELED';

/** A search's state and progress (0 to 100) at one time. */
export interface SearchProgress {
  status: SearchStatus;
  progress: number;
}

// The first fifth of the delay is spent queued in WAIT, the rest in EXECUTE.
const waitShare = 0.2;

function progressAt(search: StoredSearch, timeMs: number): SearchProgress {
  const elapsed = timeMs - search.created_ms;
  if (search.delay_ms <= 0 || elapsed >= search.delay_ms) {
    return { status: 'COMPLETED', progress: 100 };
  }
  if (elapsed < search.delay_ms * waitShare) {
    return { status: 'WAIT', progress: 0 };
  }
  const progress = Math.min(
    99,
    Math.max(1, Math.floor((elapsed / search.delay_ms) * 100)),
  );
  return { status: 'EXECUTE', progress };
}

/**
 * Computes a search's state at a time: WAIT, then EXECUTE with rising
 * progress, then COMPLETED once `delay_ms` has passed since creation. A search
 * canceled before it completed stays CANCELED at the progress it had reached.
 */
export function searchProgress(
  search: StoredSearch,
  nowMs: number,
): SearchProgress {
  if (search.canceled_ms !== null) {
    const reached = progressAt(search, search.canceled_ms);
    if (reached.status !== 'COMPLETED') {
      return { status: 'CANCELED', progress: reached.progress };
    }
  }
  return progressAt(search, nowMs);
}

/** Returns the rows a search can serve: all once completed, a share when canceled early. */
export function availableRows(
  search: StoredSearch,
  progress: SearchProgress,
): Record<string, unknown>[] | undefined {
  if (progress.status === 'COMPLETED') return search.rows;
  if (progress.status === 'CANCELED') {
    return search.rows.slice(
      0,
      Math.floor((search.rows.length * progress.progress) / 100),
    );
  }
  return undefined;
}

/** Builds the Search object that QRadar returns for a search at a time. */
export function describeSearch(
  search: StoredSearch,
  nowMs: number,
  statusOverride?: SearchStatus,
): Record<string, unknown> {
  const progress = searchProgress(search, nowMs);
  const status = statusOverride ?? progress.status;
  const isCompleted = progress.status === 'COMPLETED';
  const processed = Math.floor((search.rows.length * progress.progress) / 100);
  return {
    cursor_id: search.search_id,
    search_id: search.search_id,
    status,
    progress: progress.progress,
    progress_details: [],
    record_count: isCompleted ? search.rows.length : 0,
    processed_record_count: processed,
    query_string: search.query_string,
    query_execution_time: isCompleted ? search.execution_ms : 0,
    desired_retention_time_msec: 86_400_000,
    save_results: search.save_results,
    completed: isCompleted,
    data_file_count: 0,
    data_total_size: 0,
    index_file_count: 0,
    index_total_size: 0,
    compressed_data_file_count: 0,
    compressed_data_total_size: 0,
    size_on_disk: 0,
    snapshot: null,
    subsearch_ids: [],
    error_messages: [],
  };
}
