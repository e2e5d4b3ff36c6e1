import type { AttackStage } from '../recommendation.js';
import { scopeOf, type EventClass } from './classify.js';
import type { EventFact, TriageFacts } from './facts.js';
import type { Playbook, SignalDefinition } from './playbook-schema.js';

/** A signal that fired for one actor. */
export interface SignalHit {
  id: string;
  stage: Exclude<AttackStage, 'benign'>;
  weight: number;
  techniques: string[];
  /** The value the signal grouped by: an address or a user name. */
  actor: string;
  actorKind: 'ip' | 'user';
  /** The remote end of a beacon or an upload. */
  remoteIp: string | undefined;
  /** Accounts the matching events name (for a sequence, the successful ones). */
  accounts: string[];
  /** Matching events, oldest first. */
  events: EventFact[];
  /** One line for the rationale and evidence. */
  summary: string;
}

type EventKey = SignalDefinition['group_by'];

function valueOf(event: EventFact, key: EventKey): string | undefined {
  switch (key) {
    case 'source_ip':
      return event.sourceIp;
    case 'destination_ip':
      return event.destinationIp;
    case 'destination_port':
      return event.destinationPort === undefined
        ? undefined
        : String(event.destinationPort);
    case 'username': {
      const name = event.username?.trim();
      return name === undefined || name === '' || name === '-'
        ? undefined
        : name;
    }
  }
}

function total(events: readonly EventFact[]): number {
  return events.reduce((sum, event) => sum + Math.max(1, event.count), 0);
}

function distinctCount(events: readonly EventFact[], key: EventKey): number {
  return new Set(
    events
      .map((event) => valueOf(event, key)?.toLowerCase())
      .filter((value) => value !== undefined),
  ).size;
}

function byTime(left: EventFact, right: EventFact): number {
  return (left.timeMs ?? 0) - (right.timeMs ?? 0);
}

function accountsOf(events: readonly EventFact[]): string[] {
  const names: string[] = [];
  for (const event of events) {
    const name = valueOf(event, 'username');
    if (
      name !== undefined &&
      !names.some((known) => known.toLowerCase() === name.toLowerCase())
    ) {
      names.push(name);
    }
  }
  return names;
}

