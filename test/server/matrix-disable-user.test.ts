import { describe, it } from 'vitest';

import { checkMatrixRow, matrixCases } from '../support/mcp-matrix.js';

describe('disable_user permission matrix', () => {
  it.each(matrixCases('disable_user'))(
    '$mode mode, $token token, $role target',
    checkMatrixRow,
  );
});
