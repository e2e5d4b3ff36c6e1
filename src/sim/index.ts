export { bundledCasesDir, packageRootDir } from './bundled-cases.js';
export { formatJsonPath, loadCaseFile, loadCaseFiles } from './case-files.js';
export {
  attackStages,
  caseActions,
  caseFileSchema,
  dispositions,
  referenceElementTypes,
  referenceTimeoutTypes,
  type CaseDecision,
  type CaseEventRecord,
  type CaseFile,
  type CaseReferenceSet,
  type LoadedCase,
} from './case-schema.js';
export { ApiError, type QradarErrorBody } from './http/api-error.js';
export {
  openEmbeddedSimulator,
  simulatorDbPath,
  type EmbeddedSimulator,
} from './embedded.js';
export { readFaultRules } from './faults-file.js';
export { checkFaultRule } from './http/faults.js';
export { supportedApiVersions } from './routes/index.js';
export { startSimulator } from './start-simulator.js';
export { generateSimulatorTls, type GeneratedTls } from './tls.js';
export type { OffenseNote } from './store/offense-store.js';
export type {
  ReferenceElement,
  ReferenceSetInfo,
} from './store/reference-store.js';
export type {
  ArielSearchView,
  FaultRule,
  RecordedRequest,
  RunningSimulator,
  SimulatorOptions,
  SimulatorState,
} from './types.js';
