import { describe, it } from 'vitest';

import { checkMatrixRow, matrixCases } from '../support/mcp-matrix.js';

describe('block_ip permission matrix', () => {
  it.each(matrixCases('block_ip'))(
    '$mode mode, $token token, $role target',
    checkMatrixRow,
  );
});
