export { resolveDataDir } from './data-dir.js';
export { ConfigError } from './errors.js';
export {
  createLogger,
  createSilentLogger,
  redactedPaths,
  type Logger,
  type LoggerOptions,
} from './logger.js';
export {
  listSecrets,
  loadSettings,
  logLevels,
  settingNames,
  type LogLevel,
  type SettingName,
  type Settings,
  type SettingsSources,
} from './settings.js';
