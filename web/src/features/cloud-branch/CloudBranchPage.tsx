import {
  BRANCH_SERVICE_LABELS,
  formatShanghaiTime,
  type JoinQueueInput,
  listBookableSlots,
  type QueuePlace,
  VIDEO_STATUS_LABELS,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAction } from '../../api/useAction.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { checkMobile, FieldError, requireValue, useFieldErrors } from '../../components/fieldErrors.tsx';
import { InstitutionServiceFields } from '../../components/InstitutionServiceFields.tsx';
import { VerifyMobile } from '../../components/VerifyMobile.tsx';
import { joinVideoQueue, leaveVideoQueue, listMyPlaces } from './api.ts';

/** The cloud branch (云网点): join an institution's video queue, watch the place move live, go to the video when called. */
export function CloudBranchPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [mobile, setMobile] = useState('');
  const [form, setForm] = useState({ orgId: '', service: 'account_opening', when: 'now' });
  const { run, busy, error } = useAction();
  const errors = useFieldErrors(error);

  // The customer's own places; refused (401) until the mobile is verified.
  const myPlaces = useQuery({ queryKey: ['my-places'], queryFn: listMyPlaces });
  const loadPlaces = () => client.invalidateQueries({ queryKey: ['my-places'] });
  if (myPlaces.isPending) return null;
  const verified = myPlaces.isSuccess;
  const places = myPlaces.data?.items ?? [];
  return (
    <>
      <h1 className="page-title">{t('cloud.title')}</h1>
      {!verified ? (
        <>
          <p className="hint">{t('cloud.intro')}</p>
          <VerifyMobile
            onVerified={(typed) => {
              setMobile(typed);
              void loadPlaces();
            }}
          />
        </>
      ) : places.length > 0 ? (
        places.map((p) => <PlaceCard key={p.id} initial={p} onLeft={() => void loadPlaces()} />)
      ) : (
        <form
          className="big-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!errors.check([requireValue('orgId', form.orgId), checkMobile('mobile', mobile)])) return;
            void run(async () => {
              await joinVideoQueue({
                orgId: form.orgId,
                service: form.service as JoinQueueInput['service'],
                mobile,
                ...(form.when === 'now' ? {} : { slotAt: form.when }),
              });
              await loadPlaces();
            });
          }}
        >
          <InstitutionServiceFields
            orgId={form.orgId}
            service={form.service}
            by="video"
            onChange={(c) => setForm({ ...form, ...c })}
            errors={errors}
          />
          <label htmlFor="mobile">{t('verify.mobile')}</label>
          <input
            id="mobile"
            inputMode="tel"
            autoComplete="tel"
            value={mobile}
            onChange={(e) => setMobile(e.target.value)}
            required
            {...errors.inputProps('mobile')}
          />
          <FieldError name="mobile" errors={errors} />
          <label htmlFor="when">{t('cloud.when')}</label>
          <select id="when" value={form.when} onChange={(e) => setForm({ ...form, when: e.target.value })}>
            <option value="now">{t('cloud.now')}</option>
            {listBookableSlots(48).map((iso) => (
              <option key={iso} value={iso}>
                {t('cloud.book')} {formatShanghaiTime(iso)}
              </option>
            ))}
          </select>
          <ErrorNotice error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {form.when === 'now' ? t('cloud.join') : t('cloud.bookSubmit')}
          </button>
        </form>
      )}
    </>
  );
}

/** One place, kept current by server-sent events (the browser reconnects by itself after a drop). */
function PlaceCard({ initial, onLeft }: { initial: QueuePlace; onLeft: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [place, setPlace] = useState(initial);
  const [sessionEnded, setSessionEnded] = useState(false);
  const { run, busy, error } = useAction();
  useEffect(() => {
    const events = new EventSource(`/api/v1/public/video-sessions/${initial.id}/events`);
    events.addEventListener('place', (e) => setPlace(JSON.parse((e as MessageEvent<string>).data) as QueuePlace));
    // The server ends the stream with the verified session; reconnecting would only be refused.
    events.addEventListener('end', () => {
      events.close();
      setSessionEnded(true);
    });
    return () => events.close();
  }, [initial.id]);

  return (
    <section className="notice place" aria-live="polite">
      <p>
        {place.institution} · {BRANCH_SERVICE_LABELS[place.service as 'cash']?.[lang] ?? place.service}
      </p>
      <p className="reference" role="status">
        {place.status === 'waiting' && place.position !== null
          ? place.position === 1
            ? t('cloud.next')
            : t('cloud.ahead', { count: place.position - 1 })
          : VIDEO_STATUS_LABELS[place.status][lang]}
      </p>
      {place.status === 'waiting' && place.waitMinutes !== null && <p>{t('cloud.wait', { minutes: place.waitMinutes })}</p>}
      {place.status === 'booked' && place.slotAt && <p>{t('cloud.bookedFor', { time: formatShanghaiTime(place.slotAt) })}</p>}
      {place.status === 'serving' && place.roomUrl && (
        <a className="primary button-link" href={place.roomUrl} target="_blank" rel="noreferrer">
          {t('cloud.enter')}
        </a>
      )}
      <p className="hint">
        {t('visit.reference')} {place.reference}
      </p>
      {(place.status === 'not_served' || place.status === 'no_show') && (
        <div role="alert" className="next-steps">
          <p>
            <strong>{t('cloud.notServedTitle')}</strong>
          </p>
          <p>{t('cloud.notServedHelp')}</p>
          <ul>
            <li>
              <button type="button" className="secondary" onClick={onLeft}>
                {t('cloud.again')}
              </button>
            </li>
            <li>
              <Link to="/home-visit">{t('cloud.tryVisit')}</Link>
            </li>
            <li>
              <Link to="/branches">{t('cloud.tryFinder')}</Link>
            </li>
          </ul>
        </div>
      )}
      {sessionEnded && (
        <>
          <p role="alert">{t('cloud.sessionEnded')}</p>
          {/* The page starts over with verification, then shows the place kept for this mobile. */}
          <button type="button" className="primary" onClick={() => window.location.reload()}>
            {t('cloud.verifyAgain')}
          </button>
        </>
      )}
      <ErrorNotice error={error} />
      {!sessionEnded && (place.status === 'waiting' || place.status === 'booked') && (
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await leaveVideoQueue(place.id);
              onLeft();
            })
          }
        >
          {t('cloud.leave')}
        </button>
      )}
    </section>
  );
}
