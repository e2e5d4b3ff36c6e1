import type { SimulatorState } from '../../src/sim/index.js';
import type { ContainmentAction } from '../scoring/types.js';

/** Elements of the executor reference sets at one moment, by set name. */
export interface ReferenceSetSnapshot {
  sets: Map<string, Set<string>>;
  /** The containment action each set carries out. */
  actions: Map<string, ContainmentAction>;
}

/**
 * Reads the elements of the reference sets that carry out containment
 * (`setActions` maps each set name to its action); a missing set reads as
 * empty.
 */
export function snapshotReferenceSets(
  state: SimulatorState,
  setActions: ReadonlyMap<string, ContainmentAction>,
): ReferenceSetSnapshot {
  const sets = new Map<string, Set<string>>();
  for (const name of setActions.keys()) {
    const elements = state.referenceSetElements(name) ?? [];
    sets.set(name, new Set(elements.map((element) => element.value)));
  }
  return { sets, actions: new Map(setActions) };
}
