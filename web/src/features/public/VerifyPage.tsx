import { describeRequestStatus, formatShanghaiTime, REQUEST_KIND_LABELS } from '@shouhu/common';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { VerifyMobile } from '../../components/VerifyMobile.tsx';
import { listMyRequests } from './api.ts';

/** The verification page: after it, the citizen sees their own requests of every kind for 30 minutes. */
export function VerifyPage() {
  const { t } = useTranslation();
  const [verified, setVerified] = useState<string>();
  // Verified a moment ago (asking for a visit, say): the list shows at once, without a second code.
  const already = useQuery({ queryKey: ['my-requests'], queryFn: listMyRequests, retry: false });
  if (verified || already.data)
    return (
      <>
        {verified && <p className="notice notice-ok">{t('verify.done', { mobile: verified })}</p>}
        <MyRequests />
      </>
    );
  if (already.isPending) return null;
  return (
    <>
      <h1 className="page-title">{t('verify.title')}</h1>
      <VerifyMobile
        onVerified={(_mobile, masked) => {
          setVerified(masked);
          void already.refetch();
        }}
      />
    </>
  );
}

/** "My requests": home visits, video sessions and every later kind, newest first, each with its progress. */
function MyRequests() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const mine = useQuery({ queryKey: ['my-requests'], queryFn: listMyRequests });
  const items = mine.data?.items;
  return (
    <section aria-labelledby="mine-title">
      <h2 id="mine-title">{t('mine.title')}</h2>
      {items?.length === 0 && <p className="notice">{t('mine.empty')}</p>}
      <ul className="request-list">
        {items?.map((r) => (
          <li key={r.reference} data-testid="my-request">
            <p className="request-status">
              {REQUEST_KIND_LABELS[r.kind]?.[lang] ?? r.kind}：{describeRequestStatus(r.kind, r.status, lang)}
            </p>
            <p>{r.reference}</p>
            {r.institution && <p>{r.institution}</p>}
            {r.scheduledAt && <p>{formatShanghaiTime(r.scheduledAt)}</p>}
            <Link to={`/track?reference=${r.reference}`}>{t('mine.track')}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
