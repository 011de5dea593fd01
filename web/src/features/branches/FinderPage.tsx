import { BRANCH_SERVICE_LABELS, BRANCH_SERVICES, DISTRICT_CENTRES, type NearestAnswer, SHANGHAI_DISTRICTS } from '@shouhu/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { findNearestBranches } from './api.ts';

/** The nearest branches open now for a service; when none, the online channels instead. */
export function FinderPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [service, setService] = useState<string>('cash');
  const [district, setDistrict] = useState<string>('310101');
  // Empty means now; otherwise a local time in Shanghai, e.g. tomorrow morning.
  const [when, setWhen] = useState('');
  const [answer, setAnswer] = useState<NearestAnswer>();
  const { run, busy, error } = useAction();

  const centre = () => DISTRICT_CENTRES[district] ?? { lat: 31.2317, lng: 121.4846 };
  const search = (lat: number, lng: number) =>
    run(async () => {
      const at = when ? `&at=${encodeURIComponent(new Date(`${when}:00+08:00`).toISOString())}` : '';
      setAnswer(await findNearestBranches(`lat=${lat}&lng=${lng}&service=${service}&limit=10&radius=10${at}`));
    });
  const searchHere = () =>
    navigator.geolocation.getCurrentPosition(
      (p) => void search(p.coords.latitude, p.coords.longitude),
      () => void search(centre().lat, centre().lng),
      { timeout: 8000 },
    );

  return (
    <>
      <h1 className="page-title">{t('finder.title')}</h1>
      <form
        className="big-form"
        onSubmit={(e) => {
          e.preventDefault();
          void search(centre().lat, centre().lng);
        }}
      >
        <label htmlFor="service">{t('finder.service')}</label>
        <select id="service" value={service} onChange={(e) => setService(e.target.value)}>
          {BRANCH_SERVICES.map((s) => (
            <option key={s} value={s}>
              {en ? BRANCH_SERVICE_LABELS[s].en : BRANCH_SERVICE_LABELS[s].zh}
            </option>
          ))}
        </select>
        <label htmlFor="district">{t('finder.district')}</label>
        <select id="district" value={district} onChange={(e) => setDistrict(e.target.value)}>
          {SHANGHAI_DISTRICTS.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
        <label htmlFor="when">{t('finder.when')}</label>
        <input id="when" type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
        <p className="hint">{t('finder.whenHint')}</p>
        <button type="submit" className="primary" disabled={busy}>
          {t('finder.search')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={searchHere}>
          {t('finder.here')}
        </button>
      </form>
      <ErrorNotice error={error} />
      {answer && answer.items.length === 0 && (
        <section aria-live="polite">
          <p className="notice">{t('finder.none')}</p>
          <ul className="service-list">
            {answer.channels.map((c) => (
              <li key={`${c.orgId}-${c.kind}-${c.name}`} className="service">
                <strong>{c.name}</strong>
                <span>{c.address}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {answer && answer.items.length > 0 && (
        <ol className="results" aria-live="polite">
          {answer.items.map((b) => (
            <li key={b.id}>
              <strong>{b.nameZh}</strong>
              <span className="en">{en ? b.institution.nameEn : b.institution.nameZh}</span>
              <div>
                {b.distanceKm.toFixed(1)} km · {b.address}
              </div>
              <div>
                {t('finder.today')}: {b.today.intervals.map((i) => `${i.open}–${i.close}`).join('，') || t('finder.closed')}
                {b.today.note ? `（${b.today.note}）` : ''}
              </div>
              {b.phone && <a href={`tel:${b.phone}`}>{b.phone}</a>}
              {!b.openNow && answer.channels.some((c) => c.orgId === b.orgId) && (
                <div>
                  {t('finder.online')}:{' '}
                  {answer.channels
                    .filter((c) => c.orgId === b.orgId)
                    .map((c) => `${c.name} ${c.address}`)
                    .join('；')}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
