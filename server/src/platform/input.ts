import type { FieldReason } from '@shouhu/common';

type Problem = { field: string; reason: FieldReason };

// NUL cannot be stored in PostgreSQL text or jsonb; a lone surrogate has no UTF-8 form. Either
// one in a single request failed every other request written in the same batch.
const NUL = '\u0000';

/** Why a string cannot be stored, or null when it can. */
export function explainUnstorableText(text: string): 'contains_nul' | 'unpaired_surrogate' | null {
  if (text.includes(NUL)) return 'contains_nul';
  if (!text.isWellFormed()) return 'unpaired_surrogate';
  return null;
}

/**
 * The first value of a parsed request part that no column can hold — a string with NUL or a lone
 * surrogate, a number that is not finite (JSON's 1e999 parses as Infinity) — with its field path
 * in the form validation errors use (`body.windows.0.from`).
 */
export function findUnstorableValue(value: unknown, path: string, depth = 0): Problem | undefined {
  if (typeof value === 'string') {
    const reason = explainUnstorableText(value);
    return reason ? { field: path, reason } : undefined;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { field: path, reason: 'not_finite' };
  // Parsed JSON nests only as deep as the body limit allows; 64 levels is beyond any schema here.
  if (value === null || typeof value !== 'object' || depth > 64 || Buffer.isBuffer(value)) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const keyProblem = explainUnstorableText(key);
    if (keyProblem) return { field: path, reason: keyProblem };
    const problem = findUnstorableValue(inner, `${path}.${key}`, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}
