/**
 * Sessions read in the last few seconds, so that a signed-in request does not always read its
 * session from the database (that read alone held any signed-in request to 0.4 of a bare insert).
 * Cleared at once in this process by whatever revokes a session or passes a second factor, and in
 * every process when the database's triggers on sessions and users announce a change that matters
 * (revoked, second factor, disabled, must change password, role) on SESSIONS_CHANNEL.
 */
export const SESSIONS_CHANNEL = 'shouhu_sessions';
const KEEP_MS = 5_000;
const MAX_ENTRIES = 50_000;

const entries = new Map<string, { value: unknown; until: number }>();

export function recallSession<T>(tokenHash: string): T | undefined {
  const entry = entries.get(tokenHash);
  if (!entry) return undefined;
  if (entry.until < Date.now()) {
    entries.delete(tokenHash);
    return undefined;
  }
  return entry.value as T;
}

export function rememberSession(tokenHash: string, value: unknown): void {
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(tokenHash, { value, until: Date.now() + KEEP_MS });
}

export function forgetSessions(): void {
  entries.clear();
}
