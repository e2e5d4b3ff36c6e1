export {
  createHttpAuthenticator,
  localClientName,
  type AuthenticationResult,
  type HttpAuthenticator,
} from './authenticator.js';
export { formatAuthority, isLoopbackHost } from './loopback.js';
export {
  createOriginCheck,
  normalizeOrigin,
  type OriginCheck,
} from './origin-check.js';
export {
  addToken,
  clientNamePattern,
  findTokenEntry,
  generateToken,
  hashToken,
  readTokensFile,
  removeToken,
  writeTokensFile,
  type TokenEntry,
} from './tokens-file.js';
export {
  healthPath,
  mcpPath,
  startHttpServer,
  type HttpServerOptions,
  type RunningHttpServer,
} from './http-server.js';
