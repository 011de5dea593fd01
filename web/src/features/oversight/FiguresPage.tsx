import { addDays, can, compareText, FIGURE_LABELS, type FiguresByInstitution, type Me, scopeOf, todayInShanghai } from '@shouhu/common';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Grid, Input, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { actorOf } from '../console/ConsoleLayout.tsx';
import { figuresXlsxUrl, listFiguresByInstitution, readFigureTrend } from './api.ts';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLOURS = ['#0b4fa8', '#9f1d20', '#2f6b2f', '#8a5a00'];
/** What a chart shows readably day by day, and what the server answers. */
const MAX_DAYS = 92;

type InstitutionRow = FiguresByInstitution['institutions'][number];

/** One capability's figures day by day, a line each. */
function TrendChart({ days, series, name }: { days: string[]; series: Record<string, number[]>; name: string }) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      // One line of legend, scrolled on a phone, so that it never covers the lines.
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: Object.entries(series).map(([key, data], i) => ({
        name: FIGURE_LABELS[name]?.figures[key]?.[lang] ?? key,
        type: 'line',
        data,
        itemStyle: { color: COLOURS[i % COLOURS.length] },
      })),
    });
    // The card's width changes with the window and with the menu: follow the box, not the window.
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [days, series, name, lang]);
  return <div ref={ref} style={{ height: 220 }} role="img" aria-label={FIGURE_LABELS[name]?.title[lang] ?? name} />;
}

/**
 * The city's figures for a period: every capability's totals and their trend, and behind each
 * figure the list of institutions it is made of, sortable, with the total and an XLSX export.
 */
export function FiguresPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const actor = actorOf(me);
  // The dashboard links here with the figure to open (capability.key) and the period.
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? todayInShanghai();
  const from = params.get('from') ?? addDays(to, -6);
  const [capability = 'branches', figure] = (params.get('figure') ?? '').split('.').filter(Boolean);
  const period = new URLSearchParams({ from, to });
  const trend = useQuery({ queryKey: ['figures', 'trend', from, to], queryFn: () => readFigureTrend(period) });
  const list = useQuery({ queryKey: ['figures', 'institutions', from, to], queryFn: () => listFiguresByInstitution(period) });
  const [search, setSearch] = useState('');
  const change = (next: Record<string, string>) =>
    setParams({ from, to, ...(params.get('figure') ? { figure: params.get('figure') as string } : {}), ...next });
  const labels = FIGURE_LABELS[capability];
  const keys = Object.keys(list.data?.total[capability] ?? {});
  // A phone shows the figure chosen (or the first) beside the name; wider screens all of them.
  const screens = Grid.useBreakpoint();
  const shownKeys = screens.md ? keys : keys.filter((k) => k === (figure ?? keys[0]));
  const rows = (list.data?.institutions ?? []).filter((r) => !search.trim() || r.name.includes(search.trim()));
  const value = (r: InstitutionRow, key: string) => r.figures[capability]?.[key] ?? 0;
  // The pages behind a capability's figures that this user may open.
  const linksOf = (name: string) => (FIGURE_LABELS[name]?.links ?? []).filter((l) => can(actor, l.action));
  const error = trend.error ?? list.error;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        // An institution's admin reads its own figures here, not the city's.
        title={scopeOf(actor, 'figures.read') === 'all' ? t('fig.title') : t('fig.titleOwn')}
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              aria-label={t('fig.period')}
              allowClear={false}
              value={[dayjs(from), dayjs(to)]}
              disabledDate={(d: Dayjs) => d.isAfter(dayjs(), 'day')}
              onChange={(range) => {
                const [start, end] = range ?? [];
                if (!start || !end) return;
                // Longer than the server answers: the last days of it, said so.
                const first = end.diff(start, 'day') >= MAX_DAYS ? end.subtract(MAX_DAYS - 1, 'day') : start;
                if (first !== start) message.warning(t('fig.shortened', { days: MAX_DAYS }));
                change({ from: first.format('YYYY-MM-DD'), to: end.format('YYYY-MM-DD') });
              }}
            />
            <Button href={figuresXlsxUrl(period)} download>
              {t('fig.export')}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('fig.help', { days: MAX_DAYS })}
        </Typography.Paragraph>
        {error && <Alert type="error" role="alert" title={(error as Error).message} style={{ marginBottom: 12 }} />}
        <Row gutter={[16, 16]}>
          {Object.entries(list.data?.total ?? {}).map(([name, values]) => (
            <Col xs={24} lg={12} key={name}>
              <Card
                size="small"
                title={FIGURE_LABELS[name]?.title[lang] ?? name}
                data-testid={`figures-${name}`}
                extra={
                  <Space size="middle" wrap>
                    {linksOf(name).map((l) => (
                      <Link key={l.path} to={l.path}>
                        {l.label[lang]}
                      </Link>
                    ))}
                  </Space>
                }
              >
                <Row gutter={8}>
                  {Object.entries(values).map(([key, n]) => (
                    <Col xs={12} md={6} key={key}>
                      <button
                        type="button"
                        className="figure-pick"
                        aria-pressed={name === capability && key === figure}
                        onClick={() => change({ figure: `${name}.${key}` })}
                      >
                        <Statistic title={FIGURE_LABELS[name]?.figures[key]?.[lang] ?? key} value={n} />
                      </button>
                    </Col>
                  ))}
                </Row>
                {trend.data?.figures[name] && <TrendChart days={trend.data.days} series={trend.data.figures[name]} name={name} />}
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      <Card
        title={t('fig.byInstitution', { name: labels?.title[lang] ?? capability })}
        data-testid="figures-by-institution"
        extra={
          <Space wrap>
            <Input.Search
              aria-label={t('fig.search')}
              placeholder={t('fig.search')}
              allowClear
              onSearch={setSearch}
              onChange={(e) => !e.target.value && setSearch('')}
              style={{ width: 200 }}
            />
          </Space>
        }
      >
        <Table<InstitutionRow>
          key={`${capability}.${figure}`}
          rowKey="orgId"
          size="small"
          loading={list.isPending}
          dataSource={rows}
          pagination={{ pageSize: 20, showTotal: (total) => t('fig.total', { count: total }) }}
          columns={[
            { title: t('fig.institution'), dataIndex: 'name', sorter: (a, b) => compareText(a.name, b.name) },
            ...shownKeys.map((key) => ({
              title: labels?.figures[key]?.[lang] ?? key,
              key,
              align: 'right' as const,
              sorter: (a: InstitutionRow, b: InstitutionRow) => value(a, key) - value(b, key),
              defaultSortOrder: key === figure ? ('descend' as const) : undefined,
              render: (_: unknown, r: InstitutionRow) => value(r, key),
            })),
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>{t('fig.sum')}</strong>
              </Table.Summary.Cell>
              {shownKeys.map((key, i) => (
                <Table.Summary.Cell index={i + 1} key={key} align="right">
                  <strong>{list.data?.total[capability]?.[key] ?? 0}</strong>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )}
        />
      </Card>
    </Space>
  );
}
