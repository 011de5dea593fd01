import {
  can,
  compareText,
  describeDuration,
  formatShanghaiTime,
  fromShanghaiInput,
  INCIDENT_CATEGORY_LABELS,
  INCIDENT_LEVEL_LABELS,
  INCIDENT_LEVELS,
  type IncidentDeadline,
  type IncidentProposal,
  type IncidentSummary,
  type Me,
  toShanghaiInput,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Form, Input, InputNumber, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAction } from '../../api/useAction.ts';
import { downloadCsv } from '../../components/csv.ts';
import { useDrawerSize } from '../../components/drawerSize.ts';
import { actorOf } from '../console/ConsoleLayout.tsx';
import { listIncidentDeadlines, listIncidentProposals, listIncidents, reportIncident, setIncidentDeadline } from './api.ts';
import { INCIDENT_FORM_NAMES, type IncidentFormValues, IncidentReportForm, toReportInput } from './IncidentReportForm.tsx';

/** When the next report is due, in words: time left, or how long overdue. */
export function NextDue({ incident }: { incident: Pick<IncidentSummary, 'nextDueAt' | 'overdue' | 'status'> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  if (incident.status === 'closed' || !incident.nextDueAt) return <Tag>{t('inc.closed')}</Tag>;
  const ms = Date.parse(incident.nextDueAt) - Date.now();
  return incident.overdue ? (
    <Tag color="red">{t('inc.dueAgo', { time: describeDuration(ms, lang) })}</Tag>
  ) : (
    <span title={formatShanghaiTime(incident.nextDueAt)}>{t('inc.dueIn', { time: describeDuration(ms, lang) })}</span>
  );
}

/** The regulator sets the hours per level. */
function DeadlinesCard({ deadlines }: { deadlines: IncidentDeadline[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [edits, setEdits] = useState<Record<string, IncidentDeadline>>({});
  const action = useAction();
  return (
    <Card title={t('inc.deadlines')} size="small">
      <p style={{ marginTop: 0 }}>{t('inc.deadlinesHelp')}</p>
      {action.error && <Alert type="error" role="alert" title={action.error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
      <Table<IncidentDeadline>
        rowKey="level"
        size="small"
        pagination={false}
        dataSource={INCIDENT_LEVELS.map((level) => edits[level] ?? (deadlines.find((d) => d.level === level) as IncidentDeadline))}
        columns={[
          { title: t('inc.level'), dataIndex: 'level', render: (l: IncidentDeadline['level']) => INCIDENT_LEVEL_LABELS[l][lang] },
          ...(['initialHours', 'followUpHours'] as const).map((key) => ({
            title: t(`inc.${key}`),
            render: (_: unknown, d: IncidentDeadline) => (
              <InputNumber
                aria-label={`${INCIDENT_LEVEL_LABELS[d.level][lang]} ${t(`inc.${key}`)}`}
                min={1}
                max={720}
                precision={0}
                value={d[key]}
                onChange={(v) => setEdits({ ...edits, [d.level]: { ...d, [key]: v ?? 1 } })}
              />
            ),
          })),
          {
            title: '',
            render: (_: unknown, d: IncidentDeadline) =>
              edits[d.level] && (
                <Button
                  type="primary"
                  size="small"
                  onClick={() =>
                    modal.confirm({
                      title: t('inc.deadlineConfirm'),
                      okText: t('inc.save'),
                      cancelText: t('common.cancel'),
                      onOk: () =>
                        action.run(async () => {
                          await setIncidentDeadline(d);
                          message.success(t('inc.saved', { level: INCIDENT_LEVEL_LABELS[d.level][lang] }));
                          const { [d.level]: _done, ...rest } = edits;
                          setEdits(rest);
                          await client.invalidateQueries({ queryKey: ['incidents', 'deadlines'] });
                        }),
                    })
                  }
                >
                  {t('inc.save')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** Incidents: the own institution's (with the platform's proposal), or every institution's to the regulator. */
export function IncidentsPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const actor = actorOf(me);
  const mayReport = can(actor, 'incident.report');
  const mayConfigure = can(actor, 'incident.configure');
  const incidents = useQuery({ queryKey: ['incidents'], queryFn: listIncidents });
  const proposals = useQuery({ queryKey: ['incidents', 'proposals'], queryFn: listIncidentProposals });
  const deadlines = useQuery({ queryKey: ['incidents', 'deadlines'], queryFn: listIncidentDeadlines, enabled: mayConfigure });
  const [search, setSearch] = useState('');
  const [drafting, setDrafting] = useState<Partial<IncidentFormValues> | null>(null);
  const [form] = Form.useForm<IncidentFormValues>();
  const drawerSize = useDrawerSize();
  const { run, busy, error } = useAction(form, INCIDENT_FORM_NAMES);

  const needle = search.trim();
  const rows = (incidents.data?.items ?? []).filter(
    (i) => !needle || i.reference.includes(needle) || i.title.includes(needle) || i.orgName.includes(needle),
  );
  const now = toShanghaiInput(new Date());
  const blank: Partial<IncidentFormValues> = {
    level: 'general',
    category: 'public_health',
    occurredAt: now,
    learnedAt: now,
    branchesAffected: 0,
    customersAffected: 0,
    amountYuan: '0',
  };
  const fromProposal = (p: IncidentProposal): Partial<IncidentFormValues> => ({
    ...blank,
    level: 'general',
    title: '网点因疫情防控暂停营业',
    branchesAffected: p.branches,
    // The place is a line: the first few branches, and how many in all.
    place: p.branches > 3 ? `${p.branchNames.slice(0, 3).join('、')}等${p.branches}个网点` : p.branchNames.join('、'),
    cause: '网点所在区域实行封控管理或员工无法到岗，暂停营业',
  });

  const file = (v: IncidentFormValues) =>
    modal.confirm({
      title: t('inc.confirm'),
      okText: t('inc.new'),
      cancelText: t('common.cancel'),
      onOk: () =>
        run(async () => {
          const filed = await reportIncident({ learnedAt: fromShanghaiInput(v.learnedAt ?? now), report: toReportInput(v) });
          message.success(t('inc.filed', { kind: '初报' }));
          setDrafting(null);
          await client.invalidateQueries({ queryKey: ['incidents'] });
          void navigate(`/console/incidents/${filed.id}`);
        }),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {!mayReport && (proposals.data?.items.length ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('inc.proposalsRegulator', { count: proposals.data?.items.length })}
          description={proposals.data?.items.map((p) => t('inc.proposalRegulator', { org: p.orgName, count: p.branches })).join('；')}
        />
      )}
      {(proposals.data?.items ?? []).map(
        (p) =>
          mayReport && (
            <Alert
              key={p.orgId}
              type="warning"
              showIcon
              title={t('inc.proposal', { count: p.branches, since: p.since })}
              action={
                <Button
                  onClick={() => {
                    form.setFieldsValue(fromProposal(p));
                    setDrafting(fromProposal(p));
                  }}
                >
                  {t('inc.draftFromProposal')}
                </Button>
              }
            />
          ),
      )}
      <Card
        title={t('menu.incidents')}
        extra={
          <Space wrap>
            <Button
              onClick={() =>
                downloadCsv('incidents.csv', [
                  [
                    t('inc.reference'),
                    t('inc.org'),
                    t('inc.title'),
                    t('inc.level'),
                    t('inc.category'),
                    t('inc.learnedAt'),
                    t('inc.reports'),
                    t('inc.initialLate'),
                    t('inc.status'),
                  ],
                  ...rows.map((i) => [
                    i.reference,
                    i.orgName,
                    i.title,
                    INCIDENT_LEVEL_LABELS[i.level][lang],
                    INCIDENT_CATEGORY_LABELS[i.category][lang],
                    formatShanghaiTime(i.learnedAt),
                    String(i.reports),
                    i.initialLate ? t('inc.late') : t('inc.onTime'),
                    i.status === 'open' ? t('inc.open') : t('inc.closed'),
                  ]),
                ])
              }
            >
              {t('inc.export')}
            </Button>
            {mayReport && (
              <Button
                type="primary"
                onClick={() => {
                  form.setFieldsValue({ ...blank, title: '', place: '', cause: '', impact: '', measuresTaken: '' });
                  setDrafting(blank);
                }}
              >
                {t('inc.new')}
              </Button>
            )}
          </Space>
        }
      >
        <Input.Search
          allowClear
          placeholder={t('inc.search')}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 260, marginBottom: 12 }}
        />
        <Table<IncidentSummary>
          rowKey="id"
          size="middle"
          loading={incidents.isPending}
          dataSource={rows}
          locale={{ emptyText: t('inc.none') }}
          pagination={{ pageSize: 20, showTotal: (total) => t('inc.total', { count: total }) }}
          columns={[
            {
              title: t('inc.reference'),
              dataIndex: 'reference',
              sorter: (a, b) => compareText(a.reference, b.reference),
              render: (_, i) => <Link to={`/console/incidents/${i.id}`}>{i.reference}</Link>,
              responsive: ['md'],
            },
            {
              title: t('inc.title'),
              dataIndex: 'title',
              render: (_, i) => (
                <Link to={`/console/incidents/${i.id}`}>
                  {(i.level === 'especially_serious' || i.level === 'serious') && (
                    <Tag color="red">{INCIDENT_LEVEL_LABELS[i.level][lang]}</Tag>
                  )}
                  {i.title}
                </Link>
              ),
            },
            ...(mayConfigure
              ? [
                  {
                    title: t('inc.org'),
                    dataIndex: 'orgName',
                    sorter: (a: IncidentSummary, b: IncidentSummary) => compareText(a.orgName, b.orgName),
                  },
                ]
              : []),
            {
              title: t('inc.level'),
              dataIndex: 'level',
              sorter: (a, b) => INCIDENT_LEVELS.indexOf(a.level) - INCIDENT_LEVELS.indexOf(b.level),
              render: (l: IncidentSummary['level']) => INCIDENT_LEVEL_LABELS[l][lang],
              responsive: ['md'],
            },
            {
              title: t('inc.learnedAt'),
              dataIndex: 'learnedAt',
              defaultSortOrder: 'descend',
              sorter: (a, b) => a.learnedAt.localeCompare(b.learnedAt),
              render: (v: string, i) => (
                <>
                  {formatShanghaiTime(v)} {i.initialLate && <Tag color="volcano">{t('inc.initialLate')}</Tag>}
                </>
              ),
              responsive: ['md'],
            },
            { title: t('inc.reports'), dataIndex: 'reports', sorter: (a, b) => a.reports - b.reports, responsive: ['lg'] },
            { title: t('inc.nextDue'), render: (_, i) => <NextDue incident={i} /> },
          ]}
        />
      </Card>
      {mayConfigure && deadlines.data && <DeadlinesCard deadlines={deadlines.data.items} />}
      <Drawer
        title={t('inc.new')}
        open={drafting !== null}
        onClose={() => setDrafting(null)}
        size={drawerSize}
        extra={
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {t('inc.new')}
          </Button>
        }
      >
        {error && <Alert type="error" role="alert" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <IncidentReportForm form={form} initial={drafting ?? blank} withLearnedAt onFinish={file} />
      </Drawer>
    </Space>
  );
}
