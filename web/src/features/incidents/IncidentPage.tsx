import {
  can,
  formatShanghaiTime,
  formatYuan,
  INCIDENT_CATEGORY_LABELS,
  INCIDENT_LEVEL_LABELS,
  INCIDENT_REPORT_KIND_LABELS,
  type IncidentReportView,
  type Me,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Grid, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useAction } from '../../api/useAction.ts';
import { useDrawerSize } from '../../components/drawerSize.ts';
import { RevealButton } from '../../components/RevealButton.tsx';
import { WorkOrderTimeline } from '../../components/WorkOrderTimeline.tsx';
import { actorOf } from '../console/ConsoleLayout.tsx';
import { fileIncidentReport, getIncident, listIncidentTimeline } from './api.ts';
import { fromReport, INCIDENT_FORM_NAMES, type IncidentFormValues, IncidentReportForm, toReportInput } from './IncidentReportForm.tsx';
import { NextDue } from './IncidentsPage.tsx';

/** One filing, every part the rule asks for. */
function Filing({ report }: { report: IncidentReportView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const c = report.contents;
  // Labels beside values leave a phone's values a finger wide: there they go above.
  const wide = Grid.useBreakpoint().md ?? true;
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>{INCIDENT_REPORT_KIND_LABELS[report.kind][lang]}</span>
          <span>{formatShanghaiTime(report.filedAt)}</span>
          {report.late && <Tag color="volcano">{t('inc.late')}</Tag>}
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small" layout={wide ? 'horizontal' : 'vertical'}>
        <Descriptions.Item label={t('inc.title')}>{c.title}</Descriptions.Item>
        <Descriptions.Item label={t('inc.level')}>{INCIDENT_LEVEL_LABELS[c.level][lang]}</Descriptions.Item>
        <Descriptions.Item label={t('inc.category')}>{INCIDENT_CATEGORY_LABELS[c.category][lang]}</Descriptions.Item>
        <Descriptions.Item label={t('inc.occurredAt')}>{formatShanghaiTime(c.occurredAt)}</Descriptions.Item>
        <Descriptions.Item label={t('inc.place')} span={2}>
          {c.place}
        </Descriptions.Item>
        <Descriptions.Item label={t('inc.cause')} span={2}>
          {c.cause}
        </Descriptions.Item>
        <Descriptions.Item label={t('inc.impact')} span={2}>
          {c.impact}
        </Descriptions.Item>
        <Descriptions.Item label={t('inc.branchesAffected')}>{c.branchesAffected}</Descriptions.Item>
        <Descriptions.Item label={t('inc.customersAffected')}>{c.customersAffected}</Descriptions.Item>
        <Descriptions.Item label={t('inc.amount')}>
          {formatYuan(c.amountFen)} {t('inc.yuan')}
        </Descriptions.Item>
        <Descriptions.Item label={t('inc.measuresTaken')} span={2}>
          {c.measuresTaken}
        </Descriptions.Item>
        <Descriptions.Item label={t('inc.measuresPlanned')} span={2}>
          {c.measuresPlanned || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('inc.signingOfficer')}>{c.signingOfficer}</Descriptions.Item>
        <Descriptions.Item label={t('inc.contactName')}>{c.contactName}</Descriptions.Item>
        <Descriptions.Item label={t('inc.contactPhone')}>
          <RevealButton masked={c.contactPhone} recordType="incident_report" recordId={report.id} field="contactPhone" />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** An incident: where it stands, its clock, every report filed, the next one to file, and its history. */
export function IncidentPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const incident = useQuery({ queryKey: ['incidents', id], queryFn: () => getIncident(id) });
  const [kind, setKind] = useState<'follow_up' | 'result' | null>(null);
  const [form] = Form.useForm<IncidentFormValues>();
  const drawerSize = useDrawerSize();
  const { run, busy, error } = useAction(form, INCIDENT_FORM_NAMES);
  if (!incident.data)
    return <Card loading={incident.isPending}>{incident.error && <Alert type="error" title={String(incident.error)} />}</Card>;
  const i = incident.data;
  const mayFile = can(actorOf(me), 'incident.report') && i.orgId === me.organization.id && i.status === 'open';
  const last = i.items.at(-1);
  const open = (next: 'follow_up' | 'result') => {
    form.resetFields();
    if (last) form.setFieldsValue(fromReport(last.contents));
    setKind(next);
  };
  const label = kind ? INCIDENT_REPORT_KIND_LABELS[kind][lang] : '';
  const file = (v: IncidentFormValues) =>
    modal.confirm({
      title: t('inc.confirm'),
      okText: label,
      cancelText: t('common.cancel'),
      onOk: () =>
        run(async () => {
          await fileIncidentReport(id, { kind: kind ?? 'follow_up', report: toReportInput(v) });
          message.success(t('inc.filed', { kind: label }));
          setKind(null);
          await client.invalidateQueries({ queryKey: ['incidents'] });
        }),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`${i.reference} ${i.title}`}
        extra={
          mayFile && (
            <Space wrap>
              <Button onClick={() => open('follow_up')}>{t('inc.followUp')}</Button>
              <Button type="primary" onClick={() => open('result')}>
                {t('inc.result')}
              </Button>
            </Space>
          )
        }
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('inc.org')}>{i.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('inc.level')}>{INCIDENT_LEVEL_LABELS[i.level][lang]}</Descriptions.Item>
          <Descriptions.Item label={t('inc.status')}>
            {i.status === 'open' ? <Tag color="blue">{t('inc.open')}</Tag> : <Tag>{t('inc.closed')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('inc.learnedAt')}>{formatShanghaiTime(i.learnedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('inc.initialDue')}>
            <Space size="small">
              {formatShanghaiTime(i.initialDueAt)}
              {i.initialLate ? <Tag color="volcano">{t('inc.initialLate')}</Tag> : <span>（{t('inc.onTime')}）</span>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('inc.nextDue')}>
            <NextDue incident={i} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('inc.filings')} size="small">
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {[...i.items].reverse().map((r) => (
            <Filing key={r.id} report={r} />
          ))}
        </Space>
      </Card>
      <WorkOrderTimeline queryKey={['incidents', id, i.reports]} load={() => listIncidentTimeline(id)} />
      <Drawer
        title={label}
        open={kind !== null}
        onClose={() => setKind(null)}
        size={drawerSize}
        extra={
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {label}
          </Button>
        }
      >
        {error && <Alert type="error" role="alert" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <IncidentReportForm form={form} initial={last ? fromReport(last.contents) : {}} withLearnedAt={false} onFinish={file} />
      </Drawer>
    </Space>
  );
}
