import type { ReferenceDataReader } from '../../src/policy/index.js';
import type { QRadarClient } from '../../src/qradar/index.js';

/**
 * Wraps the client's reference-set reads for the length of one tool call, so
 * that resolving the roles of several assets reads each set once. A new
 * reader is made per call: roles must reflect QRadar at the time of the call.
 */
export function createCallScopedReferenceReader(
  client: QRadarClient,
  signal: AbortSignal,
): ReferenceDataReader {
  let sets: ReturnType<ReferenceDataReader['listReferenceSets']> | undefined;
  const values = new Map<string, Promise<string[]>>();
  return {
    listReferenceSets() {
      sets ??= client.listReferenceSets({ signal });
      return sets;
    },
    getReferenceSetValues(name: string) {
      let cached = values.get(name);
      if (cached === undefined) {
        cached = client.getReferenceSetValues(name, { signal });
        values.set(name, cached);
      }
      return cached;
    },
  };
}
