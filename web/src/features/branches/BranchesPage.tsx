import { ADJUSTMENT_REASONS, type AdjustmentInput, type BranchView, formatWeeklyHours } from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { ImportResult, useFileImport } from '../../components/ImportResult.tsx';
import { listBranchFlags } from '../zones/api.ts';
import { addAdjustment, importBranches, listBranches } from './api.ts';
import { BranchEditor } from './BranchEditor.tsx';
import { ChannelsCard } from './ChannelsCard.tsx';

interface AdjustForm {
  dates: [Dayjs, Dayjs];
  closed: boolean;
  open?: string;
  close?: string;
  reason: AdjustmentInput['reason'];
  publicNote?: string;
}

/** The institution's branches: close one or change its hours for some dates, import and export, and zone flags. */
export function BranchesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const branches = useQuery({ queryKey: ['branches'], queryFn: listBranches });
  const flags = useQuery({ queryKey: ['branch-flags'], queryFn: () => listBranchFlags() });
  const [adjusting, setAdjusting] = useState<BranchView>();
  // A branch being edited, or {} for a new one.
  const [editing, setEditing] = useState<{ branch?: BranchView }>();
  const [form] = Form.useForm<AdjustForm>();
  const { run, busy, error } = useAction();
  const imports = useFileImport(importBranches);
  const flagged = new Map((flags.data?.items ?? []).map((f) => [f.branchId, f]));

  const submit = (v: AdjustForm) =>
    run(async () => {
      await addAdjustment(adjusting?.id as string, {
        from: v.dates[0].format('YYYY-MM-DD'),
        to: v.dates[1].format('YYYY-MM-DD'),
        closed: v.closed,
        ...(v.closed ? {} : { hours: [{ open: v.open as string, close: v.close as string }] }),
        reason: v.reason,
        publicNote: v.publicNote,
      });
      setAdjusting(undefined);
      form.resetFields();
      message.success(t('branches.saved'));
      await client.invalidateQueries({ queryKey: ['branch-flags'] });
    });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('menu.branches')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => setEditing({})}>
            {t('branches.add')}
          </Button>
          <Button href="/api/v1/branches/export?format=xlsx">{t('branches.export')}</Button>
          <Upload accept=".csv,.xlsx" showUploadList={false} customRequest={({ file }) => void imports.upload(file as File)}>
            <Button>{t('branches.import')}</Button>
          </Upload>
        </Space>
        <ImportResult imports={imports} title={imports.answer && t('branches.importStarted', { count: imports.answer.accepted })} />
        {(flags.data?.items.length ?? 0) > 0 && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('branches.flagged', { count: flags.data?.items.length })} />
        )}
        <Table<BranchView>
          rowKey="id"
          size="small"
          loading={branches.isPending}
          dataSource={branches.data?.items}
          pagination={{ pageSize: 20 }}
          scroll={{ x: 760 }}
          columns={[
            { title: t('branches.code'), dataIndex: 'code' },
            {
              title: t('network.branch'),
              dataIndex: 'nameZh',
              render: (name: string, b) =>
                flagged.has(b.id) ? (
                  <>
                    {name} <Tag color="#5e35b1">{t('branches.inZone')}</Tag>
                  </>
                ) : (
                  name
                ),
            },
            { title: t('network.address'), dataIndex: 'address' },
            { title: t('branches.hours'), render: (_, b) => formatWeeklyHours(b.weeklyHours) },
            {
              title: '',
              render: (_, b) => (
                <Space>
                  <Button size="small" onClick={() => setEditing({ branch: b })}>
                    {t('branches.edit')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => {
                      form.setFieldsValue({ closed: flagged.has(b.id), reason: flagged.has(b.id) ? 'lockdown_zone' : 'staffing' });
                      setAdjusting(b);
                    }}
                  >
                    {t('branches.adjust')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
        <Modal
          title={`${t('branches.adjust')} · ${adjusting?.nameZh ?? ''}`}
          open={adjusting !== undefined}
          onOk={() => form.submit()}
          onCancel={() => setAdjusting(undefined)}
          okText={t('common.save')}
          cancelText={t('common.cancel')}
          confirmLoading={busy}
          destroyOnHidden
        >
          {error && <Alert type="error" role="alert" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ closed: true, reason: 'staffing' }}>
            <Form.Item label={t('notice.dates')} name="dates" rules={[{ required: true }]}>
              <DatePicker.RangePicker aria-label={t('notice.dates')} />
            </Form.Item>
            <Form.Item label={t('notice.adjustment')} name="closed">
              <Radio.Group
                options={[
                  { value: true, label: t('notice.closed') },
                  { value: false, label: t('branches.otherHours') },
                ]}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.closed !== b.closed}>
              {({ getFieldValue }) =>
                getFieldValue('closed') ? null : (
                  <Space>
                    <Form.Item label={t('branches.opens')} name="open" rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/ }]}>
                      <Input placeholder="10:00" />
                    </Form.Item>
                    <Form.Item label={t('branches.closes')} name="close" rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/ }]}>
                      <Input placeholder="15:00" />
                    </Form.Item>
                  </Space>
                )
              }
            </Form.Item>
            <Form.Item label={t('branches.reason')} name="reason">
              <Select
                options={ADJUSTMENT_REASONS.map((r) => ({
                  value: r,
                  label: t(`branches.reason.${r}`),
                }))}
              />
            </Form.Item>
            <Form.Item label={t('branches.note')} name="publicNote">
              <Input maxLength={200} />
            </Form.Item>
          </Form>
        </Modal>
        <BranchEditor branch={editing?.branch} open={editing !== undefined} onClose={() => setEditing(undefined)} />
      </Card>
      <ChannelsCard />
    </Space>
  );
}
