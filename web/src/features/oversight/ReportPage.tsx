import {
  can,
  checkReportValues,
  describePeriod,
  formatShanghaiTime,
  formatYuan,
  type Me,
  parseYuan,
  REPORT_STATUS_LABELS,
  type ReportFormView,
  type ReportValues,
  toFieldProblem,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAction } from '../../api/useAction.ts';
import { WorkOrderTimeline } from '../../components/WorkOrderTimeline.tsx';
import { actorOf } from '../console/ConsoleLayout.tsx';
import { getReport, getReportForm, listPeriodRows, listReportTimeline, reviewReport, submitReport, withdrawReport } from './api.ts';

/** A value as the report shows it: amounts in yuan, the rest as they are. */
function showValue(form: ReportFormView, key: string, values: ReportValues): string {
  const field = form.fields.find((f) => f.key === key);
  const v = values[key];
  if (v === null || v === undefined || v === '') return '—';
  return field?.type === 'amount' && typeof v === 'number' ? `${formatYuan(v)} 元` : String(v);
}

type Entered = Record<string, string | number | null | undefined> & { preparer: string; responsible: string };

/** Filling in the own institution's report for a period: each field by its type, checked here and again by the server. */
export function ReportFillPage() {
  const { formId = '', period = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const form = useQuery({ queryKey: ['report-forms', formId], queryFn: () => getReportForm(formId) });
  const rows = useQuery({ queryKey: ['report-forms', formId, 'periods'], queryFn: () => listPeriodRows(formId) });
  const existingId = rows.data?.items.find((r) => r.period === period)?.reportId;
  const existing = useQuery({
    queryKey: ['reports', existingId],
    queryFn: () => getReport(existingId ?? ''),
    enabled: Boolean(existingId),
  });
  const [entry] = Form.useForm<Entered>();
  const { run, busy, error } = useAction(entry, { preparer: 'preparer', responsible: 'responsible' });
  const [problems, setProblems] = useState<string[]>([]);
  if (!form.data || (existingId && !existing.data)) return <Card loading />;
  const f = form.data;
  const lang = i18n.language === 'en' ? 'en' : 'zh';

  const initial: Entered = { preparer: existing.data?.preparer ?? '', responsible: existing.data?.responsible ?? '' };
  for (const field of f.fields) {
    const v = existing.data?.values[field.key];
    initial[field.key] = field.type === 'amount' && typeof v === 'number' ? formatYuan(v).replace(/,/g, '') : (v ?? undefined);
  }

  const toValues = (v: Entered): ReportValues => {
    const values: ReportValues = {};
    for (const field of f.fields) {
      const raw = v[field.key];
      if (raw === undefined || raw === null || raw === '') values[field.key] = null;
      else if (field.type === 'amount') values[field.key] = parseYuan(String(raw)) ?? String(raw);
      else values[field.key] = raw;
    }
    return values;
  };

  const send = (v: Entered) => {
    const values = toValues(v);
    // The same rules as the server's, before anything is sent.
    const found = checkReportValues(f, values).map((p) => toFieldProblem(p)[lang === 'zh' ? 'message_zh' : 'message']);
    setProblems(found);
    if (found.length) return;
    modal.confirm({
      title: t('rep.submitConfirm'),
      okText: t('rep.submit'),
      cancelText: t('common.cancel'),
      onOk: () =>
        run(async () => {
          const report = await submitReport(formId, period, { values, preparer: v.preparer.trim(), responsible: v.responsible.trim() });
          message.success(t('rep.submitted'));
          await client.invalidateQueries({ queryKey: ['directives'] });
          await client.invalidateQueries({ queryKey: ['report-forms', formId] });
          void navigate(`/console/reports/${report.id}`);
        }),
    });
  };

  return (
    <Card
      title={t('rep.fillTitle', { title: f.title, period: describePeriod(f, period) })}
      extra={<Link to={`/console/directives/${f.directiveId}`}>{f.documentNumber}</Link>}
    >
      {existing.data?.reviewComment && (
        <Alert type="warning" showIcon title={`${t('rep.comment')}：${existing.data.reviewComment}`} style={{ marginBottom: 12 }} />
      )}
      {problems.length > 0 && <Alert type="error" role="alert" title={problems.join('；')} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" role="alert" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
      <Form<Entered> form={entry} layout="vertical" initialValues={initial} onFinish={send} style={{ maxWidth: 560 }}>
        {f.fields.map((field) => (
          <Form.Item
            key={field.key}
            name={field.key}
            label={field.label}
            rules={field.required ? [{ required: true, message: `请填写“${field.label}”` }] : []}
          >
            {field.type === 'count' ? (
              <InputNumber min={0} precision={0} style={{ width: 200 }} />
            ) : field.type === 'number' ? (
              <InputNumber style={{ width: 200 }} />
            ) : field.type === 'amount' ? (
              <Input style={{ width: 240 }} suffix={t('rep.yuan')} inputMode="decimal" />
            ) : field.type === 'choice' ? (
              <Radio.Group options={(field.choices ?? []).map((c) => ({ value: c, label: c }))} />
            ) : field.type === 'date' ? (
              <Input type="date" style={{ width: 200 }} />
            ) : (
              <Input.TextArea rows={2} />
            )}
          </Form.Item>
        ))}
        <Space wrap>
          <Form.Item name="preparer" label={t('rep.preparer')} rules={[{ required: true, min: 2 }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="responsible" label={t('rep.responsible')} rules={[{ required: true, min: 2 }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('rep.submit')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** One report as submitted: its values, who prepared it, where it stands, what may be done next, and its history. */
export function ReportPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const actor = actorOf(me);
  const report = useQuery({ queryKey: ['reports', id], queryFn: () => getReport(id) });
  const form = useQuery({
    queryKey: ['report-forms', report.data?.formId],
    queryFn: () => getReportForm(report.data?.formId ?? ''),
    enabled: Boolean(report.data),
  });
  const action = useAction();
  const [comment, setComment] = useState('');
  if (!report.data || !form.data)
    return <Card loading={report.isPending}>{report.error && <Alert type="error" title={String(report.error)} />}</Card>;
  const r = report.data;
  const f = form.data;
  const own = r.orgId === me.organization.id;
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['reports', id] });
    await client.invalidateQueries({ queryKey: ['directives'] });
  };
  const step = (title: string, done: string, call: () => Promise<unknown>) =>
    modal.confirm({
      title,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () =>
        action.run(async () => {
          await call();
          message.success(done);
          await refresh();
        }),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('rep.reportTitle', { org: r.orgName, title: f.title, period: describePeriod(f, r.period) })}
        extra={<Link to={`/console/directives/${f.directiveId}`}>{f.documentNumber}</Link>}
      >
        {action.error && <Alert type="error" role="alert" title={action.error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        {r.reviewComment && (
          <Alert
            type={r.status === 'returned' ? 'warning' : 'info'}
            showIcon
            title={`${t('rep.comment')}：${r.reviewComment}`}
            style={{ marginBottom: 12 }}
          />
        )}
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag color={r.status === 'accepted' ? 'green' : r.status === 'returned' ? 'orange' : 'blue'}>
            {REPORT_STATUS_LABELS[r.status][lang]}
          </Tag>
          {r.late && <Tag color="volcano">{t('rep.late')}</Tag>}
          <span>{t('rep.version', { version: r.version })}</span>
        </Space>
        <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
          {f.fields.map((field) => (
            <Descriptions.Item key={field.key} label={field.label}>
              {showValue(f, field.key, r.values)}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('rep.preparer')}>{r.preparer}</Descriptions.Item>
          <Descriptions.Item label={t('rep.responsible')}>{r.responsible}</Descriptions.Item>
          <Descriptions.Item label={t('rep.submittedAt')}>{formatShanghaiTime(r.submittedAt)}</Descriptions.Item>
        </Descriptions>
        <Space wrap>
          {own && r.status === 'submitted' && !r.openedAt && (
            <Button onClick={() => step(t('rep.withdrawConfirm'), t('rep.withdrawn'), () => withdrawReport(id))}>
              {t('rep.withdraw')}
            </Button>
          )}
          {own && (r.status === 'returned' || r.status === 'withdrawn') && (
            <Link to={`/console/report-forms/${f.id}/${r.period}`}>
              <Button type="primary">{t('rep.correct')}</Button>
            </Link>
          )}
          {can(actor, 'report.review') && r.status === 'submitted' && (
            <>
              <Button
                type="primary"
                onClick={() => step(t('rep.acceptConfirm'), t('rep.accepted'), () => reviewReport(id, { decision: 'accept' }))}
              >
                {t('rep.accept')}
              </Button>
              <Input
                aria-label={t('rep.returnComment')}
                placeholder={t('rep.returnComment')}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                style={{ width: 280 }}
              />
              <Button
                danger
                onClick={() => step(t('rep.return'), t('rep.returned'), () => reviewReport(id, { decision: 'return', comment }))}
              >
                {t('rep.return')}
              </Button>
            </>
          )}
        </Space>
      </Card>
      <WorkOrderTimeline queryKey={['reports', id, r.version, r.status]} load={() => listReportTimeline(id)} />
    </Space>
  );
}
