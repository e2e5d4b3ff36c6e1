export {
  createServer,
  serverInfo,
  type CreateServerOptions,
} from './create-server.js';
export { describeError, type ToolFailure } from './describe-error.js';
export { serverInstructions } from './instructions.js';
export { describeTool } from './list-tools.js';
export { openQRadarBackend, type QRadarBackend } from './qradar-backend.js';
export { renderIssues } from './render-issues.js';
export {
  openServerRuntime,
  sweepIntervalMs,
  type ServerRuntime,
} from './runtime.js';
export {
  createSecretScrubber,
  type SecretScrubber,
} from './secret-scrubber.js';
export { runTool, type ToolBoundaryOptions } from './tool-boundary.js';
