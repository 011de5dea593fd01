import { fail, ok, type ValidationResult } from './result.ts';

// GB 32100-2015: 31 characters, without I, O, Z, S and V; weights 3^i mod 31.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SEPARATORS = /[\s-]/g;

/** Validates a unified social credit code; spaces and hyphens are dropped, letters upper-cased. */
export function validateUscc(input: string): ValidationResult {
  const value = input.replace(SEPARATORS, '').toUpperCase();
  if (value.length !== 18) return fail('length');
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const n = ALPHABET.indexOf(value[i] as string);
    if (n < 0) return fail('format');
    if (i < 17) sum += n * (WEIGHTS[i] as number);
  }
  if (ALPHABET[(31 - (sum % 31)) % 31] !== value[17]) return fail('checksum');
  return ok(value);
}
