import {
  can,
  compareText,
  DIRECTIVE_URGENCY_LABELS,
  describeHours,
  describePeriod,
  formatShanghaiTime,
  isPeriodOpen,
  type Me,
  type PeriodRow,
  REPORT_PERIOD_LABELS,
  REPORT_STATUS_LABELS,
  type RecipientView,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAction } from '../../api/useAction.ts';
import { actorOf } from '../console/ConsoleLayout.tsx';
import { acknowledgeDirective, getDirective, listPeriodRows, reopenPeriod, templateUrl, uploadReport } from './api.ts';

const STATE_COLORS: Record<PeriodRow['state'], string> = {
  submitted: 'blue',
  accepted: 'green',
  returned: 'orange',
  withdrawn: 'default',
  missing: 'red',
  due: 'gold',
};

/** One directive: its text and actions, who has acknowledged it, and its form's periods with each institution's report. */
export function DirectivePage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const actor = actorOf(me);
  const directive = useQuery({ queryKey: ['directives', id], queryFn: () => getDirective(id) });
  const form = directive.data?.form;
  const periods = useQuery({
    queryKey: ['directives', id, 'periods'],
    queryFn: () => listPeriodRows(form?.id ?? ''),
    enabled: Boolean(form),
  });
  const ack = useAction();
  const upload = useAction();
  const [reopening, setReopening] = useState<PeriodRow>();
  const [reopenForm] = Form.useForm<{ hours: number; reason: string }>();
  const reopen = useAction(reopenForm);
  const refresh = () => client.invalidateQueries({ queryKey: ['directives'] });

  if (!directive.data)
    return <Card loading={directive.isPending}>{directive.error && <Alert type="error" title={String(directive.error)} />}</Card>;
  const d = directive.data;
  const mine = d.recipients.find((r) => r.orgId === me.organization.id);
  const isRecipient = can(actor, 'directive.receive') && mine !== undefined;
  const acknowledged = d.recipients.filter((r) => r.acknowledgedAt).length;

  const acknowledge = () =>
    modal.confirm({
      title: t('dir.acknowledgeConfirm'),
      okText: t('dir.acknowledge'),
      cancelText: t('common.cancel'),
      onOk: () =>
        ack.run(async () => {
          await acknowledgeDirective(id);
          message.success(t('dir.acknowledgedMsg'));
          await refresh();
        }),
    });

  const sendFile = (row: PeriodRow, file: File) =>
    upload.run(async () => {
      const report = await uploadReport(form?.id ?? '', row.period, file);
      message.success(t('rep.uploaded'));
      await refresh();
      void navigate(`/console/reports/${report.id}`);
    });

  const periodColumns = [
    ...(isRecipient
      ? []
      : [{ title: t('dir.org'), dataIndex: 'orgName', sorter: (a: PeriodRow, b: PeriodRow) => compareText(a.orgName, b.orgName) }]),
    {
      title: t('rep.period'),
      dataIndex: 'period',
      sorter: (a: PeriodRow, b: PeriodRow) => a.period.localeCompare(b.period),
      render: (p: string) => <span className="nowrap">{form ? describePeriod(form, p) : p}</span>,
    },
    { title: t('rep.dueAt'), dataIndex: 'dueAt', render: (v: string) => formatShanghaiTime(v), responsive: ['md' as const] },
    {
      title: t('rep.state'),
      filters: Object.keys(STATE_COLORS).map((s) => ({ text: REPORT_STATUS_LABELS[s as PeriodRow['state']][lang], value: s })),
      onFilter: (value: unknown, r: PeriodRow) => r.state === value,
      render: (_: unknown, r: PeriodRow) => (
        <Space size={4} wrap>
          <Tag color={STATE_COLORS[r.state]}>{REPORT_STATUS_LABELS[r.state][lang]}</Tag>
          {r.late && <Tag color="volcano">{t('rep.late')}</Tag>}
          {r.reopenedUntil && <Tag color="cyan">{t('rep.reopenedUntil', { until: formatShanghaiTime(r.reopenedUntil) })}</Tag>}
        </Space>
      ),
    },
    {
      title: '',
      render: (_: unknown, r: PeriodRow) => {
        const open = isPeriodOpen(r);
        return (
          <Space wrap>
            {r.reportId && <Link to={`/console/reports/${r.reportId}`}>{t('rep.view')}</Link>}
            {isRecipient && open && <Link to={`/console/report-forms/${form?.id}/${r.period}`}>{t('rep.fill')}</Link>}
            {isRecipient && open && (
              <Upload
                accept=".xlsx"
                showUploadList={false}
                beforeUpload={(file) => {
                  void sendFile(r, file);
                  return false;
                }}
              >
                <Button size="small" aria-label={`${t('rep.upload')} ${r.period}`}>
                  {t('rep.upload')}
                </Button>
              </Upload>
            )}
            {isRecipient && r.state === 'missing' && !r.reopenedUntil && <Tag>{t('rep.locked')}</Tag>}
            {can(actor, 'report.review') && r.state === 'missing' && !r.reopenedUntil && (
              <Button size="small" onClick={() => setReopening(r)}>
                {t('rep.reopen')}
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <>
            {d.urgency === 'urgent' && <Tag color="red">{DIRECTIVE_URGENCY_LABELS.urgent[lang]}</Tag>}
            {d.documentNumber} {d.title}
          </>
        }
        extra={
          <Space>
            <Link to="/console/directives">{t('dir.back')}</Link>
            {isRecipient && !mine?.acknowledgedAt && (
              <Button type="primary" loading={ack.busy} onClick={acknowledge}>
                {t('dir.acknowledge')}
              </Button>
            )}
          </Space>
        }
      >
        {ack.error && <Alert type="error" role="alert" title={ack.error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('dir.issuer')}>{d.issuerName}</Descriptions.Item>
          <Descriptions.Item label={t('dir.issuedAt')}>{formatShanghaiTime(d.issuedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('dir.ackBy')}>
            {formatShanghaiTime(d.acknowledgeBy)}（{describeHours(d.acknowledgeWithinHours, lang)}）
          </Descriptions.Item>
          <Descriptions.Item label={t('dir.acked')}>
            {isRecipient
              ? mine?.acknowledgedAt
                ? `${formatShanghaiTime(mine.acknowledgedAt)} ${mine.acknowledgedBy ?? ''}`
                : t('dir.notYet')
              : t('dir.ackCount', { done: acknowledged, all: d.recipients.length })}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.body}</Typography.Paragraph>
        {d.actions.length > 0 && (
          <>
            <Typography.Title level={5}>{t('dir.actions')}</Typography.Title>
            <ol>
              {d.actions.map((a) => (
                <li key={a.title}>
                  {a.title}（{t('dir.dueOn')} {a.dueOn}）
                </li>
              ))}
            </ol>
          </>
        )}
      </Card>
      {!isRecipient && (
        <Card title={t('dir.recipients')} size="small">
          <Table<RecipientView>
            rowKey="orgId"
            size="small"
            dataSource={d.recipients}
            pagination={{ pageSize: 20, showTotal: () => t('dir.ackCount', { done: acknowledged, all: d.recipients.length }) }}
            columns={[
              { title: t('dir.org'), dataIndex: 'orgName', sorter: (a, b) => compareText(a.orgName, b.orgName) },
              {
                title: t('dir.acked'),
                sorter: (a, b) => (a.acknowledgedAt ?? '9').localeCompare(b.acknowledgedAt ?? '9'),
                render: (_, r) =>
                  r.acknowledgedAt ? (
                    <Tag color="green">{t('dir.acked')}</Tag>
                  ) : r.overdue ? (
                    <Tag color="red">{t('dir.overdue')}</Tag>
                  ) : (
                    <Tag color="orange">{t('dir.notYet')}</Tag>
                  ),
              },
              { title: t('dir.ackAt'), render: (_, r) => (r.acknowledgedAt ? formatShanghaiTime(r.acknowledgedAt) : '—') },
              { title: t('dir.ackByWhom'), dataIndex: 'acknowledgedBy', responsive: ['md'], render: (v: string | null) => v ?? '—' },
            ]}
          />
        </Card>
      )}
      {form && (
        <Card
          size="small"
          title={`${t('dir.form')}：${form.title}（${REPORT_PERIOD_LABELS[form.period][lang]}，${t('dir.dueAfter')} ${describeHours(form.dueAfterHours, lang)}）`}
          extra={<a href={templateUrl(form.id)}>{t('rep.template')}</a>}
        >
          {upload.error && <Alert type="error" role="alert" title={upload.error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
          <Table<PeriodRow>
            rowKey={(r) => `${r.orgId}/${r.period}`}
            size="small"
            loading={periods.isPending}
            dataSource={periods.data?.items ?? []}
            pagination={{ pageSize: 20, showTotal: (total) => t('rep.rows', { count: total }) }}
            columns={periodColumns}
          />
        </Card>
      )}
      <Modal
        title={reopening && t('rep.reopenTitle', { org: reopening.orgName, period: form ? describePeriod(form, reopening.period) : '' })}
        open={reopening !== undefined}
        onCancel={() => setReopening(undefined)}
        onOk={() => reopenForm.submit()}
        okText={t('rep.reopen')}
        cancelText={t('common.cancel')}
        confirmLoading={reopen.busy}
      >
        {reopen.error && <Alert type="error" role="alert" title={reopen.error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <Form
          form={reopenForm}
          layout="vertical"
          initialValues={{ hours: 24, reason: '' }}
          onFinish={(v) =>
            void reopen.run(async () => {
              const row = await reopenPeriod(form?.id ?? '', { orgId: reopening?.orgId ?? '', period: reopening?.period ?? '', ...v });
              message.success(t('rep.reopened', { until: formatShanghaiTime(row.reopenedUntil ?? '') }));
              setReopening(undefined);
              reopenForm.resetFields();
              await refresh();
            })
          }
        >
          <Form.Item name="hours" label={t('rep.reopenHours')} rules={[{ required: true }]}>
            <InputNumber min={1} max={168} />
          </Form.Item>
          <Form.Item name="reason" label={t('rep.reopenReason')} rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
