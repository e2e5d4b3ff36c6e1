import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { packageRootDir } from '../../src/sim/index.js';

/** SDK package behind each recordable provider. */
const sdkPackages: Record<string, string> = {
  anthropic: '@anthropic-ai/sdk',
  openai: 'openai',
};

/** Returns the cassette folder shipped with the package (`evals/cassettes`). */
export function defaultCassettesDir(): string {
  return join(packageRootDir(), 'evals', 'cassettes');
}

/** Returns the cassette file of one case inside a cassette folder. */
export function cassetteFileFor(cassettesDir: string, caseId: string): string {
  return join(cassettesDir, `${caseId}.json`);
}

/**
 * Reads the installed version of a provider's SDK by walking up from the
 * package's entry point to its package.json; undefined when not installed.
 */
export function installedSdkVersion(provider: string): string | undefined {
  const name = sdkPackages[provider];
  if (name === undefined) return undefined;
  let dir: string;
  try {
    dir = dirname(fileURLToPath(import.meta.resolve(name)));
  } catch {
    return undefined;
  }
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const content = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (content.name === name && typeof content.version === 'string')
        return content.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The manifest written beside recorded cassettes. */
export interface CassetteManifest {
  provider: string;
  model: string;
  sdk: string | undefined;
  sdkVersion: string | undefined;
  /** ISO 8601 time of the recording. */
  recordedAt: string;
  /** False for recordings of a live model; hand-written cassettes set true. */
  synthetic: false;
  cases: string[];
}

/**
 * Writes `manifest.json` into a cassette folder after a recording: provider,
 * model, SDK and its version, the date and the recorded cases.
 */
export function writeCassetteManifest(
  cassettesDir: string,
  details: {
    provider: string;
    model: string;
    caseIds: string[];
    nowMs: number;
  },
): string {
  const manifest: CassetteManifest = {
    provider: details.provider,
    model: details.model,
    sdk: sdkPackages[details.provider],
    sdkVersion: installedSdkVersion(details.provider),
    recordedAt: new Date(details.nowMs).toISOString(),
    synthetic: false,
    cases: [...details.caseIds].sort(),
  };
  mkdirSync(cassettesDir, { recursive: true });
  const path = join(cassettesDir, 'manifest.json');
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  return path;
}
