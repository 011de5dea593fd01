/**
 * Masking rules for personal data on every screen and in every API answer. Revealing the full
 * value is a separate, permissioned and audited act.
 */

/** Mobile: first 3 and last 4 digits (138****1234). */
export function maskMobile(mobile: string): string {
  if (mobile.length < 8) return '*'.repeat(mobile.length);
  return `${mobile.slice(0, 3)}${'*'.repeat(mobile.length - 7)}${mobile.slice(-4)}`;
}

/**
 * Resident ID: at most the first 6 (birthplace) and last 4 characters; an installation may show
 * fewer (`keepStart`, `keepEnd`), never more.
 */
export function maskResidentId(id: string, keepStart = 6, keepEnd = 4): string {
  const start = Math.min(Math.max(0, keepStart), 6);
  const end = Math.min(Math.max(0, keepEnd), 4);
  if (id.length <= start + end) return '*'.repeat(id.length);
  return `${id.slice(0, start)}${'*'.repeat(id.length - start - end)}${end > 0 ? id.slice(-end) : ''}`;
}

/** Name: the first character kept (张**). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

/** Address: the first 6 characters (district and street, usually) kept. */
export function maskAddress(address: string): string {
  const chars = [...address];
  return chars.length <= 6 ? '*'.repeat(chars.length) : `${chars.slice(0, 6).join('')}****`;
}

/** Account or card number: the last 4 digits. */
export function maskAccount(account: string): string {
  return account.length <= 4 ? '*'.repeat(account.length) : `****${account.slice(-4)}`;
}

/** E-mail address: the first character of the name and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}

export const PII_KINDS = ['name', 'mobile', 'residentId', 'address', 'account', 'email'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export function maskPii(kind: PiiKind, value: string): string {
  switch (kind) {
    case 'name':
      return maskName(value);
    case 'mobile':
      return maskMobile(value);
    case 'residentId':
      return maskResidentId(value);
    case 'address':
      return maskAddress(value);
    case 'account':
      return maskAccount(value);
    case 'email':
      return maskEmail(value);
  }
}
