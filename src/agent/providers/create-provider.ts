import { join } from 'node:path';

import { ConfigError, type Settings } from '../../config/index.js';
import { packageRootFromHere } from '../baseline/load-playbook.js';
import type { ModelProvider } from '../provider.js';
import { createAnthropicProvider } from './anthropic-provider.js';
import { createBaselineProvider } from './baseline-provider.js';
import { createOpenAiProvider } from './openai-provider.js';
import { createReplayProvider, withRecording } from './replay-provider.js';

/** Provider names `--provider` accepts. */
export const providerNames = [
  'anthropic',
  'openai',
  'baseline',
  'replay',
] as const;

export type ProviderName = (typeof providerNames)[number];

/** Options of createProvider, as the CLI collects them. */
export interface ProviderChoice {
  /** Default: anthropic or openai when its API key is set, else baseline. */
  name?: string | undefined;
  model?: string | undefined;
  /** Playbook file of the baseline. */
  playbookPath?: string | undefined;
  /** Cassette file or folder of the replay provider; default evals/cassettes. */
  cassettes?: string | undefined;
  /** Cassette file that every completed request is appended to. */
  recordCassette?: string | undefined;
  /** Whether requests are pseudonymized (recorded in the cassette). */
  pseudonymize?: boolean | undefined;
}

/** Returns the folder of the shipped cassettes. */
export function defaultCassettesDir(): string {
  return join(packageRootFromHere(), 'evals', 'cassettes');
}

/** Picks the provider used when `--provider` is not given. */
export function defaultProviderName(settings: Settings): ProviderName {
  if (settings.anthropicApiKey !== undefined) return 'anthropic';
  if (settings.openaiApiKey !== undefined) return 'openai';
  return 'baseline';
}

/**
 * Creates the model provider the settings and options ask for. Throws
 * ConfigError naming the missing API key variable or the unknown provider,
 * and PlaybookError for an invalid playbook.
 */
export function createProvider(
  settings: Settings,
  choice: ProviderChoice = {},
): ModelProvider {
  const name = choice.name ?? defaultProviderName(settings);
  let provider: ModelProvider;
  switch (name) {
    case 'anthropic': {
      if (settings.anthropicApiKey === undefined) {
        throw new ConfigError(
          'Missing ANTHROPIC_API_KEY: --provider anthropic needs an Anthropic API key. Set ANTHROPIC_API_KEY, or use --provider baseline to triage offline.',
          { variable: 'ANTHROPIC_API_KEY' },
        );
      }
      provider = createAnthropicProvider({
        apiKey: settings.anthropicApiKey,
        baseUrl: settings.anthropicBaseUrl,
        model: choice.model,
      });
      break;
    }
    case 'openai': {
      if (settings.openaiApiKey === undefined) {
        throw new ConfigError(
          'Missing OPENAI_API_KEY: --provider openai needs an OpenAI API key. Set OPENAI_API_KEY, or use --provider baseline to triage offline.',
          { variable: 'OPENAI_API_KEY' },
        );
      }
      provider = createOpenAiProvider({
        apiKey: settings.openaiApiKey,
        baseUrl: settings.openaiBaseUrl,
        model: choice.model,
      });
      break;
    }
    case 'baseline':
      provider = createBaselineProvider({ playbookPath: choice.playbookPath });
      break;
    case 'replay':
      provider = createReplayProvider({
        location: choice.cassettes ?? defaultCassettesDir(),
      });
      break;
    default:
      throw new ConfigError(
        `Unknown provider ${JSON.stringify(name)}: use one of ${providerNames.join(', ')}.`,
      );
  }
  if (choice.recordCassette !== undefined) {
    provider = withRecording(provider, choice.recordCassette, {
      pseudonymized: choice.pseudonymize ?? provider.isExternal,
    });
  }
  return provider;
}
