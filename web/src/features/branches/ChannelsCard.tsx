import { BRANCH_SERVICE_LABELS, BRANCH_SERVICES, CHANNEL_KINDS, type ChannelView } from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { CorrectingNotice, CorrectionReason } from '../../components/Correcting.tsx';
import { WithdrawButton } from '../../components/WithdrawButton.tsx';
import { addChannel, changeChannel, listChannels, withdrawChannel } from './api.ts';

/** The institution's online channels (C6): shown wherever one of its branches is closed, and when none is open near. */
export function ChannelsCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const client = useQueryClient();
  const channels = useQuery({ queryKey: ['channels'], queryFn: listChannels });
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { run, busy, error } = useAction(form);
  // The channel being corrected in the form, instead of a new one.
  const [correcting, setCorrecting] = useState<ChannelView>();
  const refresh = () => client.invalidateQueries({ queryKey: ['channels'] });

  return (
    <Card title={t('branches.channels')}>
      <Table<ChannelView>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={channels.data?.items}
        columns={[
          { title: t('branches.channelKind'), dataIndex: 'kind', render: (k: ChannelView['kind']) => t(`branches.kind.${k}`) },
          { title: t('branches.channelName'), dataIndex: 'name' },
          { title: t('branches.channelAddress'), dataIndex: 'address' },
          {
            title: t('branches.services'),
            dataIndex: 'services',
            render: (s: string[]) => s.map((x) => BRANCH_SERVICE_LABELS[x as 'cash']?.[lang] ?? x).join('、'),
          },
          {
            title: '',
            render: (_, c) => (
              <Space>
                <Button
                  size="small"
                  onClick={() => {
                    setCorrecting(c);
                    form.setFieldsValue({ kind: c.kind, name: c.name, address: c.address, services: c.services, changeReason: undefined });
                  }}
                >
                  {t('correct.button')}
                </Button>
                <WithdrawButton
                  what={t('branches.theChannel')}
                  onWithdraw={async (reason) => {
                    await withdrawChannel(c.id, reason);
                    await refresh();
                  }}
                />
              </Space>
            ),
          },
        ]}
      />
      <Form
        form={form}
        name="channel"
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{ kind: 'app', services: ['cash'] }}
        onFinish={(v) =>
          run(async () => {
            if (correcting) await changeChannel(correcting.id, v);
            else await addChannel(v);
            message.success(correcting ? t('correct.done') : t('branches.channelAdded'));
            setCorrecting(undefined);
            form.resetFields();
            await refresh();
          })
        }
      >
        {correcting && (
          <CorrectingNotice
            what={correcting.name}
            onCancel={() => {
              setCorrecting(undefined);
              form.resetFields();
            }}
          />
        )}
        <Form.Item name="kind" label={t('branches.channelKind')} rules={[{ required: true }]}>
          <Select options={CHANNEL_KINDS.map((k) => ({ value: k, label: t(`branches.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('branches.channelName')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="address" label={t('branches.channelAddress')} rules={[{ required: true }]}>
          <Input maxLength={300} />
        </Form.Item>
        {/* No "required" here: antd would put aria-required on the group's plain div; the server names the field. */}
        <Form.Item name="services" label={t('branches.services')}>
          <Checkbox.Group options={BRANCH_SERVICES.map((s) => ({ value: s, label: BRANCH_SERVICE_LABELS[s][lang] }))} />
        </Form.Item>
        {correcting && <CorrectionReason />}
        {error && <Alert type="error" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <Button htmlType="submit" loading={busy}>
          {correcting ? t('correct.button') : t('branches.addChannel')}
        </Button>
      </Form>
    </Card>
  );
}
