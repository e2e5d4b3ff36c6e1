import { describe, expect, it } from 'vitest';

import { field } from '../support/mcp-harness.js';
import {
  expectedOutcome,
  matrixCases,
  runMatrixCase,
} from '../support/mcp-matrix.js';

describe('disable_user permission matrix', () => {
  it.each(matrixCases('disable_user'))(
    '$mode mode, $token token, $role target',
    async (row) => {
      const expected = expectedOutcome(row);
      const run = await runMatrixCase(row);
      try {
        expect(run.result.isError).toBeFalsy();
        expect(field(run.result, 'decision')).toBe(expected.decision);
        expect(field(run.result, 'rule')).toMatch(expected.rule);
        expect(run.effectPresent()).toBe(expected.effectAfter);
        expect(await run.executedRows()).toBe(expected.effectAfter ? 1 : 0);
        const last = await run.lastAuditRow();
        const lastKind =
          expected.decision === 'denied'
            ? 'denied'
            : expected.decision === 'executed'
              ? 'executed'
              : 'approval_requested';
        expect(last?.kind).toBe(lastKind);
      } finally {
        await run.harness.close();
      }
    },
  );
});
