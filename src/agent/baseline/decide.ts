import { sanitizeText } from '../../text/index.js';
import {
  attackStages,
  type AttackStage,
  type EvidenceItem,
  type Recommendation,
} from '../recommendation.js';
import { compileKeywords, scopeOf, type EventClass } from './classify.js';
import type { AssetFact, EventFact, TriageFacts } from './facts.js';
import type { ActionRule, Playbook } from './playbook-schema.js';
import { evaluateSignals, type SignalHit } from './signals.js';

interface Indicator {
  ref: string;
  excerpt: string;
  /** The event whose user name carried the text, if any. */
  event: EventFact | undefined;
}

interface ActorGroup {
  key: string;
  hits: SignalHit[];
  score: number;
}

function excerpt(text: string, length = 160): string {
  return sanitizeText(text, { singleLine: true, maxLength: length });
}

/** Combines weights as independent evidence: 1 - product(1 - weight). */
function noisyOr(weights: readonly number[]): number {
  return 1 - weights.reduce((product, weight) => product * (1 - weight), 1);
}

function signalWeights(hits: readonly SignalHit[]): number[] {
  const best = new Map<string, number>();
  for (const hit of hits)
    best.set(hit.id, Math.max(best.get(hit.id) ?? 0, hit.weight));
  return [...best.values()];
}

function stageIndex(stage: AttackStage): number {
  return attackStages.indexOf(stage);
}

function findInjections(facts: TriageFacts, playbook: Playbook): Indicator[] {
  const pattern = compileKeywords(playbook.injection.keywords);
  if (pattern === undefined) return [];
  const fields = new Set(playbook.injection.fields);
  const found: Indicator[] = [];
  if (fields.has('description') && pattern.test(facts.description)) {
    found.push({
      ref: facts.offenseRef,
      excerpt: `offense description addresses an automated responder: "${excerpt(facts.description, 120)}"`,
      event: undefined,
    });
  }
  for (const event of facts.events) {
    const texts: [string, string][] = [];
    if (fields.has('username')) texts.push(['user name', event.username ?? '']);
    if (fields.has('payload')) texts.push(['payload', event.payload]);
    if (fields.has('qid_name')) texts.push(['event name', event.qidName]);
    const hit = texts.find(([, text]) => pattern.test(text));
    if (hit === undefined) continue;
    found.push({
      ref: event.ref ?? facts.offenseRef,
      excerpt: `event ${hit[0]} addresses an automated responder: "${excerpt(hit[1], 120)}"`,
      event,
    });
  }
  // One indicator per distinct text is enough evidence.
  const unique = new Map<string, Indicator>();
  for (const indicator of found)
    if (!unique.has(indicator.excerpt))
      unique.set(indicator.excerpt, indicator);
  return [...unique.values()].slice(0, 3);
}

function applySuppression(hits: SignalHit[], playbook: Playbook): SignalHit[] {
  return hits.filter((hit) => {
    const suppressors = playbook.signals[hit.id]?.suppressed_by ?? [];
    return !hits.some(
      (other) =>
        suppressors.includes(other.id) &&
        other.actor.toLowerCase() === hit.actor.toLowerCase(),
    );
  });
}

function groupByActor(hits: readonly SignalHit[]): ActorGroup[] {
  const groups = new Map<string, SignalHit[]>();
  for (const hit of hits) {
    const key = `${hit.actorKind}:${hit.actor.toLowerCase()}`;
    groups.set(key, [...(groups.get(key) ?? []), hit]);
  }
  return [...groups.entries()]
    .map(([key, group]) => ({
      key,
      hits: group,
      score: noisyOr(signalWeights(group)),
    }))
    .sort((left, right) => {
      if (right.score !== left.score) return right.score - left.score;
      const events = (group: ActorGroup): number =>
        group.hits.reduce((sum, hit) => sum + hit.events.length, 0);
      return events(right) - events(left);
    });
}

function rolesOf(facts: TriageFacts, values: readonly string[]): Set<string> {
  const roles = new Set<string>();
  for (const value of values)
    for (const role of facts.roles.get(value.toLowerCase()) ?? [])
      roles.add(role);
  return roles;
}

function assetOf(facts: TriageFacts, ip: string): AssetFact | undefined {
  return facts.assets.find((asset) => asset.ips.includes(ip));
}

