import { describe, expect, it } from 'vitest';

import { escapeHtml, sanitizeText } from '../../src/text/index.js';

describe('sanitizeText', () => {
  it.each([
    ['color escape', 'admin\u001b[31mRED\u001b[0m', 'adminRED'],
    ['title escape', 'x\u001b]0;pwned\u0007y', 'xy'],
    ['cursor movement', 'ok\u001b[2K\u001b[1Afake', 'okfake'],
    ['bell and backspace', 'a\u0007b\u0008c', 'abc'],
    ['bidi override', 'invoice\u202egpj.exe', 'invoicegpj.exe'],
    ['zero width space', 'ad\u200bmin', 'admin'],
    ['8-bit CSI', 'a\u009b31mb', 'ab'],
  ])('strips %s', (_name, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });

  it('caps length with an ellipsis', () => {
    const text = sanitizeText('x'.repeat(50), { maxLength: 10 });
    expect(text).toHaveLength(10);
    expect(text.endsWith('…')).toBe(true);
  });

  it('folds newlines in single-line mode', () => {
    expect(sanitizeText('a\nb\tc', { singleLine: true })).toBe('a b c');
    expect(sanitizeText('a\nb')).toBe('a\nb');
  });

  it('renders non-strings safely', () => {
    expect(sanitizeText(null)).toBe('');
    expect(sanitizeText(42)).toBe('42');
    expect(sanitizeText({ a: 1 })).toBe('{"a":1}');
  });
});

describe('escapeHtml', () => {
  it('escapes markup characters', () => {
    expect(escapeHtml(`<script>alert("x")</script>&'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;',
    );
  });
});
