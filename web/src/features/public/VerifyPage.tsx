import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VerifyMobile } from '../../components/VerifyMobile.tsx';

/** The verification page: after it, the citizen's own requests can be seen for 30 minutes. */
export function VerifyPage() {
  const { t } = useTranslation();
  const [verified, setVerified] = useState<string>();
  if (verified) return <p className="notice notice-ok">{t('verify.done', { mobile: verified })}</p>;
  return (
    <>
      <h1 className="page-title">{t('verify.title')}</h1>
      <VerifyMobile onVerified={(_mobile, masked) => setVerified(masked)} />
    </>
  );
}
