import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreamDecoder, detectEncoding, scoreUtf8 } from './decode.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

/** cp1252 bytes for a string of Latin-1 characters plus the euro sign. */
function cp1252(text: string): Buffer {
  return Buffer.from([...text].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));
}

function decodeInPieces(
  data: Uint8Array,
  size: number,
  head = data.length,
): { text: string; decoder: ReturnType<typeof createStreamDecoder> } {
  const decoder = createStreamDecoder(detectEncoding(data.subarray(0, head)));
  let text = '';
  for (let i = 0; i < data.length; i += size) text += decoder.decode(data.subarray(i, i + size));
  return { text: text + decoder.end(), decoder };
}

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detectEncoding(bytes([0xef, 0xbb, 0xbf], 'a'))).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(detectEncoding(bytes([0xff, 0xfe, 0x61, 0]))).toMatchObject({ encoding: 'utf-16le', bom: true });
    expect(detectEncoding(bytes([0xfe, 0xff, 0, 0x61]))).toMatchObject({ encoding: 'utf-16be', bom: true });
  });

  it('finds BOM-less UTF-16 from the NUL in every other byte', () => {
    expect(detectEncoding(Buffer.from('email,name\nann@x.it,Ann\n', 'utf16le')).encoding).toBe('utf-16le');
    const be = Buffer.from('email,name\nann@x.it,Ann\n', 'utf16le').swap16();
    expect(detectEncoding(be).encoding).toBe('utf-16be');
  });

  it('tells UTF-8 from windows-1252 by the validity of multibyte sequences', () => {
    expect(detectEncoding(bytes('città,Müller,€5\n')).encoding).toBe('utf-8');
    expect(detectEncoding(cp1252('città,Müller,Straße,€5\n')).encoding).toBe('windows-1252');
    expect(detectEncoding(bytes('plain ascii\n'))).toMatchObject({ encoding: 'utf-8', tentative: true });
    // Many good sequences and one stray byte: still UTF-8, the byte becomes U+FFFD.
    expect(detectEncoding(bytes('é'.repeat(40), [0xe9], '\n')).encoding).toBe('utf-8');
  });

  it('ignores a multibyte character cut at the end of the head', () => {
    expect(scoreUtf8(bytes('abc', [0xc3]))).toEqual({ valid: 0, invalid: 0 });
    expect(scoreUtf8(bytes('é', [0xff]))).toEqual({ valid: 1, invalid: 1 });
  });
});

describe('createStreamDecoder', () => {
  it('decodes cp1252 bytes into the right characters', () => {
    const { text } = decodeInPieces(cp1252('città;Müller;Straße;€5\n'), 4);
    expect(text).toBe('città;Müller;Straße;€5\n');
  });

  it('strips the BOM and decodes UTF-16 across odd chunk boundaries', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('né,ü\n', 'utf16le')]);
    expect(decodeInPieces(le, 3).text).toBe('né,ü\n');
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('né,ü\n', 'utf16le').swap16()]);
    expect(decodeInPieces(be, 1).text).toBe('né,ü\n');
    expect(decodeInPieces(bytes([0xef, 0xbb, 0xbf], 'a,b\n'), 2).text).toBe('a,b\n');
  });

  it('counts invalid UTF-8 found later in a UTF-8 file instead of failing', () => {
    const data = bytes('é,b\n'.repeat(10), [0xff, 0xfe], '\n');
    const { text, decoder } = decodeInPieces(data, 5, 40);
    expect(text.endsWith('\uFFFD\uFFFD\n')).toBe(true);
    expect(decoder.replacements()).toBe(2);
    expect(decoder.encoding()).toBe('utf-8');
  });

  it('switches a tentative UTF-8 to windows-1252 losslessly at the first legacy bytes', () => {
    const data = Buffer.concat([bytes('a,b\n'.repeat(100)), cp1252('Müller,€\n')]);
    const decoder = createStreamDecoder(detectEncoding(data.subarray(0, 64)));
    let text = '';
    for (let i = 0; i < data.length; i += 64) text += decoder.decode(data.subarray(i, i + 64));
    text += decoder.end();
    expect(text).toBe(`${'a,b\n'.repeat(100)}Müller,€\n`);
    expect(decoder.encoding()).toBe('windows-1252');
    expect(decoder.switchedAt()).toBe(384);
    expect(decoder.replacements()).toBe(0);
  });

  it('decodes UTF-8 identically whatever the chunking (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.integer({ min: 1, max: 9 }),
        (s, size) => {
          const data = Buffer.from(`é${s}`, 'utf8');
          expect(decodeInPieces(data, size).text).toBe(`é${s}`);
        },
      ),
      { numRuns: 200 },
    );
  });
});