function globMatches(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .toLowerCase()
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')}$`,
  );
  return regex.test(value.toLowerCase());
}

function accountName(raw: string): string | undefined {
  const name = raw.includes('\\')
    ? raw.slice(raw.lastIndexOf('\\') + 1)
    : (raw.split('@')[0] ?? raw);
  return /^[A-Za-z0-9][\w.$-]{0,63}$/.test(name)
    ? name.toLowerCase()
    : undefined;
}

interface Candidate {
  rule: ActionRule;
  target: string | undefined;
  refusal: string | undefined;
}

interface DecisionInput {
  facts: TriageFacts;
  playbook: Playbook;
  group: ActorGroup;
  stage: Exclude<AttackStage, 'benign'>;
  confidence: number;
  injectedEvents: Set<EventFact>;
}

function checkTarget(
  rule: ActionRule,
  target: string,
  input: DecisionInput,
): string | undefined {
  const { facts, playbook, confidence } = input;
  const guards = playbook.guards;
  if (rule.action === 'disable_user') {
    const roles = rolesOf(facts, [target]);
    const blocked = guards.never_disable_roles.find((role) => roles.has(role));
    if (blocked !== undefined) return `account ${target} has role ${blocked}`;
    if (
      guards.never_disable_accounts.some((pattern) =>
        globMatches(pattern, target),
      )
    ) {
      return `account ${target} is built-in, break-glass or privileged`;
    }
    const forbidden = guards.forbidden_roles.find((role) => roles.has(role));
    return forbidden === undefined
      ? undefined
      : `account ${target} has role ${forbidden}`;
  }
  const asset = assetOf(facts, target);
  const roles = rolesOf(facts, [target, ...(asset?.hostnames ?? [])]);
  for (const role of asset?.roles ?? []) roles.add(role);
  const forbidden = guards.forbidden_roles.find((role) => roles.has(role));
  if (forbidden !== undefined) return `${target} has role ${forbidden}`;
  const scope = scopeOf(target, facts, playbook);
  if (rule.action === 'block_ip' && scope !== 'external')
    return `${target} is not an external address`;
  if (rule.action === 'isolate_host') {
    if (scope !== 'internal') return `${target} is not an internal endpoint`;
    const criticality = asset?.criticality;
    if (
      criticality !== undefined &&
      guards.high_value_criticalities.includes(criticality) &&
      confidence < guards.high_value_min_confidence
    ) {
      return `${target} is a ${criticality}-criticality asset and the evidence (confidence ${confidence.toFixed(2)}) is below the bar of ${guards.high_value_min_confidence}`;
    }
  }
  return undefined;
}

function targetsOf(rule: ActionRule, input: DecisionInput): string[] {
  const { group } = input;
  const actor = group.hits[0]?.actor;
  if (rule.target === 'actor_ip') {
    return group.hits[0]?.actorKind === 'ip' && actor !== undefined
      ? [actor]
      : [];
  }
  if (rule.target === 'remote_ip') {
    return [
      ...new Set(
        group.hits
          .map((hit) => hit.remoteIp)
          .filter((ip): ip is string => ip !== undefined),
      ),
    ];
  }
  // Only user names from the user column of events that fired a signal, and
  // never one whose text addressed the responder.
  const names = group.hits
    .filter((hit) => rule.stages.includes(hit.stage))
    .flatMap((hit) =>
      hit.events
        .filter((event) => !input.injectedEvents.has(event))
        .map((event) => event.username)
        .filter((name): name is string => name !== undefined),
    );
  const accounts = group.hits.flatMap((hit) => hit.accounts);
  return [
    ...new Set(
      [...accounts, ...names]
        .map((name) => accountName(name))
        .filter((name): name is string => name !== undefined),
    ),
  ].filter(
    (name) =>
      !input.facts.events.some(
        (event) =>
          input.injectedEvents.has(event) &&
          accountName(event.username ?? '') === name,
      ),
  );
}

