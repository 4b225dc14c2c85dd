import { arrayLiteral, copyJson, copyValue } from './copy-in';

describe('COPY text format', () => {
  it('writes null as \\N and escapes backslash, tab, newline and CR', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue(42)).toBe('42');
    expect(copyValue('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyValue('\\N')).toBe('\\\\N'); // the text "\N", not a null
  });

  it('quotes every array element, escaping its quotes and backslashes', () => {
    expect(arrayLiteral([])).toBe('{}');
    expect(arrayLiteral(['a', 'NULL', 'b,c', '{d}', 'say "x"', 'c:\\'])).toBe('{"a","NULL","b,c","{d}","say \\"x\\"","c:\\\\"}');
  });

  it('doubles only the backslashes of JSON text (JSON.stringify escapes tabs and newlines itself)', () => {
    const json = JSON.stringify({ q: 'a "b"\tc\nd\\e' });
    expect(copyJson(json)).toBe(json.replace(/\\/g, '\\\\'));
    expect(copyJson(json)).not.toMatch(/[\t\n\r]/);
    expect(copyJson('{"a":1}')).toBe('{"a":1}');
  });
});
