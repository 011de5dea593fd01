import { formatShanghaiTime, type TokenView, type WebhookView } from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import {
  createToken,
  createWebhook,
  listGrantableScopes,
  listTokens,
  listWebhooks,
  pingWebhook,
  removeWebhook,
  revokeToken,
} from './api.ts';

/** API tokens and webhooks of the own organisation: what its systems may do, and where its events go. */
export function IntegrationsPage() {
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Tokens />
      <Webhooks />
    </Space>
  );
}

function Tokens() {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: ['api-tokens'], queryFn: listTokens });
  const scopes = useQuery({ queryKey: ['api-token-scopes'], queryFn: listGrantableScopes });
  const [form] = Form.useForm<{ name: string; scopes: string[]; expiresInDays: number }>();
  const { run, busy, error } = useAction(form);
  const refresh = () => client.invalidateQueries({ queryKey: ['api-tokens'] });
  return (
    <Card title={t('tokens.title')}>
      <Typography.Paragraph type="secondary">{t('tokens.help')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        initialValues={{ expiresInDays: 90 }}
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) =>
          run(async () => {
            const created = await createToken(v);
            modal.success({
              title: t('tokens.shown'),
              content: (
                <Typography.Text code copyable data-testid="token-value">
                  {created.token}
                </Typography.Text>
              ),
              width: 560,
            });
            form.resetFields();
            await refresh();
          })
        }
      >
        <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true }]}>
          <Input maxLength={100} style={{ width: 'min(180px, 60vw)' }} />
        </Form.Item>
        <Form.Item name="scopes" label={t('tokens.scopes')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            style={{ minWidth: 'min(220px, 60vw)' }}
            options={(scopes.data?.scopes ?? []).map((s) => ({ value: s, label: s }))}
          />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.days')} rules={[{ required: true }]}>
          <InputNumber min={1} max={366} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('tokens.create')}
        </Button>
      </Form>
      {error && <Alert type="error" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
      <Table<TokenView>
        rowKey="id"
        size="small"
        loading={tokens.isPending}
        dataSource={tokens.data?.items}
        scroll={{ x: 720 }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (count) => t('tokens.total', { count }) }}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          { title: t('tokens.scopes'), render: (_, k) => k.scopes.map((s) => <Tag key={s}>{s}</Tag>) },
          { title: t('tokens.expiresAt'), render: (_, k) => formatShanghaiTime(k.expiresAt) },
          { title: t('tokens.lastUsed'), render: (_, k) => (k.lastUsedAt ? formatShanghaiTime(k.lastUsedAt) : '—') },
          {
            title: t('tokens.status'),
            render: (_, k) => (k.revoked ? <Tag>{t('tokens.revoked')}</Tag> : <Tag color="#1b5e20">{t('tokens.active')}</Tag>),
          },
          {
            title: '',
            render: (_, k) =>
              k.revoked ? null : (
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: t('tokens.revokeConfirm', { name: k.name }),
                      okText: t('tokens.revoke'),
                      okButtonProps: { danger: true },
                      cancelText: t('common.cancel'),
                      onOk: async () => {
                        await revokeToken(k.id);
                        message.success(t('tokens.revoked.done'));
                        await refresh();
                      },
                    })
                  }
                >
                  {t('tokens.revoke')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}

function Webhooks() {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const hooks = useQuery({ queryKey: ['webhooks'], queryFn: listWebhooks });
  const [form] = Form.useForm<{ url: string }>();
  const { run, busy, error } = useAction(form);
  const refresh = () => client.invalidateQueries({ queryKey: ['webhooks'] });
  return (
    <Card title={t('webhooks.title')}>
      <Typography.Paragraph type="secondary">{t('webhooks.help')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) =>
          run(async () => {
            const created = await createWebhook(v.url.trim());
            modal.success({
              title: t('webhooks.secret'),
              content: (
                <Typography.Text code copyable>
                  {created.secret}
                </Typography.Text>
              ),
              width: 560,
            });
            form.resetFields();
            await refresh();
          })
        }
      >
        <Form.Item name="url" label={t('webhooks.url')} rules={[{ required: true, type: 'url' }]}>
          <Input placeholder="https://partner.example/shouhu/events" style={{ width: 'min(320px, 60vw)' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('webhooks.create')}
        </Button>
      </Form>
      {error && <Alert type="error" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
      <Table<WebhookView>
        rowKey="id"
        size="small"
        loading={hooks.isPending}
        dataSource={hooks.data?.items}
        pagination={false}
        scroll={{ x: 560 }}
        columns={[
          { title: t('webhooks.url'), dataIndex: 'url' },
          { title: t('webhooks.createdAt'), render: (_, h) => formatShanghaiTime(h.createdAt) },
          {
            title: '',
            render: (_, h) => (
              <Space>
                <Button
                  size="small"
                  onClick={async () => {
                    await pingWebhook(h.id);
                    message.success(t('webhooks.pinged'));
                  }}
                >
                  {t('webhooks.ping')}
                </Button>
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: t('webhooks.removeConfirm', { url: h.url }),
                      okText: t('webhooks.remove'),
                      okButtonProps: { danger: true },
                      cancelText: t('common.cancel'),
                      onOk: async () => {
                        await removeWebhook(h.id);
                        message.success(t('webhooks.removed'));
                        await refresh();
                      },
                    })
                  }
                >
                  {t('webhooks.remove')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
