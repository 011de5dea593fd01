import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OrganizationDirectory } from '../organizations/OrganizationDirectory.tsx';

/** Lists only what is available now; capabilities add their entries as they land. */
export function HomePage() {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="page-title">{t('home.services')}</h1>
      <ul className="service-list">
        <li>
          <Link to="/branches" className="service">
            <strong>{t('nav.finder')}</strong>
            <span>{t('home.finder.desc')}</span>
          </Link>
        </li>
        <li>
          <Link to="/home-visit" className="service">
            <strong>{t('nav.visit')}</strong>
            <span>{t('home.visit.desc')}</span>
          </Link>
        </li>
        <li>
          <Link to="/cloud-branch" className="service">
            <strong>{t('nav.cloud')}</strong>
            <span>{t('home.cloud.desc')}</span>
          </Link>
        </li>
        <li>
          <Link to="/notices" className="service">
            <strong>{t('nav.notice')}</strong>
            <span>{t('home.notice.desc')}</span>
          </Link>
        </li>
        <li>
          <Link to="/verify" className="service">
            <strong>{t('nav.verify')}</strong>
            <span>{t('home.verify.desc')}</span>
          </Link>
        </li>
        <li>
          <Link to="/track" className="service">
            <strong>{t('nav.track')}</strong>
            <span>{t('home.track.desc')}</span>
          </Link>
        </li>
      </ul>
      <OrganizationDirectory />
    </>
  );
}
