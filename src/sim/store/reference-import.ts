import type { CaseFile } from '../case-schema.js';
import { referenceValueKey } from './reference-values.js';
import { parseTimeToLive } from './time-to-live.js';

/** A reference-set element ready to store. */
export interface ImportedElement {
  value: string;
  source: string;
  first_seen: number;
  last_seen: number;
}

/** A reference set merged from every case that names it. */
export interface ImportedReferenceSet {
  name: string;
  element_type: string;
  timeout_type: string;
  time_to_live: string | null;
  time_to_live_ms: number | null;
  creation_time: number;
  elements: Map<string, ImportedElement>;
}

/**
 * Merges one case's reference set into the sets of earlier cases. Throws when
 * the element types differ or the time to live is not a duration.
 */
export function mergeReferenceSet(
  sets: Map<string, ImportedReferenceSet & { file: string }>,
  name: string,
  set: CaseFile['reference_sets'][string],
  file: string,
  caseNewest: number,
): void {
  let target = sets.get(name);
  if (target !== undefined && target.element_type !== set.element_type) {
    throw new Error(
      `Failed to load cases: reference set ${JSON.stringify(name)} has element type ${target.element_type} in ${target.file} but ${set.element_type} in ${file}. Use one element type for a set name.`,
    );
  }
  const timeToLive =
    set.time_to_live === undefined
      ? undefined
      : parseTimeToLive(set.time_to_live);
  if (set.time_to_live !== undefined && timeToLive === undefined) {
    throw new Error(
      `Invalid case file ${file}: reference_sets[${JSON.stringify(name)}].time_to_live ${JSON.stringify(set.time_to_live)} is not a duration. Use a form such as "7 days".`,
    );
  }
  if (target === undefined) {
    target = {
      name,
      element_type: set.element_type,
      timeout_type:
        set.timeout_type ??
        (timeToLive === undefined ? 'UNKNOWN' : 'FIRST_SEEN'),
      time_to_live: timeToLive?.interval ?? null,
      time_to_live_ms: timeToLive?.milliseconds ?? null,
      creation_time: caseNewest,
      elements: new Map(),
      file,
    };
    sets.set(name, target);
  } else if (target.time_to_live === null && timeToLive !== undefined) {
    target.time_to_live = timeToLive.interval;
    target.time_to_live_ms = timeToLive.milliseconds;
    target.timeout_type = set.timeout_type ?? 'FIRST_SEEN';
  }
  for (const element of set.elements) {
    const detail = typeof element === 'object' ? element : { value: element };
    const value = String(detail.value);
    const key = referenceValueKey(set.element_type, value);
    if (target.elements.has(key)) continue;
    target.elements.set(key, {
      value,
      source:
        'source' in detail && detail.source !== undefined
          ? detail.source
          : 'reference data api',
      first_seen:
        ('first_seen' in detail ? detail.first_seen : undefined) ?? caseNewest,
      last_seen:
        ('last_seen' in detail ? detail.last_seen : undefined) ?? caseNewest,
    });
  }
}
