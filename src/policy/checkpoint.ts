import type { KeyObject } from 'node:crypto';

import type { Logger } from '../config/index.js';
import type { Store } from '../store/index.js';
import { loadVerificationKey } from './approval-keys.js';
import { approvalView } from './approval-requests.js';
import { matchAutonomousRule } from './autonomous-rules.js';
import {
  projectDecisions,
  projectionMode,
  requestApproval,
} from './checkpoint-approvals.js';
import {
  claimExecution,
  completeExecution,
  executeWithToken,
} from './checkpoint-claims.js';
import type { CheckpointContext } from './checkpoint-context.js';
import { deny } from './checkpoint-denials.js';
import {
  approveByElicitation,
  declineByElicitation,
} from './checkpoint-elicitation.js';
import { buildRateLimits, denyRateLimited } from './checkpoint-rate-limits.js';
import type {
  ApprovalView,
  CheckpointDecision,
  ClientIdentity,
  EvaluateContext,
  ExecutionClaim,
  ExecutionOutcome,
  GatedRequest,
} from './checkpoint-types.js';
import {
  deriveAccountCriticality,
  deriveCriticality,
  criticalityInputFromProperties,
  type Criticality,
} from './criticality.js';
import { createApprovalNotifier, type ApprovalNotifier } from './notify.js';
import { findRequestProblem } from './gated-request.js';
import type { Policy } from './policy.js';
import {
  describeRoleSource,
  resolveRoles,
  type ReferenceDataReader,
  type RoleMatch,
} from './roles.js';

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

class PolicyCheckpoint implements Checkpoint {
  readonly #store: Store;
  readonly #policy: Policy;
  readonly #logger: Logger;
  readonly #options: CheckpointOptions;
  readonly #context: CheckpointContext;

  constructor(options: CheckpointOptions) {
    this.#options = options;
    this.#store = options.store;
    this.#policy = options.policy;
    this.#logger = options.logger;
    const now = options.now ?? (() => Date.parse(options.store.nowIso()));
    let verificationKey = options.verificationKey;
    this.#context = {
      store: options.store,
      policy: options.policy,
      logger: options.logger,
      now,
      notifier:
        options.notifier ??
        createApprovalNotifier({
          config: options.policy.notify,
          logger: options.logger,
          nowMs: now,
          ...(options.env === undefined ? {} : { env: options.env }),
        }),
      loadKey: () => {
        verificationKey ??= loadVerificationKey(options.dataDir);
        return verificationKey;
      },
    };
  }

  async evaluate(
    request: GatedRequest,
    context: EvaluateContext = {},
  ): Promise<CheckpointDecision> {
    const problem = findRequestProblem(request);
    if (problem !== undefined) {
      return deny(
        this.#context,
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
      return deny(
        this.#context,
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
      return deny(
        this.#context,
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
      return deny(
        this.#context,
        request,
        `role:${blocking.role}`,
        `${request.target.label} has the ${blocking.role} role (${describeRoleSource(blocking.source)}), so ${request.action} is denied in every mode. Add a note and escalate to a person instead.`,
        roles,
      );
    }
    const criticality = await this.#criticality(request, roles);

    if (this.#policy.mode === 'monitor') {
      const projected = await projectDecisions(
        this.#context,
        request,
        roles,
        criticality,
      );
      return deny(
        this.#context,
        request,
        'mode:monitor',
        `The policy runs in monitor mode, so nothing gated executes. In autonomous mode this call would be ${projected.autonomous}; in approve mode, ${projected.approve}.`,
        roles,
        criticality,
        { byMode: projected, mode: projectionMode(this.#policy) },
      );
    }

    const rateLimits = buildRateLimits(this.#context, request);
    for (const limit of rateLimits) {
      const count = await this.#store.audit.count({
        kinds: ['intent'],
        since: limit.since,
        action: limit.action,
      });
      if (count >= limit.max) {
        return denyRateLimited(
          this.#context,
          request,
          roles,
          criticality,
          limit.rule,
          limit.max,
        );
      }
    }

    if (request.approvalToken !== undefined) {
      return executeWithToken(
        this.#context,
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
        return claimExecution(
          this.#context,
          request,
          roles,
          criticality,
          rateLimits,
          {
            rule: `autonomous:${rule.name}`,
            reason: `Autonomous rule ${rule.name} allows ${request.action} on ${request.target.label}.`,
            requestId: null,
            approver: null,
          },
        );
      }
    }
    return requestApproval(this.#context, request, roles, criticality);
  }

  complete(claim: ExecutionClaim, outcome: ExecutionOutcome): Promise<void> {
    return completeExecution(this.#context, claim, outcome);
  }

  async getApproval(requestId: string): Promise<ApprovalView> {
    await this.#store.approvals.expirePending();
    return approvalView(this.#store, requestId, this.#context.now());
  }

  approveByElicitation(
    requestId: string,
    client: ClientIdentity,
  ): Promise<CheckpointDecision> {
    return approveByElicitation(this.#context, requestId, client);
  }

  declineByElicitation(
    requestId: string,
    client: ClientIdentity,
  ): Promise<void> {
    return declineByElicitation(this.#context, requestId, client);
  }

  settled(): Promise<void> {
    return this.#context.notifier.settled();
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
}
