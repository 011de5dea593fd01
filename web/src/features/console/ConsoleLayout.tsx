import { type Actor, type Me, ROLE_LABELS } from '@shouhu/common';
import { useQuery } from '@tanstack/react-query';
import { Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { listMenu } from '../../app/feature.ts';
import { toggleLanguage } from '../../app/i18n.ts';
import { signOut } from '../auth/api.ts';
import { useRefreshMe } from '../auth/useMe.ts';
import { listInbox } from '../inbox/api.ts';
import { FEATURES, type MessageKey } from '../index.ts';

/** The signed-in user as the shared policy sees them, so the menu shows only what they may do. */
export function actorOf(me: Me): Actor {
  return { type: 'user', userId: me.id, orgId: me.organization.id, role: me.role, sessionId: '', mfaPassed: me.secondFactorPassed };
}

export function ConsoleLayout({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const refresh = useRefreshMe();
  const actor = actorOf(me);
  const zh = i18n.language !== 'en';
  // On a phone the menu opens from a button in the header, over the page, and the page keeps the full width.
  const phone = !Grid.useBreakpoint().md;
  const [menuOpen, setMenuOpen] = useState(false);
  // The header's count of unread items, refreshed each minute and whenever the inbox changes.
  const inbox = useQuery({
    queryKey: ['inbox', 'count'],
    queryFn: () => listInbox({ unread: true, limit: 1, offset: 0 }),
    enabled: me.secondFactorPassed,
    refetchInterval: 60_000,
  });
  const unread = inbox.data?.unread ?? 0;
  const items = listMenu(FEATURES, actor).map((entry) => ({ key: entry.path, label: t(entry.label as MessageKey) }));
  const leave = async (everywhere: boolean) => {
    await signOut(everywhere);
    sessionStorage.removeItem('shouhu.warning');
    await refresh();
  };
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[location.pathname]}
      items={items}
      onClick={(e) => {
        setMenuOpen(false);
        navigate(e.key);
      }}
      aria-label={t('console.title')}
    />
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="console-header">
        <Space>
          {phone && (
            <Button size="small" onClick={() => setMenuOpen(true)} aria-expanded={menuOpen}>
              {t('console.menu')}
            </Button>
          )}
          <Typography.Text strong className="console-brand">
            {t('console.title')}
          </Typography.Text>
        </Space>
        <Space wrap>
          <Typography.Text className="console-org" data-testid="org-name">
            {zh ? me.organization.nameZh : me.organization.nameEn} · {zh ? ROLE_LABELS[me.role].zh : ROLE_LABELS[me.role].en}
          </Typography.Text>
          {me.secondFactorPassed && (
            // The count is part of the button's text, so what is read out is what is seen.
            <Button size="small" autoInsertSpace={false} onClick={() => navigate('/console/inbox')} data-testid="inbox-badge">
              {t('inbox.badge')}
              {unread > 0 && <span className="inbox-count">{unread > 99 ? '99+' : unread}</span>}
            </Button>
          )}
          <Button size="small" onClick={toggleLanguage}>
            {t('language.switch')}
          </Button>
          <Button size="small" onClick={() => void leave(false)}>
            {t('menu.signout')}
          </Button>
          <Button size="small" onClick={() => void leave(true)}>
            {t('menu.signoutAll')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        {phone ? (
          <Drawer open={menuOpen} onClose={() => setMenuOpen(false)} placement="left" size={240} title={t('console.title')}>
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider theme="light" width={200}>
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content className="console-content">
          <Suspense fallback={null}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
