import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseDocument } from 'yaml';
import { z } from 'zod';

import { resolveDataDir } from './data-dir.js';
import { ConfigError } from './errors.js';

/** Log levels that pino accepts, lowest to highest. */
export const logLevels = [
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
  'silent',
] as const;

export type LogLevel = (typeof logLevels)[number];

const optionalText = z.string().trim().min(1).optional();

const httpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^\s/]+/i.test(value), {
    message:
      'expected an http:// or https:// URL such as https://qradar.example.com',
  });

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/**
 * The settings, keyed by their environment variable names. A config file uses
 * the same names, and command-line flags map onto them.
 */
const settingsSchema = z.object({
  QRADAR_URL: httpUrl.optional(),
  QRADAR_SEC_TOKEN: optionalText,
  QRADAR_API_VERSION: z
    .string()
    .trim()
    .regex(/^\d+\.\d+$/, { message: 'expected a version such as 26.0' })
    .optional(),
  QRADAR_CA_FILE: optionalText,
  QRADAR_TLS_VERIFY: booleanText.default(true),
  QRADAR_MCP_DATA_DIR: optionalText,
  QRADAR_MCP_POLICY_FILE: optionalText,
  QRADAR_MCP_HTTP_TOKENS_FILE: optionalText,
  QRADAR_MCP_LOG_LEVEL: z.string().trim().optional(),
  QRADAR_MCP_TRIGGER_SECRET: z
    .string()
    .min(16, { message: 'expected a shared secret of at least 16 characters' })
    .optional(),
  ANTHROPIC_API_KEY: optionalText,
  ANTHROPIC_BASE_URL: httpUrl.optional(),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: httpUrl.optional(),
});

/** Names of every setting; each is also an environment variable. */
export type SettingName = keyof typeof settingsSchema.shape;

export const settingNames = Object.keys(settingsSchema.shape) as SettingName[];

/** Validated settings with defaults applied. */
export interface Settings {
  qradarUrl: string | undefined;
  secToken: string | undefined;
  apiVersion: string | undefined;
  caFile: string | undefined;
  tlsVerify: boolean;
  dataDir: string;
  policyFile: string | undefined;
  httpTokensFile: string;
  logLevel: LogLevel;
  /** Shared HMAC secret of the agent's HTTP trigger. */
  triggerSecret: string | undefined;
  /** Set when QRADAR_MCP_LOG_LEVEL held an unknown level; the CLI warns once. */
  invalidLogLevel: string | undefined;
  anthropicApiKey: string | undefined;
  anthropicBaseUrl: string | undefined;
  openaiApiKey: string | undefined;
  openaiBaseUrl: string | undefined;
}

/** Sources of settings. Later sources win: file, then env, then flags. */
export interface SettingsSources {
  env: NodeJS.ProcessEnv;
  /** Path of a YAML file mapping setting names to values. */
  configFile?: string | undefined;
  flags?: Partial<Record<SettingName, string>>;
}

function readConfigFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `Failed to read config file ${path}: ${(error as Error).message}. Check the --config path.`,
      { cause: error },
    );
  }
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    const first = document.errors[0];
    throw new ConfigError(
      `Failed to parse config file ${path}: ${first?.message ?? 'invalid YAML'}.`,
    );
  }
  const content: unknown = document.toJS();
  if (content === null || content === undefined) return {};
  if (typeof content !== 'object' || Array.isArray(content)) {
    throw new ConfigError(
      `Invalid config file ${path}: expected a mapping of setting names such as QRADAR_URL to values.`,
    );
  }
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(content)) {
    if (!settingNames.includes(key as SettingName)) {
      throw new ConfigError(
        `Invalid config file ${path}: unknown setting ${JSON.stringify(key)}. Known settings: ${settingNames.join(', ')}.`,
        { variable: key },
      );
    }
    values[key] = String(value);
  }
  return values;
}

function pickSettings(
  record: Record<string, string | undefined>,
): Partial<Record<SettingName, string>> {
  const picked: Partial<Record<SettingName, string>> = {};
  for (const name of settingNames) {
    const value = record[name];
    if (value !== undefined && value !== '') picked[name] = value;
  }
  return picked;
}

/**
 * Loads and validates settings from a config file, the environment and flags.
 * Throws ConfigError naming the first invalid variable and the expected form.
 */
export function loadSettings(sources: SettingsSources): Settings {
  const configFile = sources.configFile ?? sources.env['QRADAR_MCP_CONFIG'];
  const merged = {
    ...(configFile === undefined
      ? {}
      : pickSettings(readConfigFile(configFile))),
    ...pickSettings(sources.env),
    ...(sources.flags ?? {}),
  };
  const result = settingsSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? 'setting');
    const value = merged[variable as SettingName];
    const shown =
      variable.includes('TOKEN') ||
      variable.includes('KEY') ||
      variable.includes('SECRET')
        ? '(value hidden)'
        : JSON.stringify(value);
    throw new ConfigError(
      `Invalid ${variable} ${shown}: ${issue?.message ?? 'invalid value'}.`,
      { variable },
    );
  }
  const values = result.data;
  const dataDir = resolveDataDir(sources.env, values.QRADAR_MCP_DATA_DIR);
  const requestedLevel = values.QRADAR_MCP_LOG_LEVEL?.toLowerCase();
  const isKnownLevel =
    requestedLevel !== undefined &&
    (logLevels as readonly string[]).includes(requestedLevel);
  return {
    qradarUrl: values.QRADAR_URL?.replace(/\/+$/, ''),
    secToken: values.QRADAR_SEC_TOKEN,
    apiVersion: values.QRADAR_API_VERSION,
    caFile: values.QRADAR_CA_FILE,
    tlsVerify: values.QRADAR_TLS_VERIFY,
    dataDir,
    policyFile: values.QRADAR_MCP_POLICY_FILE,
    httpTokensFile:
      values.QRADAR_MCP_HTTP_TOKENS_FILE ?? join(dataDir, 'http-tokens.yaml'),
    triggerSecret: values.QRADAR_MCP_TRIGGER_SECRET,
    logLevel: isKnownLevel ? (requestedLevel as LogLevel) : 'info',
    invalidLogLevel:
      requestedLevel !== undefined && !isKnownLevel
        ? values.QRADAR_MCP_LOG_LEVEL
        : undefined,
    anthropicApiKey: values.ANTHROPIC_API_KEY,
    anthropicBaseUrl: values.ANTHROPIC_BASE_URL,
    openaiApiKey: values.OPENAI_API_KEY,
    openaiBaseUrl: values.OPENAI_BASE_URL,
  };
}

/** Lists every secret held by the settings, for redaction tests and scrubbers. */
export function listSecrets(settings: Settings): string[] {
  return [
    settings.secToken,
    settings.triggerSecret,
    settings.anthropicApiKey,
    settings.openaiApiKey,
  ].filter((value): value is string => value !== undefined);
}
