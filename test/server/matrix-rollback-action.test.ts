import { describe, it } from 'vitest';

import { checkMatrixRow, matrixCases } from '../support/mcp-matrix.js';

describe('rollback_action permission matrix', () => {
  it.each(matrixCases('rollback_action'))(
    '$mode mode, $token token, $role target',
    checkMatrixRow,
  );
});
