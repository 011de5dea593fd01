import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

const ISSUER = 'Shouhu 守沪';

export function createTotpSecret(): string {
  return generateSecret();
}

export async function describeTotpEnrolment(secret: string, username: string): Promise<{ uri: string; qrSvg: string }> {
  const uri = generateURI({ issuer: ISSUER, label: username, secret });
  return { uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) };
}

/**
 * Checks a 6-digit code with ±30 s of clock drift. A code is accepted once: `afterTimeStep` is
 * the last step used, so a replayed code fails.
 */
export async function verifyTotp(
  secret: string,
  code: string,
  afterTimeStep: number | null,
): Promise<{ valid: boolean; timeStep?: number }> {
  if (!/^\d{6}$/.test(code)) return { valid: false };
  try {
    const result = await verify({ secret, token: code, epochTolerance: 30, ...(afterTimeStep === null ? {} : { afterTimeStep }) });
    return result.valid ? { valid: true, timeStep: (result as { timeStep?: number }).timeStep } : { valid: false };
  } catch {
    return { valid: false };
  }
}

/** Ten single-use recovery codes (shown once) and their hashes (stored). High entropy: a plain hash suffices. */
export function createRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: 10 }, () => {
    const raw = randomBytes(5).toString('hex');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase()).digest('hex');
}
