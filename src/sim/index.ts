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
