import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FEATURES, type MessageKey } from '../index.ts';
import { OrganizationDirectory } from '../organizations/OrganizationDirectory.tsx';

const PUBLIC_LINKS = FEATURES.flatMap((f) => f.publicLinks ?? []);

/** Lists only what is available now; capabilities add their entries as they land. */
export function HomePage() {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="page-title">{t('home.services')}</h1>
      <ul className="service-list">
        {PUBLIC_LINKS.map((link) => (
          <li key={link.path}>
            <Link to={link.path} className="service">
              <strong>{t(link.label as MessageKey)}</strong>
              <span>{t(link.description as MessageKey)}</span>
            </Link>
          </li>
        ))}
      </ul>
      <OrganizationDirectory />
    </>
  );
}
