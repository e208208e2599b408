import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bitLiteralValue,
  decodeCopyField,
  decodeMysqlString,
  decodePgEscapeString,
  hexLiteralValue,
  numberValue,
} from './sql-values.js';

describe('SQL literal decoding', () => {
  it('decodes MySQL escapes and doubled quotes', () => {
    expect(decodeMysqlString("a\\'b''c\\\\d\\%\\_\\x\\Z", "'")).toBe("a'b'c\\d\\%\\_x\x1a");
    expect(decodeMysqlString('plain', "'")).toBe('plain');
  });

  it('decodes PostgreSQL E-strings, with byte escapes read as UTF-8', () => {
    expect(decodePgEscapeString("it''s \\303\\251 \\xC3\\xA9 \\u00e8 \\U0001F389 \\q")).toBe(
      "it's é é è 🎉 q",
    );
  });

  it('decodes COPY text fields', () => {
    expect(decodeCopyField('\\N')).toBeNull();
    expect(decodeCopyField('a\\tb\\nc\\\\d\\101\\x42')).toBe('a\tb\nc\\dAB');
    expect(decodeCopyField('trailing\\')).toBe('trailing\\');
  });

  it('turns hex into text only when printable, bits into numbers', () => {
    expect(hexLiteralValue('4A6F686E')).toBe('John');
    expect(hexLiteralValue('C3A9')).toBe('é');
    expect(hexLiteralValue('00FF')).toBe('0x00FF');
    expect(hexLiteralValue('ABC')).toBe('0xABC');
    expect(numberValue('0x4A6F')).toBe('Jo');
    expect(numberValue('0b101')).toBe('5');
    expect(numberValue('12345678901234567890')).toBe('12345678901234567890');
    expect(bitLiteralValue('0101')).toBe('5');
    expect(bitLiteralValue('')).toBe('0');
  });

  it('never throws on arbitrary bodies', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), (raw) => {
        decodeMysqlString(raw, "'");
        decodePgEscapeString(raw);
        decodeCopyField(raw);
        hexLiteralValue(raw);
        bitLiteralValue(raw);
        numberValue(`0x${raw}`);
      }),
    );
  });
});
