/**
 * Public reference numbers (办理编号): a prefix per kind of request, the Shanghai date it was made,
 * and a number that never wraps or repeats (six digits, more once it outgrows them):
 * HV-20220415-000123. Citizens follow any of them at /track with the mobile they gave.
 */
export const REFERENCE_PATTERN = '^[A-Za-z]{2,4}-\\d{8}-\\d{6,12}$';

export function formatReference(prefix: string, date: string, n: number): string {
  return `${prefix}-${date.replaceAll('-', '')}-${String(n).padStart(6, '0')}`;
}

/** The prefix of a reference (HV, VS, …), upper case. */
export const prefixOfReference = (reference: string): string => (reference.split('-')[0] ?? '').toUpperCase();
