import {
  ADJUSTMENT_REASONS,
  type AdjustmentInput,
  type AdjustmentView,
  BRANCH_STATUS_LABELS,
  BRANCH_STATUSES,
  type BranchListItem,
  type BranchStatus,
  type BranchView,
  compareText,
  describeWeeklyHours,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { CorrectingNotice, CorrectionReason } from '../../components/Correcting.tsx';
import { ImportResult, useFileImport } from '../../components/ImportResult.tsx';
import { WithdrawButton } from '../../components/WithdrawButton.tsx';
import { listBranchFlags } from '../zones/api.ts';
import { addAdjustment, changeAdjustment, importBranches, listAdjustments, listBranches, withdrawAdjustment } from './api.ts';
import { BranchEditor } from './BranchEditor.tsx';
import { ChannelsCard } from './ChannelsCard.tsx';

// Dark enough for white text (WCAG AA).
const STATUS_COLOURS: Record<BranchStatus, string> = { open: '#1b5e20', adjusted: '#8a4b00', closed: '#9f1d20', flagged: '#5e35b1' };

interface AdjustForm {
  dates: [Dayjs, Dayjs];
  closed: boolean;
  open?: string;
  close?: string;
  reason: AdjustmentInput['reason'];
  publicNote?: string;
  changeReason?: string;
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
  const { run, busy, error } = useAction(form);
  // An adjustment of the branch being corrected in the form, instead of a new one.
  const [correcting, setCorrecting] = useState<AdjustmentView>();
  const history = useQuery({
    queryKey: ['adjustments', adjusting?.id],
    queryFn: () => listAdjustments(adjusting?.id as string),
    enabled: adjusting !== undefined,
  });
  const close = () => {
    setAdjusting(undefined);
    setCorrecting(undefined);
    form.resetFields();
  };
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['adjustments'] });
    await client.invalidateQueries({ queryKey: ['branch-flags'] });
  };
  const correct = (a: AdjustmentView) => {
    setCorrecting(a);
    form.setFieldsValue({
      dates: [dayjs(a.from), dayjs(a.to)],
      closed: a.closed,
      open: a.hours?.[0]?.open,
      close: a.hours?.[0]?.close,
      reason: a.reason as AdjustmentInput['reason'],
      publicNote: a.publicNote ?? undefined,
      changeReason: undefined,
    });
  };
  const describeAdjustment = (a: AdjustmentView) =>
    `${a.from === a.to ? a.from : `${a.from} – ${a.to}`} · ${a.closed ? t('notice.closed') : (a.hours ?? []).map((h) => `${h.open}-${h.close}`).join('、')}`;
  const imports = useFileImport(importBranches);
  const flagged = new Map((flags.data?.items ?? []).map((f) => [f.branchId, f]));
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<BranchStatus>();
  // Today's status: the adjustment in force, and a branch still open inside a sealed area is "flagged".
  const statusOf = (b: BranchListItem): BranchStatus => (b.today !== 'closed' && flagged.has(b.id) ? 'flagged' : b.today);
  const words = search.trim().toLowerCase();
  const shown = (branches.data?.items ?? []).filter(
    (b) =>
      (!status || statusOf(b) === status) &&
      (!words || `${b.code} ${b.nameZh} ${b.nameEn ?? ''} ${b.address}`.toLowerCase().includes(words)),
  );

  const submit = (v: AdjustForm) =>
    run(async () => {
      const content: AdjustmentInput = {
        from: v.dates[0].format('YYYY-MM-DD'),
        to: v.dates[1].format('YYYY-MM-DD'),
        closed: v.closed,
        ...(v.closed ? {} : { hours: [{ open: v.open as string, close: v.close as string }] }),
        reason: v.reason,
        ...(v.publicNote ? { publicNote: v.publicNote } : {}),
      };
      const branchId = adjusting?.id as string;
      if (correcting) await changeAdjustment(branchId, correcting.id, { ...content, changeReason: v.changeReason ?? '' });
      else await addAdjustment(branchId, content);
      message.success(correcting ? t('correct.done') : t('branches.saved'));
      close();
      await refresh();
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
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            aria-label={t('branches.search')}
            placeholder={t('branches.search')}
            allowClear
            onSearch={setSearch}
            onChange={(e) => !e.target.value && setSearch('')}
            style={{ width: 280 }}
          />
          <Select
            aria-label={t('branches.status')}
            placeholder={t('branches.allStatuses')}
            allowClear
            value={status}
            onChange={setStatus}
            style={{ minWidth: 180 }}
            options={BRANCH_STATUSES.map((s) => ({ value: s, label: BRANCH_STATUS_LABELS[s][lang] }))}
          />
        </Space>
        <Table<BranchListItem>
          rowKey="id"
          size="small"
          loading={branches.isPending}
          dataSource={shown}
          pagination={{ pageSize: 20, showTotal: (total) => t('branches.total', { count: total }) }}
          scroll={{ x: 900 }}
          columns={[
            { title: t('branches.code'), dataIndex: 'code', sorter: (a, b) => compareText(a.code, b.code), defaultSortOrder: 'ascend' },
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
            {
              title: t('branches.status'),
              sorter: (a, b) => BRANCH_STATUSES.indexOf(statusOf(a)) - BRANCH_STATUSES.indexOf(statusOf(b)),
              render: (_, b) => <Tag color={STATUS_COLOURS[statusOf(b)]}>{BRANCH_STATUS_LABELS[statusOf(b)][lang]}</Tag>,
            },
            { title: t('branches.hours'), render: (_, b) => describeWeeklyHours(b.weeklyHours, lang) },
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
          onCancel={close}
          okText={correcting ? t('correct.button') : t('common.save')}
          cancelText={t('common.cancel')}
          confirmLoading={busy}
          width={760}
          destroyOnHidden
        >
          <Table<AdjustmentView>
            rowKey="id"
            size="small"
            pagination={false}
            loading={history.isPending}
            dataSource={history.data?.items}
            locale={{ emptyText: t('branches.noAdjustments') }}
            style={{ marginBottom: 16 }}
            columns={[
              { title: t('notice.adjustment'), render: (_, a) => describeAdjustment(a) },
              { title: t('branches.reason'), dataIndex: 'reason', render: (r: string) => t(`branches.reason.${r as 'other'}`) },
              {
                title: t('branches.adjustmentStatus'),
                render: (_, a) =>
                  a.withdrawnAt ? (
                    <Tag>{t('branches.withdrawnBecause', { reason: a.withdrawnReason })}</Tag>
                  ) : (
                    <Tag color="#1b5e20">{t('branches.inForce')}</Tag>
                  ),
              },
              {
                title: '',
                render: (_, a) =>
                  a.withdrawnAt ? null : (
                    <Space>
                      <Button size="small" onClick={() => correct(a)}>
                        {t('correct.button')}
                      </Button>
                      <WithdrawButton
                        what={t('branches.theAdjustment')}
                        listedInNotice
                        onWithdraw={async (reason) => {
                          await withdrawAdjustment(a.branchId, a.id, reason);
                          if (correcting?.id === a.id) setCorrecting(undefined);
                          await refresh();
                        }}
                      />
                    </Space>
                  ),
              },
            ]}
          />
          {error && <Alert type="error" role="alert" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
          {correcting && (
            <CorrectingNotice
              what={describeAdjustment(correcting)}
              onCancel={() => {
                setCorrecting(undefined);
                form.resetFields();
              }}
            />
          )}
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
            {correcting && <CorrectionReason />}
          </Form>
        </Modal>
        <BranchEditor branch={editing?.branch} open={editing !== undefined} onClose={() => setEditing(undefined)} />
      </Card>
      <ChannelsCard />
    </Space>
  );
}
