import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../app/query.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { listOutbox } from './api.ts';

/**
 * The development outbox: SMS and e-mail the platform sent, where no gateway is configured. The
 * server offers it only when DEV_OUTBOX is on (by default only on the embedded database).
 */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const outbox = useQuery({ queryKey: ['outbox'], queryFn: listOutbox });
  const items = outbox.data?.items;
  const error = toApiError(outbox.error);
  return (
    <>
      <h1 className="page-title">{t('outbox.title')}</h1>
      <p className="hint">{t('outbox.hint')}</p>
      <ErrorNotice error={error} />
      {items?.length === 0 && <p className="notice">{t('outbox.empty')}</p>}
      <ul className="outbox">
        {items?.map((m) => (
          <li key={m.id}>
            <strong>
              {m.channel} → {m.recipient}
            </strong>{' '}
            <span className="hint">
              {new Date(m.createdAt).toLocaleString(i18n.language === 'en' ? 'en' : 'zh-CN')} · {m.state}
            </span>
            <div>{m.subject ? `${m.subject} — ${m.body}` : m.body}</div>
          </li>
        ))}
      </ul>
    </>
  );
}
