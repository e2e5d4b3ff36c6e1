import type { KeyObject } from 'node:crypto';

import type { Logger } from '../config/index.js';
import {
  StoreError,
  type IntentResult,
  type RateLimitCheck,
  type Store,
} from '../store/index.js';
import { loadVerificationKey } from './approval-keys.js';
import { verifyApprovalToken } from './approval-token.js';
import { checkApprover, checkClientApprover } from './approver-rules.js';
import { matchAutonomousRule } from './autonomous-rules.js';
import type {
  ApprovalRequiredDecision,
  ApprovalView,
  CheckpointDecision,
  ClientIdentity,
  DeniedDecision,
  EvaluateContext,
  ExecuteDecision,
  ExecutionClaim,
  ExecutionOutcome,
  GatedRequest,
  ProjectedDecision,
  TargetSummary,
} from './checkpoint-types.js';
import {
  deriveAccountCriticality,
  deriveCriticality,
  criticalityInputFromProperties,
  type Criticality,
} from './criticality.js';
import {
  approvalView,
  elicitationAllows,
  newApprovalRequest,
  toCriticalityLevel,
} from './approval-requests.js';
import { createApprovalNotifier, type ApprovalNotifier } from './notify.js';
import {
  boundedRationale,
  digestParameters,
  findRequestProblem,
  summarizeTarget,
} from './gated-request.js';
import type { Policy } from './policy.js';
import {
  describeRoleSource,
  resolveRoles,
  type ReferenceDataReader,
  type RoleMatch,
} from './roles.js';
import {
  compareCriticality,
  isGatedAction,
  type GatedAction,
} from './vocabulary.js';

/** Options for createCheckpoint. */
export interface CheckpointOptions {
  store: Store;
  policy: Policy;
  logger: Logger;
  /** Data directory holding approver.pub; the key is loaded on first use. */
  dataDir: string;
  /** Reader used when a call passes none. */
  referenceData?: ReferenceDataReader | undefined;
  /** Verification key to use instead of the data directory's, for tests. */
  verificationKey?: KeyObject | undefined;
  /** Epoch-millisecond clock; default the store's clock. */
  now?: (() => number) | undefined;
  /** Environment holding the notify webhook secret; default process.env. */
  env?: NodeJS.ProcessEnv | undefined;
  notifier?: ApprovalNotifier | undefined;
}

/** The policy checkpoint that every gated tool passes. */
export interface Checkpoint {
  /**
   * Decides a gated call. The checks run in this order: kill switch, target
   * roles (protected, and allow_source or approved_destination for
   * addresses), monitor mode, rate limits, approval token, autonomous rules,
   * approval request. Policy outcomes are values, and only programming
   * errors throw.
   */
  evaluate(
    request: GatedRequest,
    context?: EvaluateContext,
  ): Promise<CheckpointDecision>;
  /**
   * Audits the executor's outcome: `executed`, or `failed`, which also
   * releases the claimed approval so it can be retried. Throws StoreError
   * when the audit cannot be written.
   */
  complete(claim: ExecutionClaim, outcome: ExecutionOutcome): Promise<void>;
  /**
   * Returns an approval request's state, with its token while approved,
   * unexpired and unused. Throws PolicyError `REQUEST_NOT_FOUND`.
   */
  getApproval(requestId: string): Promise<ApprovalView>;
  /**
   * Approves a pending request in chat (MCP elicitation) and claims it for
   * execution: denied unless the policy's elicitation section allows the
   * action and criticality, and never for protected targets.
   */
  approveByElicitation(
    requestId: string,
    client: ClientIdentity,
  ): Promise<CheckpointDecision>;
  /** Records a decline given in chat: the request becomes denied. */
  declineByElicitation(
    requestId: string,
    client: ClientIdentity,
  ): Promise<void>;
  /** Resolves when notify webhooks started so far have finished. */
  settled(): Promise<void>;
}

/** Creates the checkpoint of one process (server, runner or eval). */
export function createCheckpoint(options: CheckpointOptions): Checkpoint {
  return new PolicyCheckpoint(options);
}

const hourMs = 3_600_000;

/** A gated call as a claim records it, with the target possibly reduced to its summary. */
type ClaimInput = Omit<GatedRequest, 'target'> & { target: TargetSummary };

