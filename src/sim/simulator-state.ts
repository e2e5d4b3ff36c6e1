import { searchProgress } from './ariel/search-view.js';
import type { ArielStore } from './store/ariel-store.js';
import type { OffenseNote, OffenseStore } from './store/offense-store.js';
import type {
  ReferenceElement,
  ReferenceSetInfo,
  ReferenceStore,
} from './store/reference-store.js';
import type { ArielSearchView, SimulatorState } from './types.js';

/** Builds the read helpers that tests use to inspect a running simulator. */
export function createSimulatorState(
  offenses: OffenseStore,
  references: ReferenceStore,
  ariel: ArielStore,
  now: () => number,
): SimulatorState {
  return {
    offense: (id: number) => offenses.get('offenses', id),
    offenses: () => offenses.list('offenses'),
    notes: (offenseId: number): OffenseNote[] => offenses.notes(offenseId),
    referenceSet: (name: string): ReferenceSetInfo | undefined =>
      references.getSet(name, now()),
    referenceSetElements: (name: string): ReferenceElement[] | undefined =>
      references.elements(name, now()),
    arielSearch: (id: string): ArielSearchView | undefined => {
      const search = ariel.get(id);
      if (search === undefined) return undefined;
      const progress = searchProgress(search, now());
      return {
        search_id: search.search_id,
        status: progress.status,
        progress: progress.progress,
        query_string: search.query_string,
        database: search.database_name,
        columns: search.columns,
        rows: search.rows,
      };
    },
  };
}
