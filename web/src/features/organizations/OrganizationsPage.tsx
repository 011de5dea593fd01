import {
  compareText,
  isCommitteePartner,
  ORGANIZATION_KIND_LABELS,
  ORGANIZATION_KINDS,
  type Organization,
  type OrganizationInput,
  type OrganizationKind,
  PARTNER_KIND_LABELS,
  PARTNER_KINDS,
  type PartnerKind,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAction } from '../../api/useAction.ts';
import { CommitteePicker } from '../../components/CommitteePicker.tsx';
import { downloadCsv } from '../../components/csv.ts';
import { createOrganization, listOrganizations } from './api.ts';

/** The regulator's register of organisations: banks, insurers, associations and partners of every kind. */
export function OrganizationsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const orgs = useQuery({ queryKey: ['organizations'], queryFn: listOrganizations });
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<OrganizationKind | 'all'>('all');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<OrganizationInput>();
  const { run, busy, error } = useAction(form);
  const chosenKind = Form.useWatch('kind', form);
  const chosenPartnerKind = Form.useWatch('partnerKind', form) as PartnerKind | undefined;

  const kindOf = (o: Organization) =>
    o.kind === 'partner' && o.partnerKind ? PARTNER_KIND_LABELS[o.partnerKind][lang] : ORGANIZATION_KIND_LABELS[o.kind][lang];
  const needle = search.trim().toLowerCase();
  const rows = (orgs.data?.items ?? []).filter(
    (o) =>
      (kind === 'all' || o.kind === kind) &&
      (!needle || o.nameZh.includes(needle) || o.nameEn.toLowerCase().includes(needle) || o.code.includes(needle)),
  );
  const save = (v: OrganizationInput) =>
    run(async () => {
      const body: OrganizationInput = {
        code: v.code.trim(),
        kind: v.kind,
        nameZh: v.nameZh.trim(),
        nameEn: v.nameEn.trim(),
        ...(v.uscc ? { uscc: v.uscc } : {}),
        ...(v.kind === 'partner' && v.partnerKind ? { partnerKind: v.partnerKind } : {}),
        ...(v.kind === 'partner' && isCommitteePartner(v.partnerKind) && v.committeeCode ? { committeeCode: v.committeeCode } : {}),
      };
      const created = await createOrganization(body);
      message.success(t('orgs.created', { name: lang === 'en' ? created.nameEn : created.nameZh }));
      setCreating(false);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['organizations'] });
    });

  return (
    <Card
      title={t('menu.organizations')}
      extra={
        <Space wrap>
          <Button
            onClick={() =>
              downloadCsv('organizations.csv', [
                [t('orgs.code'), t('orgs.nameZh'), t('orgs.nameEn'), t('orgs.kind'), t('orgs.committee'), t('orgs.uscc')],
                ...rows.map((o) => [o.code, o.nameZh, o.nameEn, kindOf(o), o.committeeCode ?? '', o.uscc ?? '']),
              ])
            }
          >
            {t('orgs.export')}
          </Button>
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('orgs.create')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('orgs.search')} onChange={(e) => setSearch(e.target.value)} style={{ width: 240 }} />
        <Select<OrganizationKind | 'all'>
          value={kind}
          onChange={setKind}
          style={{ width: 160 }}
          aria-label={t('orgs.kind')}
          options={[
            { value: 'all', label: t('orgs.allKinds') },
            ...ORGANIZATION_KINDS.map((k) => ({ value: k, label: ORGANIZATION_KIND_LABELS[k][lang] })),
          ]}
        />
      </Space>
      <Table<Organization>
        rowKey="id"
        size="middle"
        loading={orgs.isPending}
        dataSource={rows}
        pagination={{ pageSize: 20, showTotal: (total) => t('orgs.total', { count: total }) }}
        columns={[
          // On a phone the name, kind and users fit; the code shows from tablets up.
          { title: t('orgs.code'), dataIndex: 'code', sorter: (a, b) => compareText(a.code, b.code), width: 200, responsive: ['md'] },
          {
            title: t('orgs.nameZh'),
            sorter: (a, b) => compareText(a.nameZh, b.nameZh),
            render: (_, o) => (lang === 'en' ? o.nameEn : o.nameZh),
          },
          { title: t('orgs.kind'), width: 130, sorter: (a, b) => compareText(kindOf(a), kindOf(b)), render: (_, o) => kindOf(o) },
          {
            title: '',
            width: 64,
            render: (_, o) => <Link to={`/console/users?orgId=${o.id}`}>{t('orgs.users')}</Link>,
          },
        ]}
      />
      <Modal
        title={t('orgs.create')}
        open={creating}
        onCancel={() => setCreating(false)}
        onOk={() =>
          void form.validateFields().then(() => {
            modal.confirm({
              title: t('orgs.confirm'),
              okText: t('orgs.create'),
              cancelText: t('common.cancel'),
              onOk: () => form.submit(),
            });
          })
        }
        okText={t('orgs.create')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
      >
        {error && <Alert type="error" role="alert" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <Form<OrganizationInput> form={form} layout="vertical" initialValues={{ kind: 'partner' }} onFinish={(v) => void save(v)}>
          <Form.Item name="kind" label={t('orgs.kind')} rules={[{ required: true }]}>
            <Select options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: ORGANIZATION_KIND_LABELS[k][lang] }))} />
          </Form.Item>
          {chosenKind === 'partner' && (
            <Form.Item name="partnerKind" label={t('orgs.partnerKind')} rules={[{ required: true }]}>
              <Select options={PARTNER_KINDS.map((k) => ({ value: k, label: PARTNER_KIND_LABELS[k][lang] }))} />
            </Form.Item>
          )}
          {chosenKind === 'partner' && isCommitteePartner(chosenPartnerKind) && (
            <Form.Item name="committeeCode" label={t('orgs.committee')} rules={[{ required: true }]}>
              <CommitteePicker />
            </Form.Item>
          )}
          <Form.Item name="nameZh" label={t('orgs.nameZh')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('orgs.nameEn')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('orgs.code')}
            extra={t('orgs.codeHelp')}
            rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{1,39}$/ }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="uscc" label={t('orgs.uscc')}>
            <Input maxLength={40} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
