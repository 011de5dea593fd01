import { BRANCH_SERVICE_LABELS, BRANCH_SERVICES, isInstitution } from '@shouhu/common';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listOrganizations } from '../features/organizations/api.ts';
import { FieldError, type FieldErrors } from './fieldErrors.tsx';

/** The institution (a bank or an insurer) and the service a public request is for: two large selects. */
export function InstitutionServiceFields({
  orgId,
  service,
  onChange,
  errors,
}: {
  orgId: string;
  service: string;
  onChange: (change: { orgId?: string; service?: string }) => void;
  errors: FieldErrors;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const organizations = useQuery({ queryKey: ['organizations'], queryFn: listOrganizations });
  const institutions = (organizations.data?.items ?? []).filter((o) => isInstitution(o.kind));
  return (
    <>
      <label htmlFor="orgId">{t('visit.institution')}</label>
      <select id="orgId" value={orgId} onChange={(e) => onChange({ orgId: e.target.value })} required {...errors.inputProps('orgId')}>
        <option value="">{t('visit.choose')}</option>
        {institutions.map((o) => (
          <option key={o.id} value={o.id}>
            {en ? o.nameEn : o.nameZh}
          </option>
        ))}
      </select>
      <FieldError name="orgId" errors={errors} />
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