class PolicyCheckpoint implements Checkpoint {
  readonly #store: Store;
  readonly #policy: Policy;
  readonly #logger: Logger;
  readonly #options: CheckpointOptions;
  readonly #now: () => number;
  readonly #notifier: ApprovalNotifier;
  #verificationKey: KeyObject | undefined;

  constructor(options: CheckpointOptions) {
    this.#options = options;
    this.#store = options.store;
    this.#policy = options.policy;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => Date.parse(options.store.nowIso()));
    this.#verificationKey = options.verificationKey;
    this.#notifier =
      options.notifier ??
      createApprovalNotifier({
        config: options.policy.notify,
        logger: options.logger,
        nowMs: this.#now,
        ...(options.env === undefined ? {} : { env: options.env }),
      });
  }

  async evaluate(
    request: GatedRequest,
    context: EvaluateContext = {},
  ): Promise<CheckpointDecision> {
    const problem = findRequestProblem(request);
    if (problem !== undefined) {
      return this.#deny(
        request,
        'invalid_request',
        `Invalid request: ${problem}.`,
        [],
      );
    }
    const killSwitch = await this.#store.killSwitch.get();
    if (killSwitch.halted) {
      const by = killSwitch.by === null ? '' : ` by ${killSwitch.by}`;
      const why = killSwitch.reason === null ? '' : ` (${killSwitch.reason})`;
      return this.#deny(
        request,
        'kill_switch',
        `Gated actions are halted${by}${why}. Nothing was changed; an operator resumes them with qradar-mcp policy resume.`,
        [],
      );
    }

    const reader = context.referenceData ?? this.#options.referenceData;
    let roles: RoleMatch[];
    try {
      if (reader === undefined)
        throw new Error('no reference-data reader was configured');
      roles = await resolveRoles(request.target, {
        referenceData: reader,
        policy: this.#policy,
        signal: context.signal,
      });
    } catch (error) {
      this.#logger.warn(
        { err: error, action: request.action },
        'failed to resolve target roles',
      );
      return this.#deny(
        request,
        'roles_unavailable',
        `Failed to read the reference sets that give targets their roles: ${(error as Error).message}. Nothing was changed; retry when QRadar responds.`,
        [],
      );
    }
    const blocking = roles.find(
      (match) =>
        match.role === 'protected' ||
        (request.target.kind === 'ip' &&
          (match.role === 'allow_source' ||
            match.role === 'approved_destination')),
    );
    if (blocking !== undefined) {
      return this.#deny(
        request,
        `role:${blocking.role}`,
        `${request.target.label} has the ${blocking.role} role (${describeRoleSource(blocking.source)}), so ${request.action} is denied in every mode. Add a note and escalate to a person instead.`,
        roles,
      );
    }
    const criticality = await this.#criticality(request, roles);

    if (this.#policy.mode === 'monitor') {
      const projected = await this.#project(request, roles, criticality);
      return this.#deny(
        request,
        'mode:monitor',
        `The policy runs in monitor mode, so nothing gated executes. In autonomous mode this call would be ${projected.autonomous}; in approve mode, ${projected.approve}.`,
        roles,
        criticality,
        projected,
      );
    }

    const rateLimits = this.#rateLimits(request);
    for (const limit of rateLimits) {
      const count = await this.#store.audit.count({
        kinds: ['intent'],
        since: limit.since,
        action: limit.action,
      });
      if (count >= limit.max) {
        return this.#rateLimited(
          request,
          roles,
          criticality,
          limit.rule,
          limit.max,
        );
      }
    }

    if (request.approvalToken !== undefined) {
      return this.#executeWithToken(
        request,
        request.approvalToken,
        roles,
        criticality,
        rateLimits,
      );
    }
    if (this.#policy.mode === 'autonomous') {
      const rule = matchAutonomousRule(this.#policy, {
        action: request.action,
        target: request.target,
        confidence: request.confidence,
        criticality,
        roles,
      });
      if (rule !== undefined) {
        return this.#claim(request, roles, criticality, rateLimits, {
          rule: `autonomous:${rule.name}`,
          reason: `Autonomous rule ${rule.name} allows ${request.action} on ${request.target.label}.`,
          requestId: null,
          approver: null,
        });
      }
    }
    return this.#requestApproval(request, roles, criticality);
  }

  async complete(
    claim: ExecutionClaim,
    outcome: ExecutionOutcome,
  ): Promise<void> {
    const entry = {
      actor: claim.client.name,
      action: claim.action,
      target: claim.target.value,
      offenseId: claim.offenseId,
      rule: claim.rule,
    };
    if (outcome.ok) {
      await this.#store.audit.append({
        ...entry,
        kind: 'executed',
        decision: 'execute',
        details: {
          intent_seq: claim.intentSeq,
          request_id: claim.requestId,
          action_id: outcome.actionId ?? null,
          verification: outcome.verification ?? null,
          ...outcome.details,
        },
      });
      this.#logger.info(
        {
          action: claim.action,
          target: claim.target.value,
          actionId: outcome.actionId,
        },
        'gated action executed',
      );
      return;
    }
    await this.#store.claims.release({
      entry: {
        ...entry,
        decision: 'execute',
        details: {
          intent_seq: claim.intentSeq,
          request_id: claim.requestId,
          error: outcome.error,
          ...outcome.details,
        },
      },
      tokenId: claim.requestId ?? undefined,
    });
    this.#logger.warn(
      {
        action: claim.action,
        target: claim.target.value,
        error: outcome.error,
      },
      'gated action failed; its approval was released',
    );
  }

  async getApproval(requestId: string): Promise<ApprovalView> {
    await this.#store.approvals.expirePending();
    return approvalView(this.#store, requestId, this.#now());
  }

  async approveByElicitation(
    requestId: string,
    client: ClientIdentity,
  ): Promise<CheckpointDecision> {
    await this.#store.approvals.expirePending();
    const record = await this.#store.approvals.get(requestId);
    const criticality: Criticality | undefined =
      record === undefined
        ? undefined
        : {
            level: toCriticalityLevel(record.criticality),
            derivation: record.criticalityDerivation,
          };
    const base = {
      action: record?.action ?? 'unknown',
      target: record?.target ?? requestId,
      offenseId: record?.offenseId ?? null,
      client,
    };
    if (
      record === undefined ||
      record.status !== 'pending' ||
      !isGatedAction(record.action)
    ) {
      return this.#denyRaw(
        base,
        'elicitation:not_pending',
        `Approval request ${requestId} is not pending, so it cannot be approved in chat.`,
      );
    }
    if (!elicitationAllows(this.#policy, record)) {
      return this.#denyRaw(
        base,
        'elicitation:not_allowed',
        `The policy does not allow in-chat approval of ${record.action} at ${record.criticality} criticality. Ask an approver to run qradar-mcp approvals approve ${record.id} --as NAME.`,
      );
    }
    // The chat layer checks the client's role before asking; this repeats the
    // check so that no caller can approve beyond its role.
    const roleCheck = checkClientApprover(this.#policy, {
      client,
      action: record.action,
      criticality: toCriticalityLevel(record.criticality),
    });
    if (!roleCheck.allowed) {
      return this.#denyRaw(
        base,
        'elicitation:role_not_allowed',
        `Client ${client.name} may not approve request ${requestId} in chat: ${roleCheck.reason}. Ask an approver with that role to run qradar-mcp approvals approve ${requestId} --as NAME.`,
      );
    }
    const killSwitch = await this.#store.killSwitch.get();
    if (killSwitch.halted) {
      return this.#denyRaw(
        base,
        'kill_switch',
        'Gated actions are halted. An operator resumes them with qradar-mcp policy resume.',
      );
    }
    const approved = await this.#store.approvals.decide(
      requestId,
      { status: 'approved', decidedBy: client.name, kind: 'elicitation' },
      {
        actor: client.name,
        kind: 'approved',
        action: record.action,
        target: record.target,
        offenseId: record.offenseId,
        decision: 'approved',
        rule: 'elicitation',
        details: {
          request_id: requestId,
          via: 'elicitation',
          client_role: client.role ?? null,
        },
      },
    );
    const target: TargetSummary = {
      kind: record.targetKind as TargetSummary['kind'],
      value: record.target,
      label: record.targetLabel,
    };
    const request: ClaimInput = {
      action: record.action,
      target,
      offenseId: record.offenseId,
      confidence: record.confidence,
      rationale: record.rationale,
      evidence: record.evidence,
      parameters: record.parameters,
      client,
    };
    return this.#claim(
      request,
      [],
      criticality ?? { level: 'medium', derivation: [] },
      this.#rateLimits(request),
      {
        rule: 'elicitation',
        reason: `Approved in chat by ${client.name}.`,
        requestId: approved.id,
        approver: client.name,
      },
    );
  }

  async declineByElicitation(
    requestId: string,
    client: ClientIdentity,
  ): Promise<void> {
    const record = await this.#store.approvals.get(requestId);
    await this.#store.approvals.decide(
      requestId,
      {
        status: 'denied',
        decidedBy: client.name,
        kind: 'elicitation',
        reason: 'declined in chat',
      },
      {
        actor: client.name,
        kind: 'denied_by_approver',
        action: record?.action,
        target: record?.target,
        offenseId: record?.offenseId,
        decision: 'denied',
        rule: 'elicitation',
        details: { request_id: requestId, via: 'elicitation' },
      },
    );
  }

  settled(): Promise<void> {
    return this.#notifier.settled();
  }

  async #criticality(
    request: GatedRequest,
    roles: RoleMatch[],
  ): Promise<Criticality> {
    if (request.target.kind === 'user') return deriveAccountCriticality(roles);
    if (request.criticality !== undefined) return request.criticality;
    let input = request.criticalityInput;
    if (typeof input === 'function') input = await input();
    if (
      input === undefined &&
      request.target.kind === 'host' &&
      request.target.asset !== null
    ) {
      input = criticalityInputFromProperties(request.target.asset.properties);
    }
    return deriveCriticality({ ...input, roles });
  }

  #rateLimits(request: { action: GatedAction }): RateLimitCheck[] {
    const since = new Date(this.#now() - hourMs).toISOString();
    const limits: RateLimitCheck[] = [
      {
        rule: 'rate_limit:all',
        max: this.#policy.rateLimits.gatedPerHour,
        since,
      },
    ];
    const perAction = this.#policy.rateLimits.perActionPerHour[request.action];
    if (perAction !== undefined) {
      limits.push({
        rule: `rate_limit:${request.action}`,
        max: perAction,
        since,
        action: request.action,
      });
    }
    return limits;
  }

  async #executeWithToken(
    request: GatedRequest,
    token: string,
    roles: RoleMatch[],
    criticality: Criticality,
    rateLimits: RateLimitCheck[],
  ): Promise<CheckpointDecision> {
    const parametersDigest = digestParameters(request.parameters);
    let key: KeyObject;
    try {
      key = this.#loadKey();
    } catch (error) {
      return this.#deny(
        request,
        'token:key_unavailable',
        `${(error as Error).message}`,
        roles,
        criticality,
      );
    }
    const verification = await verifyApprovalToken(token, {
      verificationKey: key,
      expected: {
        action: request.action,
        target: request.target.value,
        offenseId: request.offenseId,
        parametersDigest,
      },
      nowMs: this.#now(),
    });
    if (!verification.ok) {
      return this.#deny(
        request,
        `token:${verification.reason}`,
        `Approval token rejected: ${verification.message}. Repeat the identical call without approval_token to request a new approval.`,
        roles,
        criticality,
      );
    }
    const { claims } = verification;
    const approval = await this.#store.approvals.get(claims.requestId);
    if (approval?.status !== 'approved') {
      return this.#deny(
        request,
        'token:not_approved',
        `Approval request ${claims.requestId} is ${approval?.status ?? 'unknown'}, so its token cannot be used.`,
        roles,
        criticality,
      );
    }
    const level =
      compareCriticality(
        criticality.level,
        toCriticalityLevel(approval.criticality),
      ) >= 0
        ? criticality.level
        : toCriticalityLevel(approval.criticality);
    const approver = checkApprover(this.#policy, {
      approver: claims.approver,
      action: request.action,
      criticality: level,
    });
    if (!approver.allowed) {
      return this.#deny(
        request,
        'token:approver_not_allowed',
        approver.message,
        roles,
        criticality,
      );
    }
    return this.#claim(request, roles, criticality, rateLimits, {
      rule: 'approval_token',
      reason: `Approved by ${claims.approver} (request ${claims.requestId}).`,
      requestId: claims.requestId,
      approver: claims.approver,
    });
  }

  async #claim(
    request: ClaimInput,
    roles: RoleMatch[],
    criticality: Criticality,
    rateLimits: RateLimitCheck[],
    grant: {
      rule: string;
      reason: string;
      requestId: string | null;
      approver: string | null;
    },
  ): Promise<CheckpointDecision> {
    const parameters = request.parameters ?? {};
    const parametersDigest = digestParameters(parameters);
    let result: IntentResult;
    try {
      result = await this.#store.claims.recordIntent({
        entry: {
          actor: request.client.name,
          action: request.action,
          target: request.target.value,
          offenseId: request.offenseId,
          decision: 'execute',
          rule: grant.rule,
          details: {
            request_id: grant.requestId,
            approver: grant.approver,
            client_role: request.client.role ?? null,
            confidence: request.confidence,
            criticality: criticality.level,
            parameters,
            rationale: boundedRationale(request.rationale).slice(0, 1000),
            evidence_refs: request.evidence
              .slice(0, 50)
              .map((item) => item.ref),
          },
        },
        tokenId: grant.requestId ?? undefined,
        rateLimits,
      });
    } catch (error) {
      if (!StoreError.is(error)) throw error;
      this.#logger.error(
        { err: error, action: request.action },
        'failed to record the intent; the executor will not run',
      );
      return this.#decision({
        decision: 'denied',
        rule: 'audit_unavailable',
        reason: `${error.message}`,
        roles,
        criticality,
      });
    }
    if (result.status === 'token_already_used') {
      return this.#deny(
        request,
        'token:already_used',
        `Approval request ${grant.requestId ?? ''} was already used at ${result.usedAt}; each approval executes once. Repeat the call without approval_token to request a new approval.`,
        roles,
        criticality,
      );
    }
    if (result.status === 'rate_limited') {
      return this.#rateLimited(
        request,
        roles,
        criticality,
        result.rule,
        result.max,
      );
    }
    const decision: ExecuteDecision = {
      decision: 'execute',
      rule: grant.rule,
      reason: grant.reason,
      roles,
      criticality,
      claim: {
        intentSeq: result.record.seq,
        action: request.action,
        target: summarizeTarget(request.target),
        offenseId: request.offenseId,
        parameters,
        parametersDigest,
        rule: grant.rule,
        requestId: grant.requestId,
        approver: grant.approver,
        client: request.client,
        criticality,
      },
    };
    return this.#decision(decision);
  }

  async #requestApproval(
    request: GatedRequest,
    roles: RoleMatch[],
    criticality: Criticality,
  ): Promise<CheckpointDecision> {
    const rule =
      this.#policy.mode === 'approve'
        ? 'mode:approve'
        : 'autonomous:no_matching_rule';
    try {
      await this.#store.approvals.expirePending();
      const { request: record, created } =
        await this.#store.approvals.findOrCreatePending(
          newApprovalRequest(
            request,
            roles,
            criticality,
            this.#policy,
            this.#now(),
          ),
        );
      if (created) this.#notifier.notify(record);
      const reason =
        record.status === 'approved'
          ? `${record.decidedBy ?? 'An approver'} already approved request ${record.id}: call get_approval with request_id ${record.id} and repeat this call with its approval_token.`
          : `${request.action} on ${request.target.label} needs a human approval (${criticality.level} criticality). An approver runs qradar-mcp approvals approve ${record.id} --as NAME; then call get_approval with request_id ${record.id} and repeat this call with the token.`;
      const decision: ApprovalRequiredDecision = {
        decision: 'approval_required',
        rule,
        reason,
        roles,
        criticality,
        requestId: record.id,
        expiresAt: record.expiresAt,
        created,
        elicitationAllowed: elicitationAllows(this.#policy, record),
      };
      return this.#decision(decision);
    } catch (error) {
      if (!StoreError.is(error)) throw error;
      this.#logger.error(
        { err: error, action: request.action },
        'failed to create the approval request',
      );
      return this.#decision({
        decision: 'denied',
        rule: 'audit_unavailable',
        reason: error.message,
        roles,
        criticality,
      });
    }
  }

  async #project(
    request: GatedRequest,
    roles: RoleMatch[],
    criticality: Criticality,
  ): Promise<{ approve: ProjectedDecision; autonomous: ProjectedDecision }> {
    let tokenValid = false;
    if (request.approvalToken !== undefined) {
      try {
        const verification = await verifyApprovalToken(request.approvalToken, {
          verificationKey: this.#loadKey(),
          expected: {
            action: request.action,
            target: request.target.value,
            offenseId: request.offenseId,
            parametersDigest: digestParameters(request.parameters),
          },
          nowMs: this.#now(),
        });
        tokenValid =
          verification.ok &&
          (await this.#store.claims.usedAt(verification.claims.requestId)) ===
            undefined;
      } catch {
        tokenValid = false;
      }
    }
    const rule = matchAutonomousRule(this.#policy, {
      action: request.action,
      target: request.target,
      confidence: request.confidence,
      criticality,
      roles,
    });
    return {
      approve: tokenValid ? 'executed' : 'approval_required',
      autonomous:
        tokenValid || rule !== undefined ? 'executed' : 'approval_required',
    };
  }

  #rateLimited(
    request: ClaimInput,
    roles: RoleMatch[],
    criticality: Criticality,
    rule: string,
    max: number,
  ): Promise<DeniedDecision> {
    const scope =
      rule === 'rate_limit:all'
        ? 'gated actions'
        : `${request.action} executions`;
    return this.#deny(
      request,
      rule,
      `Rate limit reached: at most ${max} ${scope} per hour (rate_limits in ${this.#policy.source}). Nothing was changed; retry later or ask a person to act.`,
      roles,
      criticality,
    );
  }

  #loadKey(): KeyObject {
    this.#verificationKey ??= loadVerificationKey(this.#options.dataDir);
    return this.#verificationKey;
  }

  async #deny(
    request: ClaimInput,
    rule: string,
    reason: string,
    roles: RoleMatch[],
    criticality?: Criticality,
    projected?: { approve: ProjectedDecision; autonomous: ProjectedDecision },
  ): Promise<DeniedDecision> {
    const decision: DeniedDecision = {
      decision: 'denied',
      rule,
      reason,
      roles,
      criticality,
      ...(projected === undefined
        ? {}
        : { wouldBe: projected.autonomous, wouldBeByMode: projected }),
    };
    await this.#auditDenial(
      {
        action: request.action,
        target: request.target.value,
        offenseId: request.offenseId,
        client: request.client,
      },
      decision,
      {
        confidence: request.confidence,
        criticality: criticality?.level ?? null,
        would_be: decision.wouldBe ?? null,
      },
    );
    return this.#decision(decision);
  }

  async #denyRaw(
    base: {
      action: string;
      target: string;
      offenseId: number | null;
      client: ClientIdentity;
    },
    rule: string,
    reason: string,
  ): Promise<DeniedDecision> {
    const decision: DeniedDecision = {
      decision: 'denied',
      rule,
      reason,
      roles: [],
    };
    await this.#auditDenial(base, decision, {});
    return this.#decision(decision);
  }

  async #auditDenial(
    base: {
      action: string;
      target: string;
      offenseId: number | null;
      client: ClientIdentity;
    },
    decision: DeniedDecision,
    details: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.#store.audit.append({
        actor: base.client.name,
        kind: 'denied',
        action: base.action,
        target: base.target,
        offenseId: base.offenseId,
        decision: 'denied',
        rule: decision.rule,
        details: { reason: decision.reason, ...details },
      });
    } catch (error) {
      // The denial is returned even without its audit row, because nothing runs either way.
      this.#logger.error(
        { err: error, rule: decision.rule },
        'failed to audit a denial',
      );
    }
  }

  #decision<T extends CheckpointDecision>(decision: T): T {
    this.#logger.info(
      {
        decision: decision.decision,
        rule: decision.rule,
        ...(decision.decision === 'approval_required'
          ? { requestId: decision.requestId }
          : {}),
      },
      'policy decision',
    );
    return decision;
  }
}
