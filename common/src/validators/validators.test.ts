import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateMobile, validateResidentId, validateUscc } from '../index.ts';

// Published vectors, with where each comes from. Two independent implementations per kind.
// [A] python-stdnum (arthurdejong/python-stdnum): stdnum/cn/ric.py and stdnum/cn/uscc.py doctests, tests/test_cn_ric.py.
// [B] Hutool (dromara/hutool): IdcardUtilTest.java and CreditCodeUtilTest.java.
// [C] id-validator (jxlwqq/id-validator.py) README: residence-permit sample numbers published by the Beijing police.
// [D] libphonenumber (google/libphonenumber) metadata: the example number for Chinese mobiles.
describe('validateResidentId', () => {
  it.each([
    ['360426199101010071', 'A'],
    ['354133198209290022', 'A'],
    ['341617198002120424', 'A'],
    ['45883019880120031X', 'A'],
    ['321083197812162119', 'B'],
    ['440308199901101512', 'C'],
    ['810000199408230021', 'C (Hong Kong / Macau residence permit)'],
    ['830000199201300022', 'C (Taiwan residence permit)'],
  ])('accepts %s [%s]', (id) => {
    expect(validateResidentId(id)).toEqual({ valid: true, normalized: id });
  });

  it.each([
    ['486268198802140611', 'region', 'A: passes the checksum, but 48 is no province'],
    ['38064219921117061X', 'region', 'A: passes the checksum, but 38 is no province'],
    ['150102880730303', 'length', 'B: a 15-digit first-generation number'],
    ['201511221897205960', 'region', 'B: 20 is no province'],
  ])('refuses %s as %s (%s)', (id, reason) => {
    expect(validateResidentId(id)).toEqual({ valid: false, reason });
  });

  it('accepts abolished Shanghai county codes (Nanshi 310103, Nanhui 310119, Zhabei 310108, Chongming county 310230)', () => {
    for (const county of ['310103', '310108', '310119', '310230']) {
      const id = withCheckChar(`${county}19500101001`);
      expect(validateResidentId(id).valid).toBe(true);
    }
  });

  it('normalises a lower-case x and surrounding spaces', () => {
    expect(validateResidentId(' 45883019880120031x ')).toEqual({ valid: true, normalized: '45883019880120031X' });
  });

  it('refuses a foreigner’s permanent-residence number (first digit 9) as region', () => {
    expect(validateResidentId(withCheckChar('93310019800101001')).valid).toBe(false);
    expect(validateResidentId(withCheckChar('93310019800101001'))).toEqual({ valid: false, reason: 'region' });
  });

  it('refuses impossible and future birth dates', () => {
    expect(validateResidentId(withCheckChar('31010119990230001'))).toEqual({ valid: false, reason: 'birthdate' });
    expect(validateResidentId(withCheckChar('31010120230229001'))).toEqual({ valid: false, reason: 'birthdate' });
    expect(validateResidentId(withCheckChar('31010120000229001')).valid).toBe(true);
    const now = new Date('2026-01-01T00:00:00Z');
    expect(validateResidentId(withCheckChar('31010120260102001'), now)).toEqual({ valid: false, reason: 'birthdate' });
    // 2026-01-01 08:00 in Shanghai is already the 1st there: a baby born that day is valid.
    expect(validateResidentId(withCheckChar('31010120260101001'), now).valid).toBe(true);
  });

  it('refuses letters in the body and a wrong check character', () => {
    expect(validateResidentId('3101011990010100AX')).toEqual({ valid: false, reason: 'format' });
    expect(validateResidentId('360426199101010072')).toEqual({ valid: false, reason: 'checksum' });
  });

  it('finds every single-character change of a valid number (property)', () => {
    const base = '360426199101010071';
    fc.assert(
      fc.property(fc.integer({ min: 14, max: 17 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const digit = (Number(base[pos]) + delta) % 10;
        const changed = `${base.slice(0, pos)}${digit}${base.slice(pos + 1)}`;
        return validateResidentId(changed).valid === false;
      }),
    );
  });
});

describe('validateUscc', () => {
  it.each([
    ['91110000600037341L', 'A'],
    ['91310110666007217T', 'B'],
  ])('accepts %s [%s]', (code) => {
    expect(validateUscc(code)).toEqual({ valid: true, normalized: code });
  });

  it('normalises spaces, hyphens and case [A]', () => {
    expect(validateUscc('9 1 110000 600037341L')).toEqual({ valid: true, normalized: '91110000600037341L' });
    expect(validateUscc('91110000-600037341l')).toEqual({ valid: true, normalized: '91110000600037341L' });
  });

  it.each([
    ['12345', 'length', 'A'],
    ['91110000600037341I', 'format', 'I is not in the code alphabet'],
    ['9111000060003734SL', 'format', 'S is not in the code alphabet'],
    ['91350211M00013FA1N', 'checksum', 'B: an early pilot code that breaks the standard'],
    ['91110000600037341M', 'checksum', 'A with the check character changed'],
  ])('refuses %s as %s (%s)', (code, reason) => {
    expect(validateUscc(code)).toEqual({ valid: false, reason });
  });
});

describe('validateMobile', () => {
  it.each(['13123456789', '+86 131 2345 6789', '0086-131-2345-6789', '19912345678'])('accepts %s', (m) => {
    expect(validateMobile(m).valid).toBe(true);
  });
  it('returns the bare 11 digits [D]', () => {
    expect(validateMobile('+86 131-2345-6789')).toEqual({ valid: true, normalized: '13123456789' });
  });
  it.each([
    ['1312345678', 'length'],
    ['131234567890', 'length'],
    ['12123456789', 'format'],
    ['23123456789', 'format'],
    ['1312345678a', 'format'],
    ['', 'format'],
  ])('refuses %s as %s', (m, reason) => {
    expect(validateMobile(m)).toEqual({ valid: false, reason });
  });
});

/** Completes 17 digits with the GB 11643 check character (test fixture builder). */
function withCheckChar(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * (weights[i] as number), 0);
  return body + '10X98765432'[sum % 11];
}
