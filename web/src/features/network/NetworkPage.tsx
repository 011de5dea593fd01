import {
  BRANCH_STATUS_LABELS,
  BRANCH_STATUSES,
  type BranchStatus,
  compareText,
  type NetworkBranch,
  type NetworkSummary,
} from '@shouhu/common';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Table, Tag } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client.ts';
import { listNetworkBranches, summarizeNetwork } from './api.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLOURS: Record<BranchStatus, string> = { open: '#1b5e20', adjusted: '#b26a00', closed: '#9f1d20', flagged: '#5e35b1' };

/** The branch network by district as a stacked bar chart; a click lists the branches behind a bar. */
export function NetworkPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const chartRef = useRef<HTMLDivElement>(null);
  const [pick, setPick] = useState<{ districtCode: string; status: BranchStatus }>();
  const summary = useQuery({ queryKey: ['network'], queryFn: summarizeNetwork });
  const list = useQuery({
    queryKey: ['network', pick],
    queryFn: () => listNetworkBranches(pick?.districtCode as string, pick?.status as BranchStatus),
    enabled: pick !== undefined,
  });

  useEffect(() => {
    if (!chartRef.current || !summary.data) return;
    const chart = echarts.init(chartRef.current);
    const districts = summary.data.districts;
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: districts.map((d) => d.districtName), axisLabel: { interval: 0, rotate: 40 } },
      yAxis: { type: 'value' },
      series: BRANCH_STATUSES.map((s) => ({
        name: en ? BRANCH_STATUS_LABELS[s].en : BRANCH_STATUS_LABELS[s].zh,
        type: 'bar',
        stack: 'total',
        itemStyle: { color: COLOURS[s] },
        data: districts.map((d) => d[s]),
      })),
    });
    chart.on('click', (p) => {
      const district = districts[p.dataIndex];
      if (district) setPick({ districtCode: district.districtCode, status: BRANCH_STATUSES[p.seriesIndex ?? 0] as BranchStatus });
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [summary.data, en]);

  const districtName = summary.data?.districts.find((d) => d.districtCode === pick?.districtCode)?.districtName;
  const [search, setSearch] = useState('');
  const shown = (list.data?.items ?? []).filter((b) => !search || `${b.institution}${b.nameZh}${b.address}`.includes(search.trim()));
  const totalOf = (key: 'total' | BranchStatus) => (summary.data?.districts ?? []).reduce((n, d) => n + d[key], 0);
  return (
    <Card
      title={t('menu.network')}
      extra={
        <Button href={`/api/v1/branch-network/export.xlsx`} download>
          {t('network.export')}
        </Button>
      }
    >
      {summary.error && <Alert type="error" title={(summary.error as ApiError).describe?.(i18n.language) ?? String(summary.error)} />}
      <div ref={chartRef} style={{ width: '100%', height: 360 }} role="img" aria-label={t('menu.network')} data-testid="network-chart" />
      <Table<
        NetworkBranch['status'] extends string
          ? { districtName: string; total: number; open: number; adjusted: number; closed: number; flagged: number; districtCode: string }
          : never
      >
        rowKey="districtCode"
        size="small"
        pagination={false}
        scroll={{ x: 600 }}
        dataSource={summary.data?.districts}
        style={{ marginTop: 16 }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('network.cityTotal')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1}>
              <strong>{totalOf('total')}</strong>
            </Table.Summary.Cell>
            {BRANCH_STATUSES.map((s, i) => (
              <Table.Summary.Cell key={s} index={i + 2}>
                <strong>{totalOf(s)}</strong>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
        columns={[
          { title: t('finder.district'), dataIndex: 'districtName' },
          { title: t('network.total'), dataIndex: 'total', sorter: (a, b) => a.total - b.total },
          ...BRANCH_STATUSES.map((s) => ({
            title: en ? BRANCH_STATUS_LABELS[s].en : BRANCH_STATUS_LABELS[s].zh,
            render: (_: unknown, d: NetworkSummary['districts'][number]) => (
              <Button type="link" size="small" onClick={() => setPick({ districtCode: d.districtCode, status: s })}>
                {d[s]}
              </Button>
            ),
          })),
        ]}
      />
      {pick && (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={`${districtName} · ${en ? BRANCH_STATUS_LABELS[pick.status].en : BRANCH_STATUS_LABELS[pick.status].zh}`}
        >
          <Input.Search
            aria-label={t('network.search')}
            placeholder={t('network.search')}
            allowClear
            onSearch={setSearch}
            style={{ width: 280, marginBottom: 12 }}
          />
          <Table<NetworkBranch>
            rowKey="id"
            size="small"
            loading={list.isPending}
            dataSource={shown}
            pagination={{ pageSize: 20, showTotal: (total) => t('branches.total', { count: total }) }}
            scroll={{ x: 700 }}
            columns={[
              { title: t('network.institution'), dataIndex: 'institution', sorter: (a, b) => compareText(a.institution, b.institution) },
              { title: t('network.branch'), dataIndex: 'nameZh', sorter: (a, b) => compareText(a.nameZh, b.nameZh) },
              { title: t('network.address'), dataIndex: 'address' },
              { title: t('network.note'), render: (_, b) => (b.note ? <Tag color="#555">{b.note}</Tag> : '—') },
            ]}
          />
        </Card>
      )}
    </Card>
  );
}
