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
  /** Accounts the signal shows being abused (signals with names_accounts). */
  accounts: string[];
  /** Matching events, oldest first. */
  events: EventFact[];
  /** One line for the rationale and evidence. */
  summary: string;
  /** How far the evidence exceeds the signal's threshold: 1 at the threshold. */
  strength: number;
}

type EventKey = SignalDefinition['group_by'];

// Connections closer than this are one connection seen by two sensors (a
// firewall and an endpoint agent), not two beacons.
const sameConnectionMs = 2000;

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
  const values = events
    .map((event) => valueOf(event, key)?.toLowerCase())
    .filter((value) => value !== undefined);
  return new Set(values).size;
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

/** Connection times, oldest first, with near-duplicates merged. */
function connectionTimes(events: readonly EventFact[]): number[] {
  const times = events
    .map((event) => event.timeMs)
    .filter((time): time is number => time !== undefined)
    .sort((left, right) => left - right);
  const merged: number[] = [];
  for (const time of times) {
    const last = merged.at(-1);
    if (last === undefined || time - last > sameConnectionMs) merged.push(time);
  }
  return merged;
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

/** Returns the continent of a QRadar geographic location such as `Europe.Germany`. */
function regionOf(location: string | undefined): string | undefined {
  if (location === undefined || location === '' || location === 'other') {
    return undefined;
  }
  return location.split('.')[0];
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
  const wantsFlows = signal.kind === 'volume' || signal.kind === 'beacon';
  return facts.events.filter((event) => {
    if (signal.scope === 'offense' && !event.inOffense) return false;
    if (!wantsFlows && event.database !== 'events') return false;
    if (
      signal.kind !== 'sequence' &&
      eventClass !== undefined &&
      !eventClass.matches(event)
    ) {
      return false;
    }
    if (excluded.some((entry) => entry.matches(event))) return false;
    if (signal.remote_only && event.sourceIp === event.destinationIp) {
      return false;
    }
    if (
      signal.source !== 'any' &&
      scopeOf(event.sourceIp, facts, playbook) !== signal.source
    ) {
      return false;
    }
    return (
      signal.destination === 'any' ||
      scopeOf(event.destinationIp, facts, playbook) === signal.destination
    );
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
  extra: Partial<Pick<SignalHit, 'remoteIp' | 'accounts' | 'strength'>> = {},
): SignalHit {
  const sorted = [...events].sort(byTime);
  const accounts = extra.accounts ?? accountsOf(sorted);
  return {
    id,
    stage: signal.stage,
    weight: signal.weight,
    techniques: signal.techniques,
    actor: signal.group_by === 'username' ? (accounts[0] ?? actor) : actor,
    actorKind: signal.group_by === 'username' ? 'user' : 'ip',
    remoteIp: extra.remoteIp,
    accounts: signal.names_accounts ? accounts : [],
    events: sorted,
    summary,
    strength: Math.max(1, extra.strength ?? 1),
  };
}

function sequenceHit(
  id: string,
  signal: SignalDefinition,
  actor: string,
  events: readonly EventFact[],
  context: Context,
): SignalHit | undefined {
  const first = context.classes.get(signal.class);
  const then = context.classes.get(signal.then ?? '');
  if (first === undefined || then === undefined) return undefined;
  let failures = 0;
  const matched: EventFact[] = [];
  const successes: EventFact[] = [];
  for (const event of [...events].sort(byTime)) {
    if (first.matches(event) && !then.matches(event)) {
      failures += Math.max(1, event.count);
      matched.push(event);
    } else if (then.matches(event) && failures >= signal.min_events) {
      successes.push(event);
    }
  }
  if (successes.length === 0) return undefined;
  const accounts = accountsOf(successes);
  const who = accounts.length === 0 ? '' : ` for ${accounts.join(', ')}`;
  return hitOf(
    id,
    signal,
    actor,
    [...matched.slice(-3), ...successes],
    `${failures} failures then ${successes.length} success(es) from ${actor}${who}`,
    { accounts, strength: failures / signal.min_events },
  );
}

function travelHit(
  id: string,
  signal: SignalDefinition,
  actor: string,
  events: readonly EventFact[],
): SignalHit | undefined {
  const windowMs = (signal.max_window_minutes ?? 180) * 60_000;
  const sorted = [...events].sort(byTime);
  for (let index = 0; index < sorted.length; index += 1) {
    const earlier = sorted[index];
    const earlierRegion = regionOf(earlier?.sourceRegion);
    if (earlier?.timeMs === undefined || earlierRegion === undefined) continue;
    const later = sorted
      .slice(index + 1)
      .find(
        (event) =>
          event.timeMs !== undefined &&
          event.timeMs - (earlier.timeMs ?? 0) <= windowMs &&
          regionOf(event.sourceRegion) !== undefined &&
          regionOf(event.sourceRegion) !== earlierRegion,
      );
    if (later === undefined) continue;
    const minutes = Math.round(((later.timeMs ?? 0) - earlier.timeMs) / 60_000);
    return hitOf(
      id,
      signal,
      actor,
      [earlier, later],
      `sign-ins for ${actor} from ${earlier.sourceRegion ?? '?'} (${earlier.sourceIp ?? '?'}) and ${later.sourceRegion ?? '?'} (${later.sourceIp ?? '?'}) ${minutes} minutes apart`,
      { remoteIp: later.sourceIp },
    );
  }
  return undefined;
}

function evaluate(
  id: string,
  signal: SignalDefinition,
  context: Context,
): SignalHit[] {
  const hits: SignalHit[] = [];
  const groups = groupBy(candidates(signal, context), signal.group_by);
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
              { strength: count / signal.min_events },
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
          const what = key.replace('_', ' ');
          hits.push(
            hitOf(
              id,
              signal,
              actor,
              events,
              `${distinct} distinct ${what}s in ${className} events from ${actor}`,
              { strength: distinct / (signal.min_distinct ?? 1) },
            ),
          );
        }
        break;
      }
      case 'sequence': {
        const hit = sequenceHit(id, signal, actor, events, context);
        if (hit !== undefined) hits.push(hit);
        break;
      }
      case 'travel': {
        const hit = travelHit(id, signal, actor, events);
        if (hit !== undefined) hits.push(hit);
        break;
      }
      case 'beacon': {
        for (const [remote, connections] of groupBy(events, 'destination_ip')) {
          const times = connectionTimes(connections);
          if (times.length < (signal.min_connections ?? 8)) continue;
          const jitter = jitterOf(times);
          if (jitter > (signal.max_jitter ?? 0.25)) continue;
          const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
          const gapS = Math.round(span / (times.length - 1) / 1000);
          hits.push(
            hitOf(
              id,
              signal,
              actor,
              connections,
              `${times.length} connections from ${actor} to ${remote} every ~${gapS} s (jitter ${jitter.toFixed(2)})`,
              {
                remoteIp: remote,
                strength: times.length / (signal.min_connections ?? 8),
              },
            ),
          );
        }
        break;
      }
      case 'volume': {
        for (const [remote, transfers] of groupBy(events, 'destination_ip')) {
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
                strength: bytes / (signal.min_bytes ?? bytes),
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
