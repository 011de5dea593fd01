import { BRANCH_SERVICE_LABELS, isInstitution, listOfferedServices } from '@shouhu/common';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listOrganizations } from '../features/organizations/api.ts';
import { FieldError, type FieldErrors } from './fieldErrors.tsx';

/**
 * The institution (a bank or an insurer) and the service a public request is for: two large
 * selects, the second offering only what that institution does this way (`by`).
 */
export function InstitutionServiceFields({
  orgId,
  service,
  by,
  onChange,
  errors,
}: {
  orgId: string;
  service: string;
  by: 'home_visit' | 'video';
  onChange: (change: { orgId?: string; service?: string }) => void;
  errors: FieldErrors;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const organizations = useQuery({ queryKey: ['organizations'], queryFn: listOrganizations });
  const institutions = (organizations.data?.items ?? []).filter((o) => isInstitution(o.kind));
  const kindOf = (id: string) => institutions.find((o) => o.id === id)?.kind;
  // Before an institution is chosen, what banks offer (most requests are to banks).
  const offered = (id: string) => listOfferedServices(kindOf(id) ?? 'bank', by);
  return (
    <>
      <label htmlFor="orgId">{t('visit.institution')}</label>
      <select
        id="orgId"
        value={orgId}
        onChange={(e) => {
          const services = offered(e.target.value);
          onChange({ orgId: e.target.value, ...(services.includes(service as never) ? {} : { service: services[0] }) });
        }}
        required
        {...errors.inputProps('orgId')}
      >
        <option value="">{t('visit.choose')}</option>
        {institutions.map((o) => (
          <option key={o.id} value={o.id}>
            {en ? o.nameEn : o.nameZh}
          </option>
        ))}
      </select>
      <FieldError name="orgId" errors={errors} />
      <label htmlFor="service">{t('finder.service')}</label>
      <select id="service" value={service} onChange={(e) => onChange({ service: e.target.value })} {...errors.inputProps('service')}>
        {offered(orgId).map((s) => (
          <option key={s} value={s}>
            {BRANCH_SERVICE_LABELS[s][en ? 'en' : 'zh']}
          </option>
        ))}
      </select>
      <FieldError name="service" errors={errors} />
    </>
  );
}
