import { describeFieldProblem, type FieldProblemInput, validateMobile } from '@shouhu/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client.ts';

/** A required value left empty, as a field problem. */
export const requireValue = (field: string, value: string): FieldProblemInput | undefined =>
  value.trim() === '' ? { field, reason: 'required' } : undefined;

/** A mobile number that is empty or not a mainland mobile, as a field problem. */
export function checkMobile(field: string, value: string): FieldProblemInput | undefined {
  const result = validateMobile(value);
  return requireValue(field, value) ?? (result.valid ? undefined : { field, reason: result.reason });
}

/**
 * The field errors of a public form: its own checks before sending (the browser's bubbles are
 * English and small, so forms set noValidate) and the fields the server refused, each shown
 * beside its field in the reader's language by the same sentences the server uses.
 */
export function useFieldErrors(serverError: ApiError | undefined) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [problems, setProblems] = useState<FieldProblemInput[]>([]);
  const fromServer = serverError?.describeFields(i18n.language) ?? {};
  const messageOf = (name: string) => {
    const own = problems.find((p) => p.field === name);
    return own ? describeFieldProblem(own, lang) : fromServer[name];
  };
  return {
    /** Keeps the problems found; answers whether there were none (then the form may send). */
    check(found: (FieldProblemInput | undefined)[]): boolean {
      const real = found.filter((p): p is FieldProblemInput => p !== undefined);
      setProblems(real);
      return real.length === 0;
    },
    messageOf,
    /** What an input needs to be announced as wrong and to point at its message. */
    inputProps: (name: string) =>
      messageOf(name) ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` } : { 'aria-invalid': undefined },
  };
}
export type FieldErrors = ReturnType<typeof useFieldErrors>;

/** The message under a field, when it has one. */
export function FieldError({ name, errors }: { name: string; errors: FieldErrors }) {
  const message = errors.messageOf(name);
  if (!message) return null;
  return (
    <p id={`${name}-error`} className="field-error" role="alert">
      {message}
    </p>
  );
}
