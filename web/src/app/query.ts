import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';

/** The one cache of server data, for the public pages and the console alike. */
export const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

/** An error of a query or mutation as an ApiError, whatever threw it. */
export const toApiError = (error: unknown): ApiError | undefined =>
  error == null ? undefined : error instanceof ApiError ? error : new ApiError(0, undefined);
