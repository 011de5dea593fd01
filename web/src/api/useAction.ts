import { useState } from 'react';
import { ApiError } from './client.ts';

/** Runs a user action against the API: a busy flag while it runs, and its error as an ApiError. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  async function run(fn: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, undefined));
    } finally {
      setBusy(false);
    }
  }
  return { run, busy, error };
}
