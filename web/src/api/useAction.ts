import { useMutation } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import i18next from 'i18next';
import { toApiError } from '../app/query.ts';
import type { ApiError } from './client.ts';

/**
 * Shows beside each field the server refused what is wrong with it, in the interface language.
 * Fields go by the request's names, or the form's where `formNames` maps them (a street picker
 * for `streetCode`).
 */
export function showFieldErrors(form: FormInstance, error: ApiError | undefined, formNames: Record<string, string> = {}) {
  const fields = error?.describeFields(i18next.language) ?? {};
  // A path inside a mapped field (weeklyHours.days.1.0.open) goes to that field (hours).
  const rename = (path: string) => {
    const key = Object.keys(formNames).find((k) => path === k || path.startsWith(`${k}.`));
    return key ? (formNames[key] as string) : path;
  };
  form.setFields(
    Object.entries(fields).map(([path, message]) => ({
      name: rename(path)
        .split('.')
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: [message],
    })),
  );
}

/**
 * A user action against the API, as a TanStack Query mutation: a busy flag while it runs, and its
 * error as an ApiError. For forms whose steps are several calls in sequence. Given the form, its
 * refused fields show their reasons (see showFieldErrors).
 */
export function useAction(form?: FormInstance, formNames?: Record<string, string>) {
  const mutation = useMutation({
    mutationFn: (fn: () => Promise<void>) => fn(),
    onError: (err) => form && showFieldErrors(form, toApiError(err), formNames),
  });
  return {
    run: (fn: () => Promise<void>) => mutation.mutateAsync(fn).catch(() => undefined),
    busy: mutation.isPending,
    error: toApiError(mutation.error),
  };
}
