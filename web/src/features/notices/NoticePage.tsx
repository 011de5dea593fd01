import type { NoticeView } from '@shouhu/common';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { toApiError } from '../../app/query.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { getPublishedNotice, listPublishedNotices } from './api.ts';

/** The association's notice, latest version by default: by district, changes marked, files to download. */
export function NoticePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const published = useQuery({ queryKey: ['notices'], queryFn: listPublishedNotices });
  const versions = published.data?.items;
  // The version asked for, or the latest.
  const pick = id ?? versions?.[0]?.id;
  const picked = useQuery({ queryKey: ['notice', pick], queryFn: () => getPublishedNotice(pick as string), enabled: Boolean(pick) });
  const notice = picked.data;
  const error = toApiError(published.error ?? picked.error);

  // Against a previous version only: in the first, everything would be "new".
  const changed = new Set(notice?.changes.previousVersion ? [...notice.changes.closed, ...notice.changes.hoursChanged] : []);
  const districts = notice ? Map.groupBy(notice.entries, (e) => e.districtName) : new Map();
  return (
    <>
      <h1 className="page-title">{t('notice.title')}</h1>
      <ErrorNotice error={error} />
      {versions?.length === 0 && <p className="notice">{t('notice.none')}</p>}
      {notice && (
        <>
          <p>
            {notice.association.nameZh} · {t('notice.version', { version: notice.version, asOf: notice.asOf })}
          </p>
          <p className="hint">{t('notice.advice')}</p>
          <p>
            <a href={`/api/v1/public/notices/${notice.id}/pdf`}>PDF</a> · <a href={`/api/v1/public/notices/${notice.id}/xlsx`}>Excel</a> ·{' '}
            <a href={`/api/v1/public/notices/${notice.id}`}>JSON</a> · <a href="/api/v1/public/notices/feed.atom">Atom</a>
          </p>
          {notice.changes.previousVersion !== null && (
            <p className="notice">
              {t('notice.changes', {
                closed: notice.changes.closed.length,
                reopened: notice.changes.reopened.length,
                withdrawn: notice.changes.withdrawn.length,
                hours: notice.changes.hoursChanged.length,
                previous: notice.changes.previousVersion,
              })}
            </p>
          )}
          {[...districts.entries()].map(([district, entries]) => (
            <section key={district}>
              <h2>{district}</h2>
              <ul className="results">
                {entries.map((e: NoticeView['entries'][number]) => (
                  <li key={e.branchId}>
                    <strong>
                      {e.institution} {e.branchName}
                    </strong>
                    {changed.has(e.branchId) && <span className="badge">{t('notice.new')}</span>}
                    <div>{e.address}</div>
                    <div>
                      {e.closed ? t('notice.closed') : t('notice.hours', { hours: e.hours })} · {e.from} — {e.to}
                      {e.note ? `（${e.note}）` : ''}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
      {versions && versions.length > 1 && (
        <>
          <h2>{t('notice.versions')}</h2>
          <ul>
            {versions.map((v) => (
              <li key={v.id}>
                <a href={`/notices/${v.id}`}>{t('notice.version', { version: v.version, asOf: v.asOf })}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
