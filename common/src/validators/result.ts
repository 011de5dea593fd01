/** Why a value was refused. Stable codes: the CLI prints them, the API returns them. */
export type InvalidReason = 'length' | 'format' | 'region' | 'birthdate' | 'checksum';

export type ValidationResult = { valid: true; normalized: string } | { valid: false; reason: InvalidReason };

export const ok = (normalized: string): ValidationResult => ({ valid: true, normalized });
export const fail = (reason: InvalidReason): ValidationResult => ({ valid: false, reason });
