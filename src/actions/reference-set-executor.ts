import type { Logger } from '../config/index.js';
import {
  normalizeIpAddress,
  type CanonicalTarget,
  type Duration,
} from '../policy/index.js';
import {
  eq,
  QRadarConflictError,
  QRadarNotFoundError,
  type QRadarClient,
  type ReferenceSetElementType,
} from '../qradar/index.js';
import type {
  ActionExecutor,
  ExecutorRequest,
  ExecutorResult,
  RollbackOutcome,
} from './types.js';

/** Settings of a reference-set executor. */
export interface ReferenceSetExecutorOptions {
  client: QRadarClient;
  logger: Logger;
  setName: string;
  /** `IP` for the block list, `ALNIC` for hosts and accounts. */
  elementType: Extract<ReferenceSetElementType, 'IP' | 'ALNIC'>;
  /** Time to live of a set this executor creates (with timeout_type FIRST_SEEN). */
  timeToLive?: Duration | undefined;
}

/** Recorded as each element's `source` in QRadar. */
const elementSource = 'qradar-mcp';

/**
 * Returns the string stored for a target: the address of an ip target, the
 * first host name (else address) of a host, and `domain\name` (or the name
 * alone) of a user, which is what SOAR playbooks consuming the sets expect.
 */
export function referenceSetValue(target: CanonicalTarget): string {
  switch (target.kind) {
    case 'ip':
      return target.value;
    case 'host':
      return target.hostnames[0] ?? target.ipAddresses[0] ?? target.value;
    case 'user':
      return target.domain === null
        ? target.value
        : `${target.domain}\\${target.value}`;
    default:
      return target.value;
  }
}

function holds(
  elementType: string,
  values: readonly string[],
  value: string,
): boolean {
  if (elementType === 'IP') {
    const wanted = normalizeIpAddress(value);
    return values.some((element) => normalizeIpAddress(element) === wanted);
  }
  const wanted = value.toLowerCase();
  return values.some((element) => element.toLowerCase() === wanted);
}

/**
 * Creates the default executor, which adds the target to a reference set
 * that perimeter devices or SOAR playbooks consume, creating the set when
 * missing. It verifies by reading the set back, which gives `listed` and
 * never `confirmed`, because the set shows the request, not its effect.
 */
export function createReferenceSetExecutor(
  options: ReferenceSetExecutorOptions,
): ActionExecutor {
  const { client, setName, elementType } = options;
  const name = `reference_set:${setName}`;

  async function ensureSet(signal: AbortSignal | undefined): Promise<string> {
    const [existing] = await client.listReferenceSets({
      filter: eq('name', setName),
      signal,
    });
    if (existing === undefined) {
      try {
        await client.createReferenceSet(
          {
            name: setName,
            elementType,
            timeToLive: options.timeToLive?.text,
            timeoutType:
              options.timeToLive === undefined ? undefined : 'FIRST_SEEN',
          },
          { signal },
        );
        options.logger.info(
          { referenceSet: setName, elementType },
          'created reference set for containment',
        );
      } catch (error) {
        // Another process created it between the read and the write.
        if (!QRadarConflictError.is(error)) throw error;
      }
      return '';
    }
    if (existing.element_type.toUpperCase() !== elementType) {
      throw new Error(
        `Failed to use reference set "${setName}": its element type is ${existing.element_type}, expected ${elementType}. Point the policy at a set of type ${elementType}.`,
      );
    }
    if (
      options.timeToLive !== undefined &&
      existing.timeout_type !== 'FIRST_SEEN'
    ) {
      return ` The set's timeout_type is ${existing.timeout_type ?? 'unset'}, not FIRST_SEEN; the sweeper still removes the element after ${options.timeToLive.text}.`;
    }
    return '';
  }

  return {
    name,
    async execute(request: ExecutorRequest): Promise<ExecutorResult> {
      const signal = request.signal;
      const value = referenceSetValue(request.target);
      const setNote = await ensureSet(signal);
      const before = await client.getReferenceSetValues(setName, { signal });
      const existedBefore = holds(elementType, before, value);
      await client.addReferenceSetElement(setName, value, {
        source: elementSource,
        signal,
      });
      const after = await client.getReferenceSetValues(setName, { signal });
      const listed = holds(elementType, after, value);
      return {
        verification: listed ? 'listed' : 'failed',
        existedBefore,
        executor: name,
        rollbackData: {
          reference_set: setName,
          value,
          element_type: elementType,
        },
        detail: listed
          ? `${value} is listed in reference set "${setName}"${existedBefore ? ' (it was already there)' : ''}; the consumers of the set carry out the containment.${setNote}`
          : `${value} was added to reference set "${setName}" but does not show in it.${setNote}`,
      };
    },

    async rollback(rollbackData, rollbackOptions): Promise<RollbackOutcome> {
      const storedSet = rollbackData['reference_set'];
      const storedValue = rollbackData['value'];
      const set = typeof storedSet === 'string' ? storedSet : setName;
      if (typeof storedValue !== 'string' || storedValue === '') {
        throw new Error(
          'Failed to roll back: the action record is missing its reference-set value.',
        );
      }
      const value = storedValue;
      if (rollbackOptions.existedBefore) {
        return {
          removed: false,
          detail: `${value} stays in reference set "${set}": it was there before this action.`,
        };
      }
      try {
        await client.deleteReferenceSetElement(set, value, {
          signal: rollbackOptions.signal,
        });
      } catch (error) {
        if (!QRadarNotFoundError.is(error)) throw error;
        return {
          removed: false,
          detail: `${value} was no longer in reference set "${set}".`,
        };
      }
      return {
        removed: true,
        detail: `${value} was removed from reference set "${set}".`,
      };
    },
  };
}