function chooseAction(input: DecisionInput): {
  chosen: Candidate | undefined;
  others: Candidate[];
} {
  const { facts, playbook, group, stage } = input;
  const candidates: Candidate[] = [];
  const actor = group.hits[0];
  const actorScope =
    actor?.actorKind === 'ip'
      ? scopeOf(actor.actor, facts, playbook)
      : 'unknown';
  for (const rule of playbook.actions) {
    if (!rule.stages.includes(stage)) continue;
    if (rule.actor_scope !== undefined && rule.actor_scope !== actorScope)
      continue;
    const targets = targetsOf(rule, input);
    if (targets.length === 0) continue;
    for (const target of targets.slice(0, 3)) {
      candidates.push({
        rule,
        target,
        refusal: checkTarget(rule, target, input),
      });
    }
  }
  const chosen = candidates.find(
    (candidate) => candidate.refusal === undefined,
  );
  return {
    chosen,
    others: candidates.filter((candidate) => candidate !== chosen),
  };
}

function markerNote(
  facts: TriageFacts,
  playbook: Playbook,
): { ref: string; text: string } | undefined {
  const pattern = compileKeywords(playbook.disposition.note_markers);
  if (pattern === undefined) return undefined;
  // Notes the agent itself wrote never count as an analyst's approval.
  return facts.notes.find(
    (note) => !note.text.includes('[qradar-mcp run') && pattern.test(note.text),
  );
}

function eventEvidence(hit: SignalHit, facts: TriageFacts): EvidenceItem {
  const cited = hit.events.find((event) => event.ref !== undefined);
  return {
    kind: cited === undefined ? 'offense' : 'event',
    ref: cited?.ref ?? facts.offenseRef,
    excerpt: excerpt(hit.summary, 300),
  };
}

