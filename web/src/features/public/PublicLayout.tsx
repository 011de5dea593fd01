import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { toggleLanguage } from '../../app/i18n.ts';
import { FEATURES, type MessageKey } from '../index.ts';

const LARGE_KEY = 'shouhu.large';
const NAV_LINKS = FEATURES.flatMap((f) => f.publicLinks ?? []).filter((link) => link.nav);

/** The public site: phone first, Chinese first, a large-type mode that stays on once chosen. */
export function PublicLayout() {
  const { t } = useTranslation();
  const [large, setLarge] = useState(() => localStorage.getItem(LARGE_KEY) === '1');
  useEffect(() => {
    document.documentElement.classList.toggle('large', large);
    localStorage.setItem(LARGE_KEY, large ? '1' : '0');
  }, [large]);

  return (
    <div className="public">
      <header className="masthead">
        <div className="masthead-row">
          <Link to="/" className="brand">
            {t('app.name')}
          </Link>
          <div className="tools">
            <button type="button" className="tool" aria-pressed={large} onClick={() => setLarge(!large)}>
              {large ? t('large.off') : t('large.on')}
            </button>
            <button type="button" className="tool" onClick={toggleLanguage} lang={t('language.switch') === 'English' ? 'en' : 'zh-CN'}>
              {t('language.switch')}
            </button>
          </div>
        </div>
        <p className="tagline">{t('app.tagline')}</p>
        <nav className="public-nav" aria-label={t('nav.home')}>
          <NavLink to="/" end>
            {t('nav.home')}
          </NavLink>
          {NAV_LINKS.map((link) => (
            <NavLink key={link.path} to={link.path}>
              {t(link.label as MessageKey)}
            </NavLink>
          ))}
        </nav>
      </header>
      <main>
        <Outlet />
      </main>
      <footer>
        <a href="/console">{t('nav.console')}</a> · <a href="/docs">API</a>
      </footer>
    </div>
  );
}
