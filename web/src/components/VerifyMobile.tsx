import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../api/useAction.ts';
import { sendSmsCode, verifySmsCode } from './api.ts';
import { ErrorNotice } from './ErrorNotice.tsx';
import { checkMobile, FieldError, requireValue, useFieldErrors } from './fieldErrors.tsx';

/** SMS-code verification of a mobile number: two steps in one form, errors in the chosen language. */
export function VerifyMobile({ onVerified }: { onVerified: (mobile: string, masked: string) => void }) {
  const { t } = useTranslation();
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const { run, busy, error } = useAction();
  const errors = useFieldErrors(error);

  return (
    <form
      className="big-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!errors.check(sent ? [requireValue('code', code)] : [checkMobile('mobile', mobile)])) return;
        void run(async () => {
          if (!sent) {
            await sendSmsCode({ mobile });
            setSent(true);
          } else {
            const r = await verifySmsCode({ mobile, code });
            onVerified(mobile.trim(), r.mobile);
          }
        });
      }}
    >
      <label htmlFor="mobile">{t('verify.mobile')}</label>
      <input
        id="mobile"
        inputMode="tel"
        autoComplete="tel"
        value={mobile}
        onChange={(e) => setMobile(e.target.value)}
        required
        disabled={sent}
        {...errors.inputProps('mobile')}
      />
      <FieldError name="mobile" errors={errors} />
      {sent && (
        <>
          <p className="notice notice-ok" role="status">
            {t('verify.sent')}
          </p>
          <label htmlFor="code">{t('verify.code')}</label>
          <input
            id="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
            {...errors.inputProps('code')}
          />
          <FieldError name="code" errors={errors} />
        </>
      )}
      <ErrorNotice error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {sent ? t('verify.submit') : t('verify.send')}
      </button>
    </form>
  );
}
