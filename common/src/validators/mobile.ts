import { fail, ok, type ValidationResult } from './result.ts';

const SEPARATORS = /[\s\-()]/g;
const COUNTRY_PREFIX = /^(\+86|0086)/;

/** Validates a mainland mobile number; returns the bare 11 digits. */
export function validateMobile(input: string): ValidationResult {
  const value = input.replace(SEPARATORS, '').replace(COUNTRY_PREFIX, '');
  if (!/^\d+$/.test(value)) return fail('format');
  if (value.length !== 11) return fail('length');
  if (value[0] !== '1' || value.charCodeAt(1) < 51 /* '3' */) return fail('format');
  return ok(value);
}
