import { describe, expect, it } from 'vitest';

import { createTriageQueue } from '../../src/agent/index.js';
import { createSilentLogger } from '../../src/config/index.js';

describe('createTriageQueue', () => {
  it('runs triages one at a time', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queue = createTriageQueue(async (offenseId) => {
      order.push(`start ${offenseId}`);
      if (offenseId === 1) await gate;
      order.push(`end ${offenseId}`);
    }, createSilentLogger());
    queue.add(1);
    queue.add(2);
    queue.add(1);
    await Promise.resolve();
    release();
    await queue.drain();
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('keeps going after a failure', async () => {
    const done: number[] = [];
    const queue = createTriageQueue((offenseId) => {
      if (offenseId === 1) return Promise.reject(new Error('boom'));
      done.push(offenseId);
      return Promise.resolve();
    }, createSilentLogger());
    queue.add(1);
    queue.add(2);
    await queue.drain();
    expect(done).toEqual([2]);
  });
});
