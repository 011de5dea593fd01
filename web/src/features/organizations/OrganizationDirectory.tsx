import { ORGANIZATION_KIND_LABELS, ORGANIZATION_KINDS } from '@shouhu/common';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../app/query.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { listOrganizations } from './api.ts';

/** The organisations taking part, grouped by kind: who regulates, who publishes, who serves. */
export function OrganizationDirectory() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const organizations = useQuery({ queryKey: ['organizations'], queryFn: listOrganizations });
  const list = organizations.data?.items;
  const error = toApiError(organizations.error);

  if (error) return <ErrorNotice error={error} />;
  if (!list) return <p className="notice">{t('common.loading')}</p>;

  return (
    <section aria-labelledby="orgs-title">
      <h2 id="orgs-title">{en ? 'Participating organisations' : '参与机构'}</h2>
      {ORGANIZATION_KINDS.map((kind) => {
        const orgs = list.filter((o) => o.kind === kind);
        if (orgs.length === 0) return null;
        return (
          <div key={kind} className="org-group">
            <h3>{en ? ORGANIZATION_KIND_LABELS[kind].en : ORGANIZATION_KIND_LABELS[kind].zh}</h3>
            <ul className="org-list">
              {orgs.map((o) => (
                <li key={o.id}>
                  <span lang="zh-CN">{o.nameZh}</span>
                  <span className="en" lang="en">
                    {o.nameEn}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
