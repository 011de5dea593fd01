import { BULLETIN_ISSUER, describeBulletinIssue, formatChineseDate, todayInShanghai } from '@shouhu/common';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { toApiError } from '../../app/query.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { bulletinFileUrl, getPublishedBulletin, listPublishedBulletins } from './api.ts';

/** The regulator's published bulletins, latest first, each readable here and as PDF or Word. */
export function BulletinPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const published = useQuery({ queryKey: ['bulletins', 'public'], queryFn: listPublishedBulletins });
  const pick = id ?? published.data?.items[0]?.id;
  const picked = useQuery({ queryKey: ['bulletin', pick], queryFn: () => getPublishedBulletin(pick as string), enabled: Boolean(pick) });
  const bulletin = picked.data;
  return (
    <>
      <h1 className="page-title">{t('bul.public.title')}</h1>
      <ErrorNotice error={toApiError(published.error ?? picked.error)} />
      {published.data?.items.length === 0 && <p className="notice">{t('bul.none')}</p>}
      {bulletin && (
        <article className="bulletin">
          <p className="bulletin-issue">{describeBulletinIssue(bulletin)}</p>
          <h2>{bulletin.title}</h2>
          <p>
            {t('bul.public.download')}：<a href={bulletinFileUrl(bulletin.id, 'pdf')}>PDF</a> ·{' '}
            <a href={bulletinFileUrl(bulletin.id, 'docx')}>Word</a>
          </p>
          {bulletin.sections
            .filter((s) => s.text.trim())
            .map((s) => (
              <section key={s.key}>
                <h3>{s.heading}</h3>
                {s.text
                  .split('\n')
                  .filter((p) => p.trim())
                  .map((p) => (
                    <p key={p}>{p}</p>
                  ))}
              </section>
            ))}
          <p className="bulletin-sign">{BULLETIN_ISSUER}</p>
          {bulletin.publishedAt && <p className="bulletin-sign">{formatChineseDate(todayInShanghai(new Date(bulletin.publishedAt)))}</p>}
        </article>
      )}
      {(published.data?.items.length ?? 0) > 1 && (
        <ul className="bulletin-list">
          {published.data?.items.map((b) => (
            <li key={b.id}>
              <Link to={`/bulletins/${b.id}`}>
                {describeBulletinIssue(b)} {b.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
