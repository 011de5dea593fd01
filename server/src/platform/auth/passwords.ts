import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { DEMO_PASSWORD } from '../../modules/users/demo-password.ts';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane): the library's defaults.
const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;
/** zxcvbn's score (0–4) a new password must reach: 3 is "safely unguessable" for online attacks. */
export const MIN_PASSWORD_SCORE = 3;

// Repeats, sequences, keyboard walks, l33t spellings of dictionary words: zxcvbn finds them all.
const strength = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'published' | 'contains_username' | 'weak';

/** Why a new password is refused, or null when it is acceptable. */
export function checkPasswordPolicy(password: string, username?: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if ([...password].length > MAX_PASSWORD_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'common';
  // Printed in the README and at every demo start: no one may keep it.
  if (password === DEMO_PASSWORD) return 'published';
  if (username && username.length >= 4 && lower.includes(username.toLowerCase())) return 'contains_username';
  if (strength.check(password, username ? [username] : []).score < MIN_PASSWORD_SCORE) return 'weak';
  return null;
}

export const hashPassword = (password: string): Promise<string> => hash(password);

export const verifyPassword = (passwordHash: string, password: string): Promise<boolean> =>
  verify(passwordHash, password).catch(() => false);

/** Compared against when the user does not exist, so both paths take the same time. */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hash('shouhu-no-such-user-placeholder');
  await verifyPassword(await dummyHash, password);
  return false;
}
