import { BRANCH_SERVICE_LABELS, BRANCH_SERVICES, isInstitution, type Organization } from '@shouhu/common';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';

/** The institution (a bank or an insurer) and the service a public request is for: two large selects. */
export function InstitutionServiceFields({
  orgId,
  service,
  onChange,
}: {
  orgId: string;
  service: string;
  onChange: (change: { orgId?: string; service?: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [institutions, setInstitutions] = useState<Organization[]>([]);
  useEffect(() => {
    void api<{ items: Organization[] }>('/api/v1/organizations').then((r) => setInstitutions(r.items.filter((o) => isInstitution(o.kind))));
  }, []);
  return (
    <>
      <label htmlFor="orgId">{t('visit.institution')}</label>
      <select id="orgId" value={orgId} onChange={(e) => onChange({ orgId: e.target.value })} required>
        <option value="">{t('visit.choose')}</option>
        {institutions.map((o) => (
          <option key={o.id} value={o.id}>
            {en ? o.nameEn : o.nameZh}
          </option>
        ))}
      </select>
      <label htmlFor="service">{t('finder.service')}</label>
      <select id="service" value={service} onChange={(e) => onChange({ service: e.target.value })}>
        {BRANCH_SERVICES.map((s) => (
          <option key={s} value={s}>
            {BRANCH_SERVICE_LABELS[s][en ? 'en' : 'zh']}
          </option>
        ))}
      </select>
    </>
  );
}
