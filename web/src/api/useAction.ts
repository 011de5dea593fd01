import { useMutation } from '@tanstack/react-query';
import { toApiError } from '../app/query.ts';

/**
 * A user action against the API, as a TanStack Query mutation: a busy flag while it runs, and its
 * error as an ApiError. For forms whose steps are several calls in sequence.
 */
export function useAction() {
  const mutation = useMutation({ mutationFn: (fn: () => Promise<void>) => fn() });
  return {
    run: (fn: () => Promise<void>) => mutation.mutateAsync(fn).catch(() => undefined),
    busy: mutation.isPending,
    error: toApiError(mutation.error),
  };
}
