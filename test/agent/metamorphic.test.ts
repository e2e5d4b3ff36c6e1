import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createBaselineProvider } from '../../src/agent/index.js';
import { bundledCasesDir } from '../../src/sim/index.js';
import { mutateCase, renameTarget } from './support/mutate-case.js';
import { triageCaseFile, writeTempCase } from './support/run-case.js';

const files = readdirSync(bundledCasesDir())
  .filter((name) => name.endsWith('.json'))
  .map((name) => join(bundledCasesDir(), name));

describe('baseline under renames', () => {
  const provider = createBaselineProvider();

  it.each(
    files.map((file, index) => [basename(file, '.json'), file, index] as const),
  )('follows renames in %s', async (_id, file, index) => {
    const original = JSON.parse(readFileSync(file, 'utf8')) as Record<
      string,
      unknown
    >;
    const offense = original['offense'] as { id: number };
    const { mutated, renames } = mutateCase(original, 1000 + index);
    const mutatedFile = writeTempCase(basename(file), mutated);
    const before = await triageCaseFile(file, offense.id, provider);
    const after = await triageCaseFile(
      mutatedFile,
      renames.offenseId,
      provider,
    );
    const expected = before.recommendation;
    const actual = after.recommendation;
    expect(actual?.action).toBe(expected?.action);
    expect(actual?.target).toBe(renameTarget(expected?.target, renames));
    expect(actual?.attack_stage).toBe(expected?.attack_stage);
    expect(actual?.disposition).toBe(expected?.disposition);
  });

  it('mutator renames consistently', () => {
    const original = JSON.parse(readFileSync(files[0] ?? '', 'utf8')) as Record<
      string,
      unknown
    >;
    const { mutated, renames } = mutateCase(original, 7);
    const text = JSON.stringify(mutated);
    expect(renames.ips.size).toBeGreaterThan(0);
    for (const ip of renames.ips.keys()) {
      expect(text).not.toMatch(
        new RegExp(`(?<![\\d.])${ip.replace(/\./g, '\\.')}(?![\\d]|\\.\\d)`),
      );
    }
    expect(JSON.stringify(mutateCase(original, 7).mutated)).toBe(text);
  });
});
