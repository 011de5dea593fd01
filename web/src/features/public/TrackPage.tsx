import type { TrackAnswer } from '@shouhu/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';

/** Follow a request by its reference number, without an account. */
export function TrackPage() {
  const { t, i18n } = useTranslation();
  const [reference, setReference] = useState('');
  const [answer, setAnswer] = useState<TrackAnswer>();
  const [error, setError] = useState<ApiError>();

  return (
    <>
      <h1 className="page-title">{t('track.title')}</h1>
      <form
        className="big-form"
        onSubmit={(e) => {
          e.preventDefault();
          setError(undefined);
          setAnswer(undefined);
          api<TrackAnswer>(`/api/v1/public/track/${encodeURIComponent(reference.trim())}`)
            .then(setAnswer)
            .catch((err) => setError(err instanceof ApiError ? err : new ApiError(0, undefined)));
        }}
      >
        <label htmlFor="reference">{t('track.reference')}</label>
        <input id="reference" value={reference} onChange={(e) => setReference(e.target.value)} required maxLength={40} />
        <p className="hint">{t('track.hint')}</p>
        {error && (
          <p className="notice notice-error" role="alert">
            {error.describe(i18n.language)}
          </p>
        )}
        {answer && (
          <p className="notice notice-ok" role="status">
            {answer.reference}: {answer.status}
          </p>
        )}
        <button type="submit" className="primary">
          {t('track.submit')}
        </button>
      </form>
    </>
  );
}
