import { setTimeout as delay } from 'node:timers/promises';

import type { Sleep } from '../qradar/index.js';

/** Waits `ms` milliseconds; rejects with an AbortError when the signal aborts first. */
export const timerSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, signal === undefined ? {} : { signal });
};
