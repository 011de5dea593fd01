import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enLocale from 'antd/es/locale/en_US.js';
import type { Locale } from 'antd/es/locale/index.js';
import zhLocale from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { PasswordPage } from '../auth/PasswordPage.tsx';
import { SecurityPage } from '../auth/SecurityPage.tsx';
import { SignInPage } from '../auth/SignInPage.tsx';
import { useMe } from '../auth/useMe.ts';
import { ConsoleLayout } from './ConsoleLayout.tsx';
import { DashboardPage } from './DashboardPage.tsx';

// Feature pages load when first opened: the sign-in page does not need charts or tables.
// The locale modules are ES modules with a default export; their typings describe them as CommonJS.
const zhCN = zhLocale as unknown as Locale;
const enUS = enLocale as unknown as Locale;

const AuditPage = lazy(() => import('../audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const BranchesPage = lazy(() => import('../branches/BranchesPage.tsx').then((m) => ({ default: m.BranchesPage })));
const CloudBranchAgentPage = lazy(() =>
  import('../cloud-branch/CloudBranchAgentPage.tsx').then((m) => ({ default: m.CloudBranchAgentPage })),
);
const HomeVisitsPage = lazy(() => import('../home-visits/HomeVisitsPage.tsx').then((m) => ({ default: m.HomeVisitsPage })));
const ServiceLevelsPage = lazy(() => import('../service-levels/ServiceLevelsPage.tsx').then((m) => ({ default: m.ServiceLevelsPage })));
const NetworkPage = lazy(() => import('../network/NetworkPage.tsx').then((m) => ({ default: m.NetworkPage })));
const ZonesPage = lazy(() => import('../zones/ZonesPage.tsx').then((m) => ({ default: m.ZonesPage })));
const NoticeDraftPage = lazy(() => import('../notices/NoticeDraftPage.tsx').then((m) => ({ default: m.NoticeDraftPage })));
const UsersPage = lazy(() => import('../users/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

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
        <QueryClientProvider client={queryClient}>
          <ConsoleRoutes />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

function ConsoleRoutes() {
  const me = useMe();
  if (me.isPending) return null;
  if (!me.data) return <SignInPage />;
  if (me.data.mustChangePassword) return <PasswordPage forced />;
  return (
    <Routes>
      <Route element={<ConsoleLayout me={me.data} />}>
        <Route index element={<DashboardPage me={me.data} />} />
        <Route path="users" element={<UsersPage me={me.data} />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="network" element={<NetworkPage />} />
        <Route path="zones" element={<ZonesPage />} />
        <Route path="branches" element={<BranchesPage />} />
        <Route path="home-visits" element={<HomeVisitsPage me={me.data} />} />
        <Route path="cloud-branch" element={<CloudBranchAgentPage me={me.data} />} />
        <Route path="service-levels" element={<ServiceLevelsPage me={me.data} />} />
        <Route path="notice" element={<NoticeDraftPage />} />
        <Route path="password" element={<PasswordPage />} />
        <Route path="security" element={<SecurityPage me={me.data} />} />
        <Route path="*" element={<Navigate to="/console" replace />} />
      </Route>
    </Routes>
  );
}