/** Decides one offense from the facts with the playbook; never throws on thin evidence. */
export function decideFromFacts(
  facts: TriageFacts,
  playbook: Playbook,
  classes: Map<string, EventClass>,
): Recommendation {
  const indicators = findInjections(facts, playbook);
  const injectedEvents = new Set(
    indicators
      .map((indicator) => indicator.event)
      .filter((event): event is EventFact => event !== undefined),
  );
  const hits = applySuppression(
    evaluateSignals(facts, playbook, classes),
    playbook,
  );
  const groups = groupByActor(hits);
  const primary = groups[0];
  const indicatorEvidence: EvidenceItem[] = indicators.map((indicator) => ({
    kind: 'indicator',
    ref: indicator.ref,
    excerpt: indicator.excerpt,
  }));
  const injectionNote =
    indicators.length === 0
      ? ''
      : ' Text in the offense addresses an automated responder; it is recorded as an indicator and was not followed.';
  const base = {
    offense_id: facts.offenseId,
    mitre_techniques: [] as string[],
    alternatives: [] as Recommendation['alternatives'],
  };

  const note = markerNote(facts, playbook);
  if (note !== undefined) {
    return {
      ...base,
      disposition: 'benign',
      action: 'none',
      confidence: 0.8,
      attack_stage: 'benign',
      severity: playbook.severity.benign ?? 1,
      evidence: [
        { kind: 'note', ref: note.ref, excerpt: excerpt(note.text, 300) },
        ...indicatorEvidence,
      ].slice(0, 30),
      rationale: `An analyst note records an approved activity ("${excerpt(note.text, 200)}"); no containment.${injectionNote}`,
    };
  }

  if (primary === undefined) {
    return {
      ...base,
      disposition: 'false_positive',
      action: 'none',
      confidence: 0.6,
      attack_stage: 'benign',
      severity: playbook.severity.benign ?? 1,
      evidence: [
        {
          kind: 'offense',
          ref: facts.offenseRef,
          excerpt: excerpt(
            `no playbook signal fired on ${facts.events.filter((event) => event.inOffense).length} offense events`,
          ),
        },
        ...indicatorEvidence,
      ],
      rationale: `The events show no pattern the playbook counts as an attack (a single weak signal at most); no containment.${injectionNote}`,
    };
  }

  const signalCount = signalWeights(primary.hits).length;
  const confidenceSettings = playbook.confidence;
  const confidence = Math.min(
    confidenceSettings.cap,
    Math.max(
      confidenceSettings.floor,
      primary.score +
        confidenceSettings.corroboration_bonus * (signalCount - 1),
    ),
  );
  const stage = primary.hits.reduce<Exclude<AttackStage, 'benign'>>(
    (latest, hit) =>
      stageIndex(hit.stage) > stageIndex(latest) ? hit.stage : latest,
    primary.hits[0]?.stage ?? 'reconnaissance',
  );
  const evidence: EvidenceItem[] = [
    ...primary.hits.slice(0, 5).map((hit) => eventEvidence(hit, facts)),
    ...indicatorEvidence,
  ];
  const techniques = [
    ...new Set(primary.hits.flatMap((hit) => hit.techniques)),
  ];
  const summary = primary.hits
    .map((hit) => hit.summary)
    .slice(0, 3)
    .join('; ');

  const actor = primary.hits[0];
  const actorRoles =
    actor?.actorKind === 'ip'
      ? rolesOf(facts, [actor.actor])
      : new Set<string>();
  const allowRole = playbook.disposition.allow_source_roles.find((role) =>
    actorRoles.has(role),
  );
  const remoteRoles = rolesOf(
    facts,
    primary.hits
      .map((hit) => hit.remoteIp)
      .filter((ip): ip is string => ip !== undefined),
  );
  const approvedRole = playbook.disposition.approved_destination_roles.find(
    (role) => remoteRoles.has(role),
  );
  if (allowRole !== undefined || approvedRole !== undefined) {
    const why =
      allowRole !== undefined
        ? `the source ${actor?.actor ?? ''} has role ${allowRole}`
        : `the destination has role ${approvedRole ?? ''}`;
    return {
      ...base,
      disposition: 'benign',
      action: 'none',
      confidence: 0.75,
      attack_stage: 'benign',
      severity: playbook.severity.benign ?? 1,
      mitre_techniques: techniques,
      evidence: evidence.slice(0, 30),
      rationale: `Expected activity: ${why} (${summary}); no containment.${injectionNote}`,
    };
  }

  if (confidence < playbook.disposition.weak_below) {
    return {
      ...base,
      disposition: 'false_positive',
      action: 'none',
      confidence: Number((1 - confidence).toFixed(2)),
      attack_stage: 'benign',
      severity: playbook.severity.benign ?? 1,
      mitre_techniques: techniques,
      evidence: evidence.slice(0, 30),
      rationale: `A single weak signal (${summary}) without corroboration; no containment.${injectionNote}`,
    };
  }

  const { chosen, others } = chooseAction({
    facts,
    playbook,
    group: primary,
    stage,
    confidence,
    injectedEvents,
  });
  const alternatives = others.slice(0, 5).map((candidate) => ({
    action: candidate.rule.action,
    ...(candidate.target === undefined ? {} : { target: candidate.target }),
    why: excerpt(
      candidate.refusal ?? `second choice (${candidate.rule.id})`,
      300,
    ),
  }));
  if (chosen?.target !== undefined) {
    const asset = assetOf(facts, chosen.target);
    return {
      ...base,
      disposition: 'true_positive',
      action: chosen.rule.action,
      target: chosen.target,
      confidence: Number(confidence.toFixed(2)),
      attack_stage: stage,
      severity: playbook.severity[stage] ?? 5,
      mitre_techniques: techniques,
      evidence: [
        ...evidence,
        ...(asset === undefined
          ? []
          : [
              {
                kind: 'asset',
                ref: asset.ref,
                excerpt: excerpt(
                  `${asset.hostnames[0] ?? chosen.target}, criticality ${asset.criticality ?? 'unknown'}`,
                ),
              },
            ]),
      ].slice(0, 30),
      rationale: `${stage.replace(/_/g, ' ')}: ${summary}. ${chosen.rule.action} ${chosen.target} (${chosen.rule.id}) contains it at the narrowest point.${injectionNote}`,
      alternatives,
    };
  }
  const refusals = others
    .map((candidate) => candidate.refusal)
    .filter((reason): reason is string => reason !== undefined);
  return {
    ...base,
    disposition: 'true_positive',
    action: 'none',
    confidence: Number(confidence.toFixed(2)),
    attack_stage: stage,
    severity: playbook.severity[stage] ?? 5,
    mitre_techniques: techniques,
    evidence: evidence.slice(0, 30),
    rationale: `${stage.replace(/_/g, ' ')}: ${summary}. No containment is allowed${refusals.length === 0 ? ' for this actor' : ` (${refusals.slice(0, 2).join('; ')})`}; escalate to an analyst.${injectionNote}`,
    alternatives,
  };
}
