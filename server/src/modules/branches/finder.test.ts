import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureHundredths, writeHundredths } from './finder.ts';

describe('the finder’s answer text', () => {
  it('writes a distance in hundredths as JavaScript prints the number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 8 }), (value, at) => {
        const out = Buffer.alloc(32, 0x20);
        const end = writeHundredths(out, at, value);
        expect(out.toString('latin1', at, end)).toBe(String(value / 100));
        // The answer is sized from this count before it is written.
        expect(measureHundredths(value)).toBe(end - at);
      }),
      { numRuns: 2000 },
    );
    for (const [value, text] of [
      [0, '0'],
      [7, '0.07'],
      [70, '0.7'],
      [150, '1.5'],
      [1234, '12.34'],
      [1000, '10'],
    ] as const) {
      const out = Buffer.alloc(16);
      expect(out.toString('latin1', 0, writeHundredths(out, 0, value))).toBe(text);
    }
  });
});
