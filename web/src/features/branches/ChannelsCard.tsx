import { BRANCH_SERVICE_LABELS, BRANCH_SERVICES, CHANNEL_KINDS, type ChannelView } from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { addChannel, listChannels } from './api.ts';

/** The institution's online channels (C6): shown wherever one of its branches is closed, and when none is open near. */
export function ChannelsCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const client = useQueryClient();
  const channels = useQuery({ queryKey: ['channels'], queryFn: listChannels });
  const [form] = Form.useForm();
  const { run, busy, error } = useAction();

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
            await addChannel(v);
            form.resetFields();
            await client.invalidateQueries({ queryKey: ['channels'] });
          })
        }
      >
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
        {error && <Alert type="error" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <Button htmlType="submit" loading={busy}>
          {t('branches.addChannel')}
        </Button>
      </Form>
    </Card>
  );
}
