import { describe, it } from 'vitest';

import { checkMatrixRow, matrixCases } from '../support/mcp-matrix.js';

describe('update_offense permission matrix', () => {
  it.each(matrixCases('update_offense'))(
    '$mode mode, $token token, $role target',
    checkMatrixRow,
  );
});
