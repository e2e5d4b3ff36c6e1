import type { SettingName } from '../config/index.js';

/** Flags accepted before or after any command, mapped to the settings they set. */
export const globalFlagSettings: Record<string, SettingName> = {
  '--qradar-url': 'QRADAR_URL',
  '--api-version': 'QRADAR_API_VERSION',
  '--ca-file': 'QRADAR_CA_FILE',
  '--tls-verify': 'QRADAR_TLS_VERIFY',
  '--data-dir': 'QRADAR_MCP_DATA_DIR',
  '--policy': 'QRADAR_MCP_POLICY_FILE',
  '--http-tokens-file': 'QRADAR_MCP_HTTP_TOKENS_FILE',
  '--log-level': 'QRADAR_MCP_LOG_LEVEL',
};

/** Global flags and the remaining arguments. */
export interface GlobalOptions {
  configFile: string | undefined;
  flags: Partial<Record<SettingName, string>>;
  rest: string[];
}

/**
 * Extracts the global flags (`--data-dir DIR` or `--data-dir=DIR`, `--config
 * FILE`) from anywhere in argv and returns the other arguments in order.
 */
export function extractGlobalOptions(argv: readonly string[]): GlobalOptions {
  const flags: Partial<Record<SettingName, string>> = {};
  const rest: string[] = [];
  let configFile: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    const [flag, inlineValue] = argument.split(/=(.*)/s, 2) as [
      string,
      string?,
    ];
    const setting = globalFlagSettings[flag];
    if (setting === undefined && flag !== '--config') {
      rest.push(argument);
      continue;
    }
    let value = inlineValue;
    if (value === undefined) {
      index += 1;
      value = argv[index];
    }
    if (value === undefined) {
      throw new Error(`Missing value for ${flag}: pass ${flag} VALUE.`);
    }
    if (setting === undefined) configFile = value;
    else flags[setting] = value;
  }
  return { configFile, flags, rest };
}
