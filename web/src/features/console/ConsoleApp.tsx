import { App as AntApp, ConfigProvider } from 'antd';
import enLocale from 'antd/es/locale/en_US.js';
import type { Locale } from 'antd/es/locale/index.js';
import zhLocale from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { PasswordPage } from '../auth/PasswordPage.tsx';
import { SignInPage } from '../auth/SignInPage.tsx';
import { useMe } from '../auth/useMe.ts';
import { FEATURES } from '../index.ts';
import { ConsoleLayout } from './ConsoleLayout.tsx';

// The locale modules are ES modules with a default export; their typings describe them as CommonJS.
const zhCN = zhLocale as unknown as Locale;
const enUS = enLocale as unknown as Locale;

// Feature pages load when first opened (each feature's routes are lazy): the sign-in page needs no charts or tables.
const CONSOLE_ROUTES = FEATURES.flatMap((f) => f.consoleRoutes ?? []);

/** The staff console, loaded only when someone opens /console (antd stays out of the public pages). */
export default function ConsoleApp() {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  dayjs.locale(zh ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={zh ? zhCN : enUS}
      theme={{
        token: {
          colorPrimary: '#9f1d20',
          // Dark enough for small text on white (WCAG AA): danger buttons and field errors.
          colorError: '#a8071a',
          colorLink: '#0b4fa8',
          colorLinkHover: '#08306b',
          colorLinkActive: '#08306b',
          colorTextSecondary: '#555',
          colorTextDescription: '#555',
          colorTextTertiary: '#595959',
          colorTextPlaceholder: '#595959',
          fontSize: 15,
        },
      }}
    >
      <AntApp>
        <ConsoleRoutes />
      </AntApp>
    </ConfigProvider>
  );
}

function ConsoleRoutes() {
  const me = useMe();
  if (me.isPending) return null;
  if (!me.data) return <SignInPage />;
  const user = me.data;
  if (user.mustChangePassword) return <PasswordPage forced />;
  return (
    <Routes>
      <Route element={<ConsoleLayout me={user} />}>
        {CONSOLE_ROUTES.map(({ path, page: Page }) =>
          path ? <Route key={path} path={path} element={<Page me={user} />} /> : <Route key="" index element={<Page me={user} />} />,
        )}
        <Route path="*" element={<Navigate to="/console" replace />} />
      </Route>
    </Routes>
  );
}
