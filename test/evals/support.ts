import { fileURLToPath } from 'node:url';

import { loadPriceTable, type PriceTable } from '../../evals/index.js';
import { loadCaseFiles, type CaseFile } from '../../src/sim/index.js';

/** Folder of the small cases written for the scorer self-tests. */
export const smallCasesDir = fileURLToPath(
  new URL('./cases-small', import.meta.url),
);

/** Loads the small test cases, sorted by file name. */
export function loadSmallCases(): CaseFile[] {
  return loadCaseFiles(smallCasesDir).map((loaded) => loaded.case);
}

/** Loads the shipped price table. */
export function shippedPrices(): PriceTable {
  return loadPriceTable();
}
