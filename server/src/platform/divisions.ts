import { findStreet } from '@shouhu/common';
import { AppError } from '../errors.ts';

/** The street or town of a code, or street.unknown naming the request's field: one fault, one code, in every module. */
export function requireStreet(code: string, field = 'streetCode') {
  const street = findStreet(code);
  if (!street) throw new AppError('street.unknown', { field });
  return street;
}
