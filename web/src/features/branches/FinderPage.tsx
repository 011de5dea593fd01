import {
  BRANCH_SERVICE_LABELS,
  BRANCH_SERVICES,
  DISTRICT_CENTRES,
  formatShanghaiTime,
  fromShanghaiInput,
  type NearestAnswer,
  type NearestBranch,
  type PublicChannel,
  SHANGHAI_DISTRICTS,
  todayInShanghai,
} from '@shouhu/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { findNearestBranches } from './api.ts';

/** A channel as something to tap: a hotline calls, an address opens; the rest is read. */
function ChannelLink({ channel }: { channel: PublicChannel }) {
  if (channel.kind === 'hotline') return <a href={`tel:${channel.address.replace(/[^\d+]/g, '')}`}>{channel.address}</a>;
  if (/^https:\/\//.test(channel.address))
    return (
      <a href={channel.address} target="_blank" rel="noreferrer">
        {channel.address}
      </a>
    );
  return <span>{channel.address}</span>;
}

/**
 * The nearest branches open at a time for a service, from a street or the reader's location;
 * when none is, where and when the nearest opens next, and the online channels meanwhile.
 */
export function FinderPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [service, setService] = useState<string>('cash');
  const [district, setDistrict] = useState<string>('310101');
  const [street, setStreet] = useState('');
  // Empty means now; otherwise a local time in Shanghai, e.g. tomorrow morning.
  const [when, setWhen] = useState('');
  const [answer, setAnswer] = useState<{ result: NearestAnswer; day: string }>();
  const { run, busy, error } = useAction();
  const streets = SHANGHAI_DISTRICTS.find((d) => d.code === district)?.streets ?? [];

  const search = (from: string) =>
    run(async () => {
      const at = when ? `&at=${encodeURIComponent(fromShanghaiInput(when))}` : '';
      const result = await findNearestBranches(`${from}&service=${service}&limit=10&radius=10${at}`);
      setAnswer({ result, day: when ? when.slice(0, 10) : todayInShanghai() });
    });
  const fromChoice = () => {
    const centre = DISTRICT_CENTRES[district] ?? { lat: 31.2317, lng: 121.4846 };
    return street ? `streetCode=${street}` : `lat=${centre.lat}&lng=${centre.lng}`;
  };
  const searchHere = () =>
    navigator.geolocation.getCurrentPosition(
      (p) => void search(`lat=${p.coords.latitude}&lng=${p.coords.longitude}`),
      () => void search(fromChoice()),
      { timeout: 8000 },
    );
  // "Today" only when the day asked about is today; a later time is "that day".
  const isToday = answer?.day === todayInShanghai();
  const dayLabel = isToday ? t('finder.today') : t('finder.thatDay');
  const describeDay = (b: NearestBranch) =>
    `${dayLabel}: ${b.today.intervals.map((i) => `${i.open}–${i.close}`).join('，') || (isToday ? t('finder.closed') : t('finder.closedThatDay'))}${b.today.note ? `（${b.today.note}）` : ''}`;
  const result = answer?.result;

  return (
    <>
      <h1 className="page-title">{t('finder.title')}</h1>
      <form
        className="big-form"
        onSubmit={(e) => {
          e.preventDefault();
          void search(fromChoice());
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
        <select
          id="district"
          value={district}
          onChange={(e) => {
            setDistrict(e.target.value);
            setStreet('');
          }}
        >
          {SHANGHAI_DISTRICTS.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
        <label htmlFor="street">{t('finder.street')}</label>
        <select id="street" value={street} onChange={(e) => setStreet(e.target.value)}>
          <option value="">{t('finder.wholeDistrict')}</option>
          {streets.map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
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
      {result && result.items.length === 0 && (
        <section aria-live="polite">
          <p className="notice">{when ? t('finder.noneThen') : t('finder.none')}</p>
          {result.later.length > 0 && (
            <>
              <h2>{t('finder.opensNext')}</h2>
              <ol className="results">
                {result.later.map((b) => (
                  <li key={b.id}>
                    <strong>{b.nameZh}</strong>
                    <span className="en">{en ? b.institution.nameEn : b.institution.nameZh}</span>
                    <div>
                      {b.distanceKm.toFixed(1)} km · {b.address}
                    </div>
                    {b.nextOpening && <div className="opens">{t('finder.opensAt', { time: formatShanghaiTime(b.nextOpening) })}</div>}
                    {b.phone && <a href={`tel:${b.phone}`}>{b.phone}</a>}
                  </li>
                ))}
              </ol>
            </>
          )}
          {result.channels.length > 0 && (
            <>
              <h2>{t('finder.onlineMeanwhile')}</h2>
              <ul className="service-list">
                {result.channels.map((c) => (
                  <li key={`${c.orgId}-${c.kind}-${c.name}`} className="service">
                    <strong>{c.name}</strong>
                    <ChannelLink channel={c} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {result && result.items.length > 0 && (
        <ol className="results" aria-live="polite">
          {result.items.map((b) => (
            <li key={b.id}>
              <strong>{b.nameZh}</strong>
              <span className="en">{en ? b.institution.nameEn : b.institution.nameZh}</span>
              <div>
                {b.distanceKm.toFixed(1)} km · {b.address}
              </div>
              <div>{describeDay(b)}</div>
              {b.phone && <a href={`tel:${b.phone}`}>{b.phone}</a>}
              {!b.openNow && result.channels.some((c) => c.orgId === b.orgId) && (
                <div>
                  {t('finder.online')}:{' '}
                  {result.channels
                    .filter((c) => c.orgId === b.orgId)
                    .map((c) => (
                      <span key={`${c.kind}-${c.name}`}>
                        {c.name} <ChannelLink channel={c} />{' '}
                      </span>
                    ))}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
