import { type Me, type OrganizationKind, ROLE_LABELS, ROLES_BY_KIND, scopeOf, type UserInput, type UserView } from '@shouhu/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { showFieldErrors } from '../../api/useAction.ts';
import { toApiError } from '../../app/query.ts';
import { RevealButton } from '../../components/RevealButton.tsx';
import { actorOf } from '../console/ConsoleLayout.tsx';
import { listOrganizations } from '../organizations/api.ts';
import { createUser, listUsers, resetUserPassword, setUserDisabled } from './api.ts';

/**
 * Users of the own organisation (the regulator: of any organisation, chosen above the table, so
 * a new partner gets its first user here): create, reset a password, disable; personal data masked.
 */
export function UsersPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const everyOrganization = scopeOf(actorOf(me), 'user.manage') === 'all';
  const [params, setParams] = useSearchParams();
  // The regulator sees every organisation's users until it picks one; a new user goes to the one picked (else its own).
  const picked = everyOrganization ? (params.get('orgId') ?? undefined) : undefined;
  const orgId = picked ?? me.organization.id;
  const organizations = useQuery({ queryKey: ['organizations'], queryFn: listOrganizations, enabled: everyOrganization });
  const org = organizations.data?.items.find((o) => o.id === orgId);
  const orgKind = (org?.kind ?? me.organization.kind) as OrganizationKind;
  const listed = everyOrganization ? picked : orgId;
  const users = useQuery({ queryKey: ['users', listed ?? 'all'], queryFn: () => listUsers(listed) });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const refresh = () => client.invalidateQueries({ queryKey: ['users'] });

  const create = useMutation({
    mutationFn: (values: Omit<UserInput, 'orgId'>) => createUser({ ...values, orgId }),
    onSuccess: () => {
      setCreating(false);
      form.resetFields();
      message.success(t('users.created'));
      void refresh();
    },
    // The fields the server refused show their reason beside them.
    onError: (err) => showFieldErrors(form, toApiError(err)),
  });
  // Both end what the user can do now: each asks first, and says when it is done.
  const reset = (user: UserView) =>
    modal.confirm({
      title: t('users.resetConfirm', { username: user.username }),
      okText: t('users.reset'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        const r = await resetUserPassword(user.id);
        modal.info({
          title: t('users.reset'),
          content: <code data-testid="temporary-password">{t('users.resetDone', { password: r.temporaryPassword })}</code>,
        });
      },
    });
  const toggle = (user: UserView) =>
    modal.confirm({
      title: t(user.disabled ? 'users.enableConfirm' : 'users.disableConfirm', { username: user.username }),
      okText: user.disabled ? t('users.enable') : t('users.disable'),
      okButtonProps: { danger: !user.disabled },
      cancelText: t('common.cancel'),
      onOk: async () => {
        await setUserDisabled(user.id, !user.disabled);
        message.success(t(user.disabled ? 'users.enabledDone' : 'users.disabledDone', { username: user.username }));
        await refresh();
      },
    });
  const roleLabel = (role: keyof typeof ROLE_LABELS) => (zh ? ROLE_LABELS[role].zh : ROLE_LABELS[role].en);

  return (
    <Card
      title={
        everyOrganization ? (
          <Space wrap>
            {t('menu.users')}
            <Select
              showSearch
              optionFilterProp="label"
              allowClear
              placeholder={t('users.allOrganizations')}
              value={picked}
              onChange={(id?: string) => setParams(id ? { orgId: id } : {})}
              style={{ minWidth: 260 }}
              aria-label={t('users.organization')}
              options={(organizations.data?.items ?? []).map((o) => ({ value: o.id, label: zh ? o.nameZh : o.nameEn }))}
            />
          </Space>
        ) : (
          t('menu.users')
        )
      }
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      }
    >
      {users.error && <Alert type="error" title={toApiError(users.error)?.describe(i18n.language)} />}
      <Table<UserView>
        rowKey="id"
        loading={users.isPending}
        dataSource={users.data?.items}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.name'), render: (_, u) => <RevealButton masked={u.name} recordType="user" recordId={u.id} field="name" /> },
          {
            title: t('users.mobile'),
            render: (_, u) => (u.mobile ? <RevealButton masked={u.mobile} recordType="user" recordId={u.id} field="mobile" /> : '—'),
          },
          {
            title: t('users.email'),
            render: (_, u) => (u.email ? <RevealButton masked={u.email} recordType="user" recordId={u.id} field="email" /> : '—'),
          },
          { title: t('users.role'), render: (_, u) => roleLabel(u.role) },
          {
            title: t('users.status'),
            render: (_, u) =>
              u.disabled ? (
                <Tag color="#555">{t('users.disabled')}</Tag>
              ) : u.locked ? (
                <Tag color="#8a4b00">{t('users.locked')}</Tag>
              ) : (
                <Tag color="#1b5e20">{t('users.active')}</Tag>
              ),
          },
          {
            title: '',
            render: (_, u) =>
              u.id === me.id ? null : (
                <Space>
                  <Button size="small" onClick={() => void reset(u)}>
                    {t('users.reset')}
                  </Button>
                  <Button size="small" onClick={() => void toggle(u)}>
                    {u.disabled ? t('users.enable') : t('users.disable')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        title={t('users.create')}
        open={creating}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
      >
        {create.error && (
          <Alert type="error" role="alert" title={toApiError(create.error)?.describe(i18n.language)} style={{ marginBottom: 12 }} />
        )}
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item label={t('users.username')} name="username" rules={[{ required: true, pattern: /^[A-Za-z0-9._-]{3,64}$/ }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label={t('users.name')} name="name" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('users.mobile')} name="mobile">
            <Input inputMode="tel" />
          </Form.Item>
          <Form.Item label={t('users.email')} name="email" rules={[{ type: 'email' }]}>
            <Input inputMode="email" autoComplete="off" />
          </Form.Item>
          <Form.Item label={t('users.role')} name="role" rules={[{ required: true }]}>
            <Select options={(ROLES_BY_KIND[orgKind] ?? []).map((r) => ({ value: r, label: roleLabel(r) }))} />
          </Form.Item>
          <Form.Item label={t('users.password')} name="password" rules={[{ required: true, min: 12 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
