import { afterEach, describe, expect, it } from 'vitest';

import { createLogger } from '../../src/config/index.js';
import { openEmbeddedSimulator, startSimulator } from '../../src/sim/index.js';
import {
  cleanupSimulators,
  tempDir,
  testCasesDir,
  testToken,
} from './helpers.js';

afterEach(cleanupSimulators);

function capturingLogger(level: 'info' | 'debug') {
  const lines: { level: number; msg: string }[] = [];
  const logger = createLogger({
    level,
    destination: {
      write: (line: string) =>
        void lines.push(JSON.parse(line) as { level: number; msg: string }),
    },
  });
  return { logger, lines };
}

describe('simulator lifecycle logging', () => {
  it('logs start and stop at info', async () => {
    const { logger, lines } = capturingLogger('info');
    const simulator = await startSimulator({
      dbPath: ':memory:',
      token: testToken,
      casesDir: testCasesDir,
      logger,
    });
    await simulator.close();
    expect(lines.map((line) => line.msg)).toEqual([
      'simulator loaded cases',
      'simulator listening',
      'simulator stopped',
    ]);
  });

  it('keeps embedded simulator quiet at info', async () => {
    const { logger, lines } = capturingLogger('info');
    const embedded = await openEmbeddedSimulator(
      { dataDir: tempDir() },
      logger,
      { casesDir: testCasesDir },
    );
    await embedded.close();
    expect(lines).toEqual([]);
  });

  it('logs embedded lifecycle at debug', async () => {
    const { logger, lines } = capturingLogger('debug');
    const embedded = await openEmbeddedSimulator(
      { dataDir: tempDir() },
      logger,
      { casesDir: testCasesDir },
    );
    await embedded.close();
    const lifecycle = lines.filter((line) => line.msg.startsWith('simulator '));
    expect(lifecycle.map((line) => line.msg)).toEqual([
      'simulator loaded cases',
      'simulator listening',
      'simulator stopped',
    ]);
    expect(lifecycle.every((line) => line.level === 20)).toBe(true);
  });
});
