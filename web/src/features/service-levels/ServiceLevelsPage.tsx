import {
  ALL_SERVICES,
  BRANCH_SERVICE_LABELS,
  BRANCH_SERVICES,
  can,
  type Me,
  SERVICE_CHANNEL_LABELS,
  SERVICE_CHANNELS,
  type ServiceChannel,
  type ServiceLevelBreach,
  type ThroughputReport,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, InputNumber, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { listBreaches, listTargets, reportThroughput, setBaseline, setTarget } from './api.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLOURS: Record<ServiceChannel, string> = { home_visit: '#9f1d20', video: '#0b4fa8' };

/** Customers served by home visit and by video against normal, and what missed its target. */
export function ServiceLevelsPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const actor = { type: 'user' as const, userId: me.id, orgId: me.organization.id, role: me.role, sessionId: '', mfaPassed: true };
  const manages = can(actor, 'serviceLevel.manage');
  const report = useQuery({ queryKey: ['throughput'], queryFn: () => reportThroughput(14) });
  const breaches = useQuery({
    queryKey: ['breaches'],
    queryFn: listBreaches,
  });
  const chartRef = useRef<HTMLDivElement>(null);
  const names = new Map((report.data?.institutions ?? []).map((i) => [i.orgId, i.name]));

  useEffect(() => {
    if (!chartRef.current || !report.data) return;
    const chart = echarts.init(chartRef.current);
    const { days, institutions } = report.data;
    const total = (channel: ServiceChannel) =>
      days.map((_, d) => institutions.reduce((n, i) => n + (i.channels.find((c) => c.channel === channel)?.served[d] ?? 0), 0));
    const baseline = (channel: ServiceChannel) =>
      institutions.reduce((n, i) => n + (i.channels.find((c) => c.channel === channel)?.baseline ?? 0), 0);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
      yAxis: { type: 'value' },
      series: SERVICE_CHANNELS.flatMap((c) => [
        { name: SERVICE_CHANNEL_LABELS[c][lang], type: 'bar', itemStyle: { color: COLOURS[c] }, data: total(c) },
        {
          name: `${SERVICE_CHANNEL_LABELS[c][lang]} · ${t('levels.baseline')}`,
          type: 'line',
          symbol: 'none',
          lineStyle: { type: 'dashed', color: COLOURS[c] },
          itemStyle: { color: COLOURS[c] },
          data: days.map(() => baseline(c)),
        },
      ]),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [report.data, lang, t]);

  const ratioOf = (i: ThroughputReport['institutions'][number], c: ServiceChannel) => {
    const ch = i.channels.find((x) => x.channel === c);
    if (!ch) return '';
    const lastDay = ch.served.at(-2) ?? 0;
    return ch.ratio === null ? `${lastDay}` : `${lastDay} / ${Math.round((ch.baseline ?? 0) * 10) / 10}（${ch.ratio}×）`;
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('menu.levels')}>
        {report.error && <Alert type="error" title={t('levels.failed')} />}
        <div ref={chartRef} style={{ height: 320 }} role="img" aria-label={t('levels.chart')} />
        {/* Scrolls sideways on a phone; focusable, so that keyboard users can scroll it too. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus */}
        <section aria-label={t('levels.institution')} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table
            rowKey="orgId"
            size="small"
            pagination={false}
            style={{ minWidth: 520 }}
            dataSource={(report.data?.institutions ?? []).filter(
              (i) => i.channels.some((c) => c.served.some((n) => n > 0) || c.baseline !== null) || i.breaches > 0,
            )}
            columns={[
              { title: t('levels.institution'), dataIndex: 'name' },
              ...SERVICE_CHANNELS.map((c) => ({
                title: `${SERVICE_CHANNEL_LABELS[c][lang]}${t('levels.todayVsNormal')}`,
                render: (_: unknown, i: ThroughputReport['institutions'][number]) => ratioOf(i, c),
              })),
              { title: t('levels.breaches'), dataIndex: 'breaches', render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0) },
            ]}
          />
        </section>
      </Card>
      <Card title={t('levels.breachList')}>
        <Table<ServiceLevelBreach>
          rowKey={(b) => `${b.id}-${b.kind}`}
          size="small"
          dataSource={breaches.data?.items}
          scroll={{ x: true }}
          columns={[
            { title: t('visits.reference'), dataIndex: 'reference' },
            ...(me.role === 'regulator'
              ? [{ title: t('levels.institution'), render: (_: unknown, b: ServiceLevelBreach) => names.get(b.orgId) ?? '' }]
              : []),
            { title: t('levels.channel'), dataIndex: 'channel', render: (c: ServiceChannel) => SERVICE_CHANNEL_LABELS[c][lang] },
            { title: t('levels.kind'), dataIndex: 'kind', render: (k: ServiceLevelBreach['kind']) => t(`levels.${k}`) },
            {
              title: t('levels.took'),
              render: (_, b) =>
                `${b.tookMinutes} / ${b.targetMinutes} ${t('levels.minutes')}${b.open ? ` · ${t('levels.stillOpen')}` : ''}`,
            },
          ]}
        />
      </Card>
      {manages && <SettingsCard />}
    </Space>
  );
}

