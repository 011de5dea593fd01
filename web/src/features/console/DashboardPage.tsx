import { can, DESK_LABELS, FIGURE_LABELS, type Me, ROLE_LABELS } from '@shouhu/common';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, List, Row, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { searchAuditEvents } from '../audit/api.ts';
import { listProgrammes } from '../inbox/api.ts';
import { listOrganizations } from '../organizations/api.ts';
import { listUsers } from '../users/api.ts';
import { readDesk, readFigures } from './api.ts';
import { actorOf } from './ConsoleLayout.tsx';

/** The landing page after sign-in: who you are, and what your role looks after. */
export function DashboardPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  const actor = actorOf(me);
  const warning = sessionStorage.getItem('shouhu.warning');
  const orgs = useQuery({
    queryKey: ['organizations'],
    queryFn: listOrganizations,
    enabled: me.role === 'regulator' || me.role === 'association',
  });
  const users = useQuery({
    queryKey: ['users'],
    queryFn: () => listUsers(),
    enabled: can(actor, 'user.read'),
  });
  const audit = useQuery({
    queryKey: ['audit', 'recent'],
    queryFn: () => searchAuditEvents(new URLSearchParams({ limit: '5' })),
    enabled: can(actor, 'audit.search'),
  });
  // What waits for this user, each item a link to where it is done.
  const desk = useQuery({ queryKey: ['desk'], queryFn: readDesk });
  const figures = useQuery({
    queryKey: ['figures', 'week'],
    queryFn: readFigures,
    enabled: can(actor, 'figures.read'),
  });
  // A partner's home shows the programmes it takes part in (each capability adds its own).
  const programmes = useQuery({ queryKey: ['programmes'], queryFn: listProgrammes, enabled: me.role === 'partner' });
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={3}>{t('dashboard.welcome', { name: me.name })}</Typography.Title>
        {warning && <Alert type="warning" showIcon title={t('dashboard.demo')} style={{ marginBottom: 16 }} />}
        <Descriptions column={1} bordered size="middle">
          <Descriptions.Item label={t('dashboard.org')}>{zh ? me.organization.nameZh : me.organization.nameEn}</Descriptions.Item>
          <Descriptions.Item label={t('dashboard.role')}>{zh ? ROLE_LABELS[me.role].zh : ROLE_LABELS[me.role].en}</Descriptions.Item>
          <Descriptions.Item label={t('signin.username')}>{me.username}</Descriptions.Item>
        </Descriptions>
      </Card>
      {(desk.data?.items.length ?? 0) > 0 && (
        <Card title={t('dashboard.desk')} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={[16, 16]}>
            {desk.data?.items.map((item) => (
              <Col xs={12} md={6} key={item.key}>
                <Link to={item.path} className="desk-item" data-testid={`desk-${item.key}`}>
                  <Statistic
                    title={DESK_LABELS[item.key]?.[zh ? 'zh' : 'en'] ?? item.key}
                    value={item.count}
                    styles={{ content: { color: item.count > 0 ? '#9f1d20' : undefined } }}
                  />
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      )}
      {programmes.data && (
        <Card title={t('programmes.title')} size="small" style={{ marginBottom: 16 }} data-testid="programmes">
          <List
            dataSource={programmes.data.items}
            locale={{ emptyText: t('programmes.empty') }}
            renderItem={(p) => (
              <List.Item>
                <List.Item.Meta title={<Link to={p.path}>{zh ? p.nameZh : p.nameEn}</Link>} description={zh ? p.partZh : p.partEn} />
              </List.Item>
            )}
          />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        {orgs.data && (
          <Col xs={24} md={8}>
            <Card>
              <Statistic title={t('dashboard.organizations')} value={orgs.data.items.length} />
            </Card>
          </Col>
        )}
        {users.data && (
          <Col xs={24} md={8}>
            <Card>
              <Statistic title={t('dashboard.users')} value={users.data.items.length} />
              <Typography.Text>{t('dashboard.locked', { n: users.data.items.filter((u) => u.locked).length })}</Typography.Text>
            </Card>
          </Col>
        )}
        {figures.data &&
          Object.entries(figures.data.figures).map(([name, values]) => (
            <Col xs={24} md={8} key={name}>
              <Card title={`${FIGURE_LABELS[name]?.title[zh ? 'zh' : 'en'] ?? name} · ${t('dashboard.lastWeek')}`} size="small">
                <Row gutter={8}>
                  {Object.entries(values).map(([key, value]) => (
                    <Col span={8} key={key}>
                      {/* Each figure opens the trend and the institutions behind it. */}
                      <Link to={`/console/figures?figure=${name}.${key}`} className="desk-item">
                        <Statistic title={FIGURE_LABELS[name]?.figures[key]?.[zh ? 'zh' : 'en'] ?? key} value={value} />
                      </Link>
                    </Col>
                  ))}
                </Row>
              </Card>
            </Col>
          ))}
        {audit.data && (
          <Col xs={24} md={16}>
            <Card title={t('dashboard.audit')} size="small">
              <List
                size="small"
                dataSource={audit.data.items}
                renderItem={(e) => (
                  <List.Item>
                    {dayjs(e.occurredAt).format('MM-DD HH:mm:ss')} · {e.action} · {e.outcome}
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        )}
      </Row>
    </>
  );
}
