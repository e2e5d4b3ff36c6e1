import { scopeOf } from './classify.js';
import type { TriageFacts } from './facts.js';
import type { Playbook } from './playbook-schema.js';
import type { SignalHit } from './signals.js';

/** The signals that fired for one actor, with their combined weight. */
export interface ActorGroup {
  kind: 'ip' | 'user';
  actor: string;
  hits: SignalHit[];
  score: number;
  /** Internal hosts whose activity this actor drove (lateral movement). */
  downstream: string[];
}

/** Combines weights as independent evidence: 1 - product(1 - weight). */
export function noisyOr(weights: readonly number[]): number {
  return 1 - weights.reduce((product, weight) => product * (1 - weight), 1);
}

/**
 * Returns a hit's weight with its evidence volume: each doubling beyond the
 * signal's threshold counts as one more observation, up to maxObservations.
 */
export function effectiveWeight(
  hit: SignalHit,
  maxObservations: number,
): number {
  const extra = Math.min(maxObservations, Math.log2(hit.strength));
  return 1 - (1 - hit.weight) ** (1 + Math.max(0, extra));
}

/** Returns the best effective weight of each distinct signal among the hits. */
export function signalWeights(
  hits: readonly SignalHit[],
  maxObservations = 0,
): number[] {
  const best = new Map<string, number>();
  for (const hit of hits) {
    const weight = effectiveWeight(hit, maxObservations);
    best.set(hit.id, Math.max(best.get(hit.id) ?? 0, weight));
  }
  return [...best.values()];
}

function eventCount(group: ActorGroup): number {
  return group.hits.reduce((sum, hit) => sum + hit.events.length, 0);
}

/** Drops hits that a signal listed in their suppressed_by replaces for the same actor. */
export function applySuppression(
  hits: SignalHit[],
  playbook: Playbook,
): SignalHit[] {
  return hits.filter((hit) => {
    const suppressors = playbook.signals[hit.id]?.suppressed_by ?? [];
    return !hits.some(
      (other) =>
        suppressors.includes(other.id) &&
        other.actor.toLowerCase() === hit.actor.toLowerCase(),
    );
  });
}

/**
 * Groups hits by actor, strongest first. An internal host that moved
 * laterally absorbs the hits of the hosts it reached, because it is the
 * foothold and they are its victims: isolating a victim leaves the
 * attacker in place.
 */
export function groupByActor(
  hits: readonly SignalHit[],
  facts: TriageFacts,
  playbook: Playbook,
): ActorGroup[] {
  const byKey = new Map<string, ActorGroup>();
  for (const hit of hits) {
    const key = `${hit.actorKind}:${hit.actor.toLowerCase()}`;
    const group = byKey.get(key) ?? {
      kind: hit.actorKind,
      actor: hit.actor,
      hits: [],
      score: 0,
      downstream: [],
    };
    group.hits.push(hit);
    byKey.set(key, group);
  }
  const groups = [...byKey.values()];
  for (const group of groups) {
    if (group.kind !== 'ip') continue;
    if (scopeOf(group.actor, facts, playbook) !== 'internal') continue;
    const reached = new Set(
      group.hits
        .filter((hit) => hit.stage === 'lateral_movement')
        .flatMap((hit) => hit.events.map((event) => event.destinationIp))
        .filter((ip): ip is string => ip !== undefined && ip !== group.actor),
    );
    for (const other of groups) {
      if (other === group || other.kind !== 'ip' || !reached.has(other.actor)) {
        continue;
      }
      group.downstream.push(other.actor);
      group.hits.push(...other.hits);
      other.hits = [];
    }
  }
  return groups
    .filter((group) => group.hits.length > 0)
    .map((group) => ({
      ...group,
      score: noisyOr(
        signalWeights(group.hits, playbook.confidence.max_volume_observations),
      ),
    }))
    .sort((left, right) => {
      if (right.score !== left.score) return right.score - left.score;
      return eventCount(right) - eventCount(left);
    });
}

/**
 * Returns the external addresses that drove the primary internal actor:
 * groups of their own whose events targeted it (a web shell's operator, an
 * exploit's source), strongest first.
 */
export function externalDrivers(
  primary: ActorGroup,
  groups: readonly ActorGroup[],
  facts: TriageFacts,
  playbook: Playbook,
): string[] {
  if (primary.kind !== 'ip') return [];
  const victims = new Set([primary.actor, ...primary.downstream]);
  return groups
    .filter(
      (group) =>
        group !== primary &&
        group.kind === 'ip' &&
        scopeOf(group.actor, facts, playbook) === 'external' &&
        group.score >= playbook.disposition.weak_below &&
        group.hits.some((hit) =>
          hit.events.some(
            (event) =>
              event.destinationIp !== undefined &&
              victims.has(event.destinationIp),
          ),
        ),
    )
    .map((group) => group.actor);
}
