import { HOME_VISIT_REASON_LABELS, HOME_VISIT_REASONS, type HomeVisitInput, SHANGHAI_DISTRICTS, todayInShanghai } from '@shouhu/common';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAction } from '../../api/useAction.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FieldError, requireValue, useFieldErrors } from '../../components/fieldErrors.tsx';
import { InstitutionServiceFields } from '../../components/InstitutionServiceFields.tsx';
import { VerifyMobile } from '../../components/VerifyMobile.tsx';
import { listCompounds } from '../places/api.ts';
import { requestHomeVisit } from './api.ts';

// Half days that staff can plan around; the API takes any windows.
const PERIODS = { morning: ['09:00', '12:00'], afternoon: ['14:00', '17:00'] } as const;

const nextDays = (count: number) => {
  const today = todayInShanghai();
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + (i + 1) * 86_400_000).toISOString().slice(0, 10),
  );
};

/** Asking for a home visit (上门服务): verify the mobile by SMS code, then one large, plain form. */
export function HomeVisitPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [mobile, setMobile] = useState<string>();
  const [form, setForm] = useState({
    orgId: '',
    service: 'cash',
    name: '',
    district: '310101',
    streetCode: '',
    committeeCode: '',
    compound: '',
    address: '',
    reason: 'elderly',
    day: nextDays(1)[0] as string,
    period: 'morning' as keyof typeof PERIODS,
  });
  const [reference, setReference] = useState<string>();
  const { run, busy, error } = useAction();
  const errors = useFieldErrors(error);

  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const streets = SHANGHAI_DISTRICTS.find((d) => d.code === form.district)?.streets ?? [];
  // Street → committee → compound: the committees load with the street, the registered compounds with the committee.
  const [committees, setCommittees] = useState<{ code: string; name: string }[]>([]);
  useEffect(() => {
    let live = true;
    if (!form.streetCode) setCommittees([]);
    else void import('@shouhu/common/committees').then(({ listCommittees }) => live && setCommittees(listCommittees(form.streetCode)));
    return () => {
      live = false;
    };
  }, [form.streetCode]);
  const compounds = useQuery({
    queryKey: ['compounds', form.committeeCode],
    queryFn: () => listCompounds(form.committeeCode),
    enabled: form.committeeCode !== '',
  });

  if (reference) {
    return (
      <section className="notice notice-ok" role="status">
        <h1 className="page-title">{t('visit.received')}</h1>
        <p>{t('visit.reference')}</p>
        <p className="reference">{reference}</p>
        <p>{t('visit.sms')}</p>
        <Link to={`/track?reference=${reference}`}>{t('visit.follow')}</Link>
      </section>
    );
  }

  return (
    <>
      <h1 className="page-title">{t('visit.title')}</h1>
      <p className="hint">{t('visit.intro')}</p>
      {!mobile ? (
        <VerifyMobile onVerified={(typed) => setMobile(typed)} />
      ) : (
        <form
          className="big-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const required = ['orgId', 'name', 'streetCode', 'compound', 'address'] as const;
            if (!errors.check(required.map((f) => requireValue(f, form[f])))) return;
            const [from, to] = PERIODS[form.period];
            void run(async () => {
              const created = await requestHomeVisit({
                orgId: form.orgId,
                service: form.service as HomeVisitInput['service'],
                name: form.name,
                mobile,
                streetCode: form.streetCode,
                ...(form.committeeCode ? { committeeCode: form.committeeCode } : {}),
                compound: form.compound,
                address: form.address,
                reason: form.reason as HomeVisitInput['reason'],
                windows: [{ from: `${form.day}T${from}:00+08:00`, to: `${form.day}T${to}:00+08:00` }],
              });
              setReference(created.reference);
            });
          }}
        >
          <InstitutionServiceFields
            orgId={form.orgId}
            service={form.service}
            by="home_visit"
            onChange={(c) => setForm({ ...form, ...c })}
            errors={errors}
          />
          <fieldset>
            <legend>{t('visit.reason')}</legend>
            {HOME_VISIT_REASONS.map((r) => (
              <label key={r} className="choice">
                <input type="radio" name="reason" value={r} checked={form.reason === r} onChange={set('reason')} />
                {HOME_VISIT_REASON_LABELS[r][en ? 'en' : 'zh']}
              </label>
            ))}
          </fieldset>
          <label htmlFor="name">{t('visit.name')}</label>
          <input
            id="name"
            autoComplete="name"
            value={form.name}
            onChange={set('name')}
            required
            maxLength={50}
            {...errors.inputProps('name')}
          />
          <FieldError name="name" errors={errors} />
          <label htmlFor="district">{t('finder.district')}</label>
          <select
            id="district"
            value={form.district}
            onChange={(e) => setForm({ ...form, district: e.target.value, streetCode: '', committeeCode: '' })}
          >
            {SHANGHAI_DISTRICTS.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
          <label htmlFor="streetCode">{t('visit.street')}</label>
          <select
            id="streetCode"
            value={form.streetCode}
            onChange={(e) => setForm({ ...form, streetCode: e.target.value, committeeCode: '' })}
            required
            {...errors.inputProps('streetCode')}
          >
            <option value="">{t('visit.choose')}</option>
            {streets.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
          <FieldError name="streetCode" errors={errors} />
          <label htmlFor="committeeCode">{t('visit.committee')}</label>
          <select
            id="committeeCode"
            value={form.committeeCode}
            onChange={set('committeeCode')}
            disabled={committees.length === 0}
            {...errors.inputProps('committeeCode')}
          >
            <option value="">{t('visit.committeeUnknown')}</option>
            {committees.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldError name="committeeCode" errors={errors} />
          <label htmlFor="compound">{t('visit.compound')}</label>
          <datalist id="compound-names">
            {compounds.data?.items.map((c) => (
              <option key={c.id} value={c.name} />
            ))}
          </datalist>
          <input
            id="compound"
            list="compound-names"
            value={form.compound}
            onChange={set('compound')}
            required
            maxLength={100}
            {...errors.inputProps('compound')}
          />
          <FieldError name="compound" errors={errors} />
          <label htmlFor="address">{t('visit.address')}</label>
          <input id="address" value={form.address} onChange={set('address')} required maxLength={200} {...errors.inputProps('address')} />
          <FieldError name="address" errors={errors} />
          <label htmlFor="day">{t('visit.when')}</label>
          <select id="day" value={form.day} onChange={set('day')}>
            {nextDays(7).map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
          <fieldset>
            <legend>{t('visit.period')}</legend>
            {(Object.keys(PERIODS) as (keyof typeof PERIODS)[]).map((p) => (
              <label key={p} className="choice">
                <input type="radio" name="period" value={p} checked={form.period === p} onChange={set('period')} />
                {t(`visit.${p}`)} {PERIODS[p].join('–')}
              </label>
            ))}
          </fieldset>
          <ErrorNotice error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {t('visit.submit')}
          </button>
        </form>
      )}
    </>
  );
}
