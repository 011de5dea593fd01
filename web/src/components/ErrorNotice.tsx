import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client.ts';

/** An API error on the public pages, in the reader's language, announced to screen readers. */
export function ErrorNotice({ error }: { error: ApiError | undefined }) {
  const { i18n } = useTranslation();
  if (!error) return null;
  return (
    <p className="notice notice-error" role="alert">
      {error.describe(i18n.language)}
    </p>
  );
}
