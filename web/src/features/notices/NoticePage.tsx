import { formatChineseDate, type NoticeView } from '@shouhu/common';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { toApiError } from '../../app/query.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { getPublishedNotice, listPublishedNotices } from './api.ts';

/**
 * The association's notice, latest version by default: by district (a jump to each), a search,
 * changes marked, files to download, and the association's signature at the end.
 */
export function NoticePage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const { id } = useParams();
  const published = useQuery({ queryKey: ['notices'], queryFn: listPublishedNotices });
  const versions = published.data?.items;
  // The version asked for, or the latest.
  const pick = id ?? versions?.[0]?.id;
  const picked = useQuery({ queryKey: ['notice', pick], queryFn: () => getPublishedNotice(pick as string), enabled: Boolean(pick) });
  const notice = picked.data;
  const error = toApiError(published.error ?? picked.error);

  // Against a previous version only: in the first, everything would be "new".
  const changed = new Set(
    notice?.changes.previousVersion ? [...notice.changes.added, ...notice.changes.changed].map((e) => e.branchId) : [],
  );
  const words = search.trim();
  const shown = (notice?.entries ?? []).filter(
    (e) => !words || `${e.institution}${e.branchName}${e.address}${e.districtName}`.includes(words),
  );
  const districts = Map.groupBy(shown, (e) => e.districtCode);
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
          {notice.documentNumber && <p className="hint">{notice.documentNumber}</p>}
          {notice.changes.previousVersion !== null && (
            <p className="notice">
              {t('notice.changes', {
                added: notice.changes.added.length,
                changed: notice.changes.changed.length,
                closed: notice.changes.closed.length,
                reopened: notice.changes.reopened.length,
                withdrawn: notice.changes.withdrawn.length,
                hours: notice.changes.hoursChanged.length,
                previous: notice.changes.previousVersion,
              })}
            </p>
          )}
          {notice.entries.length > 0 && (
            <>
              <nav aria-label={t('notice.jump')} className="district-jump">
                {[...Map.groupBy(notice.entries, (e) => e.districtCode).entries()].map(([code, entries]) => (
                  <a key={code} href={`#d-${code}`}>
                    {entries[0]?.districtName}（{entries.length}）
                  </a>
                ))}
              </nav>
              <label htmlFor="notice-search">{t('notice.search')}</label>
              <input id="notice-search" type="search" className="search" value={search} onChange={(e) => setSearch(e.target.value)} />
              {shown.length === 0 && <p className="notice">{t('notice.noMatch')}</p>}
            </>
          )}
          {[...districts.entries()].map(([code, entries]) => (
            <section key={code} id={`d-${code}`}>
              <h2>{entries[0]?.districtName}</h2>
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
          <p className="signature">
            {t('notice.signature', { association: notice.association.nameZh, date: formatChineseDate(notice.signedOn ?? notice.asOf) })}
          </p>
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
