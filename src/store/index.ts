export { canonicalJson } from './canonical-json.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { latestSchemaVersion } from './migrations.js';
export {
  auditKinds,
  type ActionRecord,
  type ActionStatus,
  type ActionUpdate,
  type ApprovalDecision,
  type ApprovalDecisionKind,
  type ApprovalRequestRecord,
  type ApprovalStatus,
  type AuditEntryInput,
  type AuditHead,
  type AuditKind,
  type AuditRecord,
  type AuditVerification,
  type EvidenceItem,
  type KillSwitchState,
  type NewActionRecord,
  type NewApprovalRequest,
  type NewRunRecord,
  type RunRecord,
  type RunUpdate,
  type StoredRole,
  type VerificationState,
} from './records.js';
export type { StoreFaults } from './sqlite-context.js';
export {
  auditHeadFileName,
  openStore,
  storeFileName,
  type OpenStoreOptions,
} from './sqlite-store.js';
export type {
  ActionStore,
  ApprovalRequestStore,
  AuditLog,
  AuditQuery,
  ClaimLedger,
  IntentResult,
  KillSwitchStore,
  RateLimitCheck,
  RunnerStateStore,
  RunStore,
  Store,
} from './store.js';