/** The administrator sets the targets and the normal period. */
function SettingsCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const client = useQueryClient();
  const targets = useQuery({
    queryKey: ['targets'],
    queryFn: listTargets,
  });
  const { run, busy, error } = useAction();
  const saved = async () => {
    message.success(t('levels.saved'));
    await client.invalidateQueries();
  };
  const channelOptions = SERVICE_CHANNELS.map((c) => ({ value: c, label: SERVICE_CHANNEL_LABELS[c][lang] }));

  return (
    <Card title={t('levels.settings')}>
      {error && <Alert type="error" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
      <Form
        layout="inline"
        initialValues={{ channel: 'home_visit', service: ALL_SERVICES, firstResponseMinutes: 120, completionMinutes: 1440 }}
        onFinish={(v) =>
          run(async () => {
            await setTarget(v);
            await saved();
          })
        }
      >
        <Form.Item name="channel" label={t('levels.channel')}>
          <Select style={{ minWidth: 140 }} options={channelOptions} />
        </Form.Item>
        <Form.Item name="service" label={t('visits.service')}>
          <Select
            style={{ minWidth: 140 }}
            options={[
              { value: ALL_SERVICES, label: t('levels.allServices') },
              ...BRANCH_SERVICES.map((s) => ({ value: s, label: BRANCH_SERVICE_LABELS[s][lang] })),
            ]}
          />
        </Form.Item>
        <Form.Item name="firstResponseMinutes" label={t('levels.first_response')}>
          <InputNumber min={1} addonAfter={t('levels.minutes')} />
        </Form.Item>
        <Form.Item name="completionMinutes" label={t('levels.completion')}>
          <InputNumber min={1} addonAfter={t('levels.minutes')} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('levels.setTarget')}
        </Button>
      </Form>
      <Table
        style={{ margin: '12px 0 24px' }}
        size="small"
        pagination={false}
        rowKey={(r) => `${r.channel}-${r.service}`}
        dataSource={targets.data?.items}
        columns={[
          { title: t('levels.channel'), dataIndex: 'channel', render: (c: ServiceChannel) => SERVICE_CHANNEL_LABELS[c][lang] },
          {
            title: t('visits.service'),
            dataIndex: 'service',
            render: (s: string) => (s === ALL_SERVICES ? t('levels.allServices') : BRANCH_SERVICE_LABELS[s as 'cash'][lang]),
          },
          { title: t('levels.first_response'), dataIndex: 'firstResponseMinutes' },
          { title: t('levels.completion'), dataIndex: 'completionMinutes' },
        ]}
      />
      <Form
        layout="inline"
        initialValues={{ channel: 'home_visit' }}
        onFinish={(v: { channel: ServiceChannel; period: [Dayjs, Dayjs]; dailyServed?: number }) =>
          run(async () => {
            await setBaseline({
              channel: v.channel,
              from: v.period[0].format('YYYY-MM-DD'),
              to: v.period[1].format('YYYY-MM-DD'),
              dailyServed: v.dailyServed ?? undefined,
            });
            await saved();
          })
        }
      >
        <Form.Item name="channel" label={t('levels.channel')}>
          <Select style={{ minWidth: 140 }} options={channelOptions} />
        </Form.Item>
        <Form.Item name="period" label={t('levels.normalPeriod')} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="dailyServed" label={t('levels.dailyServed')}>
          <InputNumber min={0} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('levels.setBaseline')}
        </Button>
      </Form>
    </Card>
  );
}