/** Coefficient of variation of the gaps between connection times. */
function jitterOf(times: readonly number[]): number {
  const gaps: number[] = [];
  for (let index = 1; index < times.length; index += 1) {
    gaps.push((times[index] ?? 0) - (times[index - 1] ?? 0));
  }
  const mean = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
  if (mean <= 0) return Number.POSITIVE_INFINITY;
  const variance =
    gaps.reduce((sum, gap) => sum + (gap - mean) ** 2, 0) / gaps.length;
  return Math.sqrt(variance) / mean;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

interface Context {
  facts: TriageFacts;
  playbook: Playbook;
  classes: Map<string, EventClass>;
}

function candidates(signal: SignalDefinition, context: Context): EventFact[] {
  const { facts, playbook, classes } = context;
  const eventClass = classes.get(signal.class);
  const excluded = signal.exclude_classes
    .map((name) => classes.get(name))
    .filter((value) => value !== undefined);
  return facts.events.filter((event) => {
    if (
      signal.scope === 'offense' &&
      !event.inOffense &&
      signal.kind !== 'volume' &&
      signal.kind !== 'beacon'
    ) {
      return false;
    }
    if (
      signal.kind !== 'volume' &&
      signal.kind !== 'beacon' &&
      event.database !== 'events'
    )
      return false;
    if (
      signal.kind !== 'sequence' &&
      eventClass !== undefined &&
      !eventClass.matches(event)
    )
      return false;
    if (excluded.some((entry) => entry.matches(event))) return false;
    if (
      signal.source !== 'any' &&
      scopeOf(event.sourceIp, facts, playbook) !== signal.source
    )
      return false;
    if (
      signal.destination !== 'any' &&
      scopeOf(event.destinationIp, facts, playbook) !== signal.destination
    ) {
      return false;
    }
    return true;
  });
}

function groupBy(
  events: readonly EventFact[],
  key: EventKey,
): Map<string, EventFact[]> {
  const groups = new Map<string, EventFact[]>();
  for (const event of events) {
    const value = valueOf(event, key);
    if (value === undefined) continue;
    const groupKey = key === 'username' ? value.toLowerCase() : value;
    groups.set(groupKey, [...(groups.get(groupKey) ?? []), event]);
  }
  return groups;
}

function hitOf(
  id: string,
  signal: SignalDefinition,
  actor: string,
  events: EventFact[],
  summary: string,
  extra: Partial<Pick<SignalHit, 'remoteIp' | 'accounts'>> = {},
): SignalHit {
  const sorted = [...events].sort(byTime);
  return {
    id,
    stage: signal.stage,
    weight: signal.weight,
    techniques: signal.techniques,
    actor:
      signal.group_by === 'username' ? (accountsOf(sorted)[0] ?? actor) : actor,
    actorKind: signal.group_by === 'username' ? 'user' : 'ip',
    remoteIp: extra.remoteIp,
    accounts: extra.accounts ?? accountsOf(sorted),
    events: sorted,
    summary,
  };
}

function evaluate(
  id: string,
  signal: SignalDefinition,
  context: Context,
): SignalHit[] {
  const hits: SignalHit[] = [];
  const pool = candidates(signal, context);
  const groups = groupBy(pool, signal.group_by);
  const className =
    signal.class === 'any' ? 'matching' : signal.class.replace(/_/g, ' ');
  for (const [actor, events] of groups) {
    switch (signal.kind) {
      case 'count': {
        const count = total(events);
        if (count >= signal.min_events) {
          hits.push(
            hitOf(
              id,
              signal,
              actor,
              events,
              `${count} ${className} events from ${actor}`,
            ),
          );
        }
        break;
      }
      case 'distinct': {
        const key = signal.distinct ?? 'destination_ip';
        const distinct = distinctCount(events, key);
        if (
          distinct >= (signal.min_distinct ?? 1) &&
          total(events) >= signal.min_events
        ) {
          hits.push(
            hitOf(
              id,
              signal,
              actor,
              events,
              `${distinct} distinct ${key.replace('_', ' ')}s in ${className} events from ${actor}`,
            ),
          );
        }
        break;
      }
      case 'sequence': {
        const first = context.classes.get(signal.class);
        const then = context.classes.get(signal.then ?? '');
        if (first === undefined || then === undefined) break;
        const sorted = [...events].sort(byTime);
        let failures = 0;
        const matched: EventFact[] = [];
        const successes: EventFact[] = [];
        for (const event of sorted) {
          if (first.matches(event) && !then.matches(event)) {
            failures += Math.max(1, event.count);
            matched.push(event);
          } else if (then.matches(event) && failures >= signal.min_events) {
            successes.push(event);
          }
        }
        if (successes.length > 0) {
          const accounts = accountsOf(successes);
          hits.push(
            hitOf(
              id,
              signal,
              actor,
              [...matched.slice(-3), ...successes],
              `${failures} failures then ${successes.length} success(es) from ${actor}${accounts.length === 0 ? '' : ` for ${accounts.join(', ')}`}`,
              { accounts },
            ),
          );
        }
        break;
      }
      case 'beacon': {
        const byRemote = groupBy(events, 'destination_ip');
        for (const [remote, connections] of byRemote) {
          const times = [
            ...new Set(
              connections
                .map((event) => event.timeMs)
                .filter((time) => time !== undefined),
            ),
          ].sort((left, right) => left - right);
          if (times.length < (signal.min_connections ?? 8)) continue;
          const jitter = jitterOf(times);
          if (jitter > (signal.max_jitter ?? 0.25)) continue;
          const meanGapS = Math.round(
            ((times.at(-1) ?? 0) - (times[0] ?? 0)) / (times.length - 1) / 1000,
          );
          hits.push(
            hitOf(
              id,
              signal,
              actor,
              connections,
              `${times.length} connections from ${actor} to ${remote} every ~${meanGapS} s (jitter ${jitter.toFixed(2)})`,
              { remoteIp: remote },
            ),
          );
        }
        break;
      }
      case 'volume': {
        const byRemote = groupBy(events, 'destination_ip');
        for (const [remote, transfers] of byRemote) {
          const bytes = transfers.reduce(
            (sum, event) => sum + event.bytesOut,
            0,
          );
          if (bytes < (signal.min_bytes ?? Number.POSITIVE_INFINITY)) continue;
          hits.push(
            hitOf(
              id,
              signal,
              actor,
              transfers,
              `${formatBytes(bytes)} sent from ${actor} to ${remote}`,
              {
                remoteIp: remote,
              },
            ),
          );
        }
        break;
      }
    }
  }
  return hits;
}

/** Evaluates every signal of the playbook over the facts. */
export function evaluateSignals(
  facts: TriageFacts,
  playbook: Playbook,
  classes: Map<string, EventClass>,
): SignalHit[] {
  const context: Context = { facts, playbook, classes };
  return Object.entries(playbook.signals).flatMap(([id, signal]) =>
    evaluate(id, signal, context),
  );
}
