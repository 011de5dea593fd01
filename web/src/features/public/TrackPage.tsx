import { describeRequestStatus, formatShanghaiTime, REQUEST_KIND_LABELS, type TrackAnswer } from '@shouhu/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAction } from '../../api/useAction.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { checkMobile, FieldError, requireValue, useFieldErrors } from '../../components/fieldErrors.tsx';
import { trackReference } from './api.ts';

/** Follow a request by its reference number and the mobile it was made with, without an account. */
export function TrackPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [params] = useSearchParams();
  const [reference, setReference] = useState(params.get('reference') ?? '');
  const [mobile, setMobile] = useState('');
  const [answer, setAnswer] = useState<TrackAnswer>();
  const { run, error } = useAction();
  const errors = useFieldErrors(error);

  return (
    <>
      <h1 className="page-title">{t('track.title')}</h1>
      <form
        className="big-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setAnswer(undefined);
          if (!errors.check([requireValue('reference', reference), checkMobile('mobile', mobile)])) return;
          void run(async () => setAnswer(await trackReference(reference.trim(), mobile.trim())));
        }}
      >
        <label htmlFor="reference">{t('track.reference')}</label>
        <input
          id="reference"
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          required
          maxLength={40}
          {...errors.inputProps('reference')}
        />
        <FieldError name="reference" errors={errors} />
        <p className="hint">{t('track.hint')}</p>
        <label htmlFor="mobile">{t('track.mobile')}</label>
        <input
          id="mobile"
          inputMode="tel"
          autoComplete="tel"
          value={mobile}
          onChange={(e) => setMobile(e.target.value)}
          required
          maxLength={20}
          {...errors.inputProps('mobile')}
        />
        <FieldError name="mobile" errors={errors} />
        <ErrorNotice error={error} />
        {answer && (
          <div className="notice notice-ok" role="status">
            <p className="reference">{describeRequestStatus(answer.kind, answer.status, en ? 'en' : 'zh')}</p>
            <p>
              {REQUEST_KIND_LABELS[answer.kind]?.[en ? 'en' : 'zh']} {answer.reference}
            </p>
            {answer.institution && (
              <p>
                {t('track.institution')}: {answer.institution}
              </p>
            )}
            {answer.scheduledAt && (
              <p>
                {t(answer.kind === 'home_visit' ? 'track.scheduled' : 'track.slot')}: {formatShanghaiTime(answer.scheduledAt)}
              </p>
            )}
          </div>
        )}
        <button type="submit" className="primary">
          {t('track.submit')}
        </button>
      </form>
    </>
  );
}
