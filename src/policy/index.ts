export {
  approveRequest,
  approvalView,
  denyRequest,
  elicitationAllows,
  toCriticalityLevel,
} from './approval-requests.js';
export {
  approverKeyFileName,
  approverPublicKeyFileName,
  ensureApproverKeyPair,
  loadSigningKey,
  loadVerificationKey,
} from './approval-keys.js';
export {
  approvalTokenAudience,
  approvalTokenIssuer,
  issueApprovalToken,
  verifyApprovalToken,
  type ApprovalBinding,
  type ApprovalClaims,
  type TokenRejection,
  type TokenVerification,
} from './approval-token.js';
export {
  checkClientApprover,
  checkApprover,
  findApprovalRule,
  type ApproverCheck,
} from './approver-rules.js';
export {
  assetPropertiesFromQRadar,
  type AssetRecord,
  type AssetResolver,
} from './assets.js';
export {
  matchAutonomousRule,
  type AutonomousRuleInput,
} from './autonomous-rules.js';
export {
  createCheckpoint,
  type Checkpoint,
  type CheckpointOptions,
} from './checkpoint.js';
export type {
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
export {
  criticalityInputFromProperties,
  deriveAccountCriticality,
  deriveCriticality,
  type Criticality,
  type CriticalityInput,
  type CvssProperties,
} from './criticality.js';
export { parseDuration, type Duration } from './durations.js';
export { PolicyError, type PolicyErrorCode } from './errors.js';
export { digestParameters } from './gated-request.js';
export {
  checkRoutable,
  isInNetwork,
  normalizeIpAddress,
  parseIpAddress,
  parseNetwork,
  privateNetworks,
  type IpAddress,
  type Network,
} from './ip-address.js';
export { defaultPolicyPath, loadPolicy, parsePolicy } from './load-policy.js';
export { withModeOverride } from './modes.js';
export { createApprovalNotifier, type ApprovalNotifier } from './notify.js';
export type {
  ApprovalRule,
  Approver,
  AutonomousRule,
  ExecutorConfig,
  Policy,
  RoleSources,
} from './policy.js';
export {
  describeRoleSource,
  resolveRoles,
  rolesForSetName,
  type ReferenceDataReader,
  type RoleMatch,
  type RoleSource,
} from './roles.js';
export { summarizePolicy } from './summary.js';
export {
  actionTarget,
  addressScope,
  canonicalizeHost,
  canonicalizeIp,
  canonicalizeUser,
  offenseTarget,
  targetKindByAction,
  type ActionTarget,
  type CanonicalTarget,
  type HostTarget,
  type IpTarget,
  type OffenseTarget,
  type TargetKind,
  type UserTarget,
} from './targets.js';
export {
  compareCriticality,
  criticalityLevels,
  gatedActions,
  isGatedAction,
  policyModes,
  roleNames,
  type CriticalityLevel,
  type GatedAction,
  type PolicyMode,
  type RoleName,
} from './vocabulary.js';
export {
  signatureHeader,
  signatureToleranceMs,
  signWebhookBody,
  timestampHeader,
  verifyWebhookSignature,
} from './webhook-signature.js';
