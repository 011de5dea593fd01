import { validateMobile } from './mobile.ts';
import { validateResidentId } from './resident-id.ts';
import type { ValidationResult } from './result.ts';
import { validateUscc } from './uscc.ts';

export { validateMobile } from './mobile.ts';
export { validateResidentId } from './resident-id.ts';
export type { InvalidReason, ValidationResult } from './result.ts';
export { validateUscc } from './uscc.ts';

/** The kinds of value the platform validates, by the name the CLI and API use. */
export const VALIDATORS: Record<ValueKind, (value: string) => ValidationResult> = {
  'resident-id': (v) => validateResidentId(v),
  uscc: validateUscc,
  mobile: validateMobile,
};
export type ValueKind = 'resident-id' | 'uscc' | 'mobile';
export const VALUE_KINDS = Object.keys(VALIDATORS) as ValueKind[];
