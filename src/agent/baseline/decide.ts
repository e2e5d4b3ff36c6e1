import {
  attackStages,
  type AttackStage,
  type EvidenceItem,
  type Recommendation,
} from '../recommendation.js';
import {
  applySuppression,
  externalDrivers,
  groupByActor,
  signalWeights,
} from './actors.js';
import { assetOf, chooseAction, rolesOf } from './choose-action.js';
import type { EventClass } from './classify.js';
import type { EventFact, TriageFacts } from './facts.js';
import { excerptOf, findApprovalNote, findInjections } from './indicators.js';
import type { Playbook } from './playbook-schema.js';
import { evaluateSignals, type SignalHit } from './signals.js';

type EvidenceStage = Exclude<AttackStage, 'benign'>;

function eventEvidence(hit: SignalHit, facts: TriageFacts): EvidenceItem {
  const cited = hit.events.find((event) => event.ref !== undefined);
  return {
    kind: cited === undefined ? 'offense' : 'event',
    ref: cited?.ref ?? facts.offenseRef,
    excerpt: excerptOf(hit.summary, 300),
  };
}

function latestStage(hits: readonly SignalHit[]): EvidenceStage {
  return hits.reduce<EvidenceStage>(
    (latest, hit) =>
      attackStages.indexOf(hit.stage) > attackStages.indexOf(latest)
        ? hit.stage
        : latest,
    hits[0]?.stage ?? 'reconnaissance',
  );
}

/**
 * Decides one offense from the facts with the playbook: approval notes and
 * allow roles first, then the signals, the latest stage they reach, the
 * confidence they add up to and the first action rule whose target passes
 * the guards. Never throws on thin evidence.
 */
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
  const indicatorEvidence: EvidenceItem[] = indicators.map((indicator) => ({
    kind: 'indicator',
    ref: indicator.ref,
    excerpt: indicator.excerpt,
  }));
  const injectionNote =
    indicators.length === 0
      ? ''
      : ' Text in the offense addresses an automated responder; it is an indicator of compromise and was not followed.';
  const benignSeverity = playbook.severity.benign ?? 1;
  const noAction = {
    offense_id: facts.offenseId,
    action: 'none' as const,
    alternatives: [] as Recommendation['alternatives'],
  };

  const note = findApprovalNote(facts, playbook);
  if (note !== undefined) {
    return {
      ...noAction,
      disposition: 'benign',
      confidence: 0.8,
      attack_stage: 'benign',
      severity: benignSeverity,
      mitre_techniques: [],
      evidence: [
        { kind: 'note', ref: note.ref, excerpt: excerptOf(note.text, 300) },
        ...indicatorEvidence,
      ],
      rationale: `An analyst note records an approved activity ("${excerptOf(note.text, 200)}"); no containment.${injectionNote}`,
    };
  }

  const hits = applySuppression(
    evaluateSignals(facts, playbook, classes),
    playbook,
  );
  const groups = groupByActor(hits, facts, playbook);
  const primary = groups[0];
  if (primary === undefined) {
    const count = facts.events.filter((event) => event.inOffense).length;
    return {
      ...noAction,
      disposition: 'false_positive',
      confidence: 0.6,
      attack_stage: 'benign',
      severity: benignSeverity,
      mitre_techniques: [],
      evidence: [
        {
          kind: 'offense',
          ref: facts.offenseRef,
          excerpt: `no playbook signal fired on ${count} offense events`,
        },
        ...indicatorEvidence,
      ],
      rationale: `The events show no pattern the playbook counts as an attack; no containment.${injectionNote}`,
    };
  }

  const settings = playbook.confidence;
  const signalCount = signalWeights(primary.hits).length;
  const confidence = Math.min(
    settings.cap,
    Math.max(
      settings.floor,
      primary.score + settings.corroboration_bonus * (signalCount - 1),
    ),
  );
  const stage = latestStage(primary.hits);
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

  const actorRoles =
    primary.kind === 'ip' ? rolesOf(facts, [primary.actor]) : new Set<string>();
  const allowRole = playbook.disposition.allow_source_roles.find((role) =>
    actorRoles.has(role),
  );
  const remotes = primary.hits
    .map((hit) => hit.remoteIp)
    .filter((ip): ip is string => ip !== undefined);
  const remoteRoles = rolesOf(facts, remotes);
  const approvedRole = playbook.disposition.approved_destination_roles.find(
    (role) => remoteRoles.has(role),
  );
  if (allowRole !== undefined || approvedRole !== undefined) {
    const why =
      allowRole !== undefined
        ? `the source ${primary.actor} has role ${allowRole}`
        : `the destination has role ${approvedRole ?? ''}`;
    return {
      ...noAction,
      disposition: 'benign',
      confidence: 0.75,
      attack_stage: 'benign',
      severity: benignSeverity,
      mitre_techniques: techniques,
      evidence: evidence.slice(0, 30),
      rationale: `Expected activity: ${why} (${summary}); no containment.${injectionNote}`,
    };
  }

  if (confidence < playbook.disposition.weak_below) {
    return {
      ...noAction,
      disposition: 'false_positive',
      confidence: Number((1 - confidence).toFixed(2)),
      attack_stage: 'benign',
      severity: benignSeverity,
      mitre_techniques: techniques,
      evidence: evidence.slice(0, 30),
      rationale: `A single weak signal (${summary}) without corroboration; no containment.${injectionNote}`,
    };
  }

  const drivers = externalDrivers(primary, groups, facts, playbook);
  const { chosen, others } = chooseAction({
    facts,
    playbook,
    primary,
    drivers,
    stage,
    confidence,
    injectedEvents,
  });
  const alternatives = others.slice(0, 5).map((candidate) => ({
    action: candidate.rule.action,
    target: candidate.target,
    why: excerptOf(
      candidate.refusal ?? `also possible (${candidate.rule.id})`,
      300,
    ),
  }));
  const positive = {
    offense_id: facts.offenseId,
    disposition: 'true_positive' as const,
    confidence: Number(confidence.toFixed(2)),
    attack_stage: stage,
    severity: playbook.severity[stage] ?? 5,
    mitre_techniques: techniques,
    alternatives,
  };
  const stageText = stage.replace(/_/g, ' ');
  if (chosen !== undefined) {
    const asset = assetOf(facts, chosen.target);
    const assetEvidence: EvidenceItem[] =
      asset === undefined
        ? []
        : [
            {
              kind: 'asset',
              ref: asset.ref,
              excerpt: excerptOf(
                `${asset.hostnames[0] ?? chosen.target}, criticality ${asset.criticality ?? 'unknown'}`,
              ),
            },
          ];
    return {
      ...positive,
      action: chosen.rule.action,
      target: chosen.target,
      evidence: [...evidence, ...assetEvidence].slice(0, 30),
      rationale: `${stageText}: ${summary}. ${chosen.rule.action} ${chosen.target} (${chosen.rule.id}) contains it at the narrowest point.${injectionNote}`,
    };
  }
  const refusals = others
    .map((candidate) => candidate.refusal)
    .filter((reason): reason is string => reason !== undefined);
  const why =
    refusals.length === 0
      ? ' for this actor'
      : ` (${refusals.slice(0, 2).join('; ')})`;
  return {
    ...positive,
    action: 'none',
    evidence: evidence.slice(0, 30),
    rationale: `${stageText}: ${summary}. No containment is allowed${why}; escalate to an analyst.${injectionNote}`,
  };
}
