import { PROVINCE_CODES } from '../divisions/provinces.generated.ts';
import { fail, ok, type ValidationResult } from './result.ts';

// GB 11643-1999: weights are 2^(17-i) mod 11; the check character is indexed by the sum mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
// Residence permits for Hong Kong (81), Macau (82) and Taiwan (83) residents use the same layout.
const PERMIT_CODES = ['81', '82', '83'];
const ACCEPTED_REGIONS = new Set([...PROVINCE_CODES.map((p) => p.code), ...PERMIT_CODES]);
const SHAPE = /^\d{17}[\dX]$/;
const EARLIEST_BIRTH_YEAR = 1900;

/** A date as YYYYMMDD in the business time zone (UTC+8, no daylight saving). */
function toShanghaiDay(ms: number): number {
  const d = new Date(ms + 8 * 3600_000);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

// Bulk validation checks millions of values: compute "today" once a minute, not once a value.
let today = { day: 0, until: 0 };
function currentShanghaiDay(): number {
  const ms = Date.now();
  if (ms >= today.until) today = { day: toShanghaiDay(ms), until: ms + 60_000 };
  return today.day;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (days[month - 1] as number);
}

/**
 * Validates a resident ID number (GB 11643). Only the province is checked, not the county:
 * people keep the county code they were born with even after the county is abolished.
 */
export function validateResidentId(input: string, now?: Date): ValidationResult {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return fail('length');
  if (!SHAPE.test(value)) return fail('format');
  if (!ACCEPTED_REGIONS.has(value.slice(0, 2))) return fail('region');
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (year < EARLIEST_BIRTH_YEAR || !isCalendarDate(year, month, day)) return fail('birthdate');
  if (year * 10000 + month * 100 + day > (now ? toShanghaiDay(now.getTime()) : currentShanghaiDay())) return fail('birthdate');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (value.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  if (CHECK_CHARS[sum % 11] !== value[17]) return fail('checksum');
  return ok(value);
}
