import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane): the library's defaults.
const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

/** Why a new password is refused, or null when it is acceptable. */
export function checkPasswordPolicy(password: string, username?: string): 'too_short' | 'too_long' | 'common' | 'contains_username' | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if ([...password].length > MAX_PASSWORD_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'common';
  if (username && username.length >= 4 && lower.includes(username.toLowerCase())) return 'contains_username';
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
