import { describe, it } from 'vitest';

import { checkMatrixRow, matrixCases } from '../support/mcp-matrix.js';

describe('isolate_host permission matrix', () => {
  it.each(matrixCases('isolate_host'))(
    '$mode mode, $token token, $role target',
    checkMatrixRow,
  );
});
