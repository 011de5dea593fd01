import { type CompoundView, type Me, scopeOf } from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { CommitteePicker } from '../../components/CommitteePicker.tsx';
import { actorOf } from '../console/ConsoleLayout.tsx';
import { listCompounds, registerCompound } from './api.ts';

/** A committee's compounds: a committee registers its own, the regulator any committee's. */
export function CompoundsPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const anyCommittee = scopeOf(actorOf(me), 'compound.manage') === 'all';
  const ownCommittee = me.organization.committeeCode ?? undefined;
  const [picked, setPicked] = useState<string>();
  const committee = anyCommittee ? picked : ownCommittee;
  const compounds = useQuery({
    queryKey: ['compounds', committee],
    queryFn: () => listCompounds(committee as string),
    enabled: Boolean(committee),
  });
  const [form] = Form.useForm<{ name: string; address?: string }>();
  const { run, busy, error } = useAction(form);
  return (
    <Card title={t('menu.compounds')}>
      {anyCommittee && (
        <Form layout="vertical" style={{ maxWidth: 480 }}>
          <Form.Item label={t('places.committee')} htmlFor="committee">
            <CommitteePicker id="committee" value={picked} onChange={setPicked} />
          </Form.Item>
        </Form>
      )}
      {committee && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Table<CompoundView>
            rowKey="id"
            size="small"
            loading={compounds.isPending}
            dataSource={compounds.data?.items}
            locale={{ emptyText: t('places.noCompounds') }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('places.total', { count }) }}
            columns={[
              { title: t('places.compound'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
              { title: t('places.address'), render: (_, c) => c.address ?? '—' },
            ]}
          />
          <Form
            form={form}
            layout="inline"
            style={{ rowGap: 8 }}
            onFinish={(v) =>
              run(async () => {
                const made = await registerCompound({
                  committeeCode: committee,
                  name: v.name,
                  ...(v.address ? { address: v.address } : {}),
                });
                message.success(t('places.registered', { name: made.name }));
                form.resetFields();
                await client.invalidateQueries({ queryKey: ['compounds', committee] });
              })
            }
          >
            <Form.Item name="name" label={t('places.compound')} rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="address" label={t('places.address')}>
              <Input maxLength={200} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('places.register')}
            </Button>
          </Form>
          {error && <Alert type="error" title={error.describe(i18n.language)} />}
        </Space>
      )}
    </Card>
  );
}
