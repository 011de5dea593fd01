import { type Me, ROLE_LABELS } from '@shouhu/common';
import { Alert, Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The landing page after sign-in: who you are, for whom, and what the role covers. */
export function DashboardPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  const warning = sessionStorage.getItem('shouhu.warning');
  return (
    <Card>
      <Typography.Title level={3}>{t('dashboard.welcome', { name: me.name })}</Typography.Title>
      {warning && <Alert type="warning" showIcon title={t('dashboard.demo')} style={{ marginBottom: 16 }} />}
      <Descriptions column={1} bordered size="middle">
        <Descriptions.Item label={t('dashboard.org')}>{zh ? me.organization.nameZh : me.organization.nameEn}</Descriptions.Item>
        <Descriptions.Item label={t('dashboard.role')}>{zh ? ROLE_LABELS[me.role].zh : ROLE_LABELS[me.role].en}</Descriptions.Item>
        <Descriptions.Item label={t('signin.username')}>{me.username}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
