import {
  createAnthropicProvider,
  createOpenAiProvider,
  createReplayProvider,
  withRecording,
  type ModelProvider,
} from '../../src/agent/index.js';
import { createBaselineProvider } from '../../src/agent/providers/baseline-provider.js';
import { cassetteFileFor, defaultCassettesDir } from './cassettes.js';
import type { ProviderSettings } from './case-runner.js';

function requireKey(value: string | undefined, variable: string): string {
  if (value === undefined) {
    throw new Error(
      `Missing ${variable}: set it to run the eval with this provider, or use --provider baseline.`,
    );
  }
  return value;
}

/**
 * Creates the model provider of one case run. Replay reads the case's
 * cassette (`<cassettes>/<case id>.json`), and with `record` a live provider
 * appends every model turn it completes to that file.
 */
export function createCaseProvider(
  settings: ProviderSettings,
  caseId: string,
): ModelProvider {
  const cassettesDir = settings.cassettesDir ?? defaultCassettesDir();
  const cassette = cassetteFileFor(cassettesDir, caseId);
  let provider: ModelProvider;
  switch (settings.name) {
    case 'baseline':
      return createBaselineProvider();
    case 'replay':
      return createReplayProvider({ location: cassette });
    case 'anthropic':
      provider = createAnthropicProvider({
        apiKey: requireKey(settings.anthropicApiKey, 'ANTHROPIC_API_KEY'),
        baseUrl: settings.anthropicBaseUrl,
        model: settings.model,
      });
      break;
    case 'openai':
      provider = createOpenAiProvider({
        apiKey: requireKey(settings.openaiApiKey, 'OPENAI_API_KEY'),
        baseUrl: settings.openaiBaseUrl,
        model: settings.model,
      });
      break;
    default:
      throw new Error(
        `Provider ${JSON.stringify(settings.name)} not found: use baseline, anthropic, openai or replay.`,
      );
  }
  return settings.record === true
    ? withRecording(provider, cassette, { pseudonymized: provider.isExternal })
    : provider;
}
