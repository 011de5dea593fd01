import { compareText, STAFFING_STATE_LABELS, type StaffingCoverage, todayInShanghai } from '@shouhu/common';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Grid, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client.ts';
import { downloadCsv } from '../../components/csv.ts';
import { readCoverage } from './api.ts';
import { DayPicker, STATE_COLOURS } from './shared.tsx';

type District = StaffingCoverage['districts'][number];
const COUNTS = ['planned', 'enough', 'covered', 'short', 'shortAdjusted'] as const;

/**
 * The regulator's view of staffing across the city on a day: per district, branches with enough
 * people, short but covered, and short with nobody to stand in; and each of the last, by name.
 */
export function CoveragePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [on, setOn] = useState(todayInShanghai());
  const [search, setSearch] = useState('');
  // On a phone the district table keeps the two counts that need a decision, and fits without scrolling.
  const screens = Grid.useBreakpoint();
  const shown = screens.sm ? COUNTS : (['covered', 'short'] as const);
  const coverage = useQuery({ queryKey: ['staffing-coverage', on], queryFn: () => readCoverage(on) });
  const districts = coverage.data?.districts ?? [];
  const totalOf = (key: (typeof COUNTS)[number]) => districts.reduce((n, d) => n + d[key], 0);
  const short = (coverage.data?.short ?? []).filter((b) => !search.trim() || `${b.orgName}${b.branchName}`.includes(search.trim()));
  const head = (key: (typeof COUNTS)[number]) =>
    key === 'planned' ? t('coverage.planned') : key === 'shortAdjusted' ? t('coverage.shortAdjusted') : STAFFING_STATE_LABELS[key][lang];
  const exportDistricts = () =>
    downloadCsv(`staffing-${on}.csv`, [
      [t('coverage.district'), ...COUNTS.map(head)],
      ...districts.map((d) => [d.districtName, ...COUNTS.map((k) => String(d[k]))]),
      [t('coverage.cityTotal'), ...COUNTS.map((k) => String(totalOf(k)))],
    ]);
  return (
    <Card
      title={t('menu.staffingCoverage')}
      extra={
        <Space wrap>
          <DayPicker value={on} onChange={setOn} />
          <Button onClick={exportDistricts} disabled={districts.length === 0}>
            {t('coverage.export')}
          </Button>
        </Space>
      }
    >
      {coverage.error && <Alert type="error" title={(coverage.error as ApiError).describe?.(i18n.language) ?? String(coverage.error)} />}
      <Typography.Paragraph type="secondary">
        {coverage.data?.recordedAt
          ? t('coverage.recordedAt', { time: dayjs(coverage.data.recordedAt).format('MM-DD HH:mm') })
          : t('coverage.notRecorded')}
      </Typography.Paragraph>
      <Table<District>
        rowKey="districtCode"
        size="small"
        loading={coverage.isPending}
        pagination={false}
        dataSource={districts}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('coverage.cityTotal')}</strong>
            </Table.Summary.Cell>
            {shown.map((k, i) => (
              <Table.Summary.Cell key={k} index={i + 1}>
                <strong>{totalOf(k)}</strong>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
        columns={[
          { title: t('coverage.district'), dataIndex: 'districtName' },
          ...shown.map((k) => ({
            title: head(k),
            dataIndex: k,
            sorter: (a: District, b: District) => a[k] - b[k],
            render: (n: number) =>
              (k === 'short' || k === 'covered') && n > 0 ? <strong style={{ color: STATE_COLOURS[k] }}>{n}</strong> : n,
          })),
        ]}
      />
      <Card size="small" title={t('coverage.shortList')} style={{ marginTop: 16 }}>
        <Input.Search
          aria-label={t('coverage.search')}
          placeholder={t('coverage.search')}
          allowClear
          onSearch={setSearch}
          onChange={(e) => !e.target.value && setSearch('')}
          style={{ width: 280, marginBottom: 12 }}
        />
        <Table<StaffingCoverage['short'][number]>
          rowKey="branchId"
          size="small"
          loading={coverage.isPending}
          dataSource={short}
          pagination={{ pageSize: 20, showTotal: (total) => t('coverage.total', { count: total }) }}
          columns={[
            {
              title: t('coverage.district'),
              dataIndex: 'districtName',
              responsive: ['sm'],
              sorter: (a, b) => a.districtCode.localeCompare(b.districtCode),
            },
            { title: t('coverage.org'), dataIndex: 'orgName', sorter: (a, b) => compareText(a.orgName, b.orgName) },
            { title: t('coverage.branch'), dataIndex: 'branchName', sorter: (a, b) => compareText(a.branchName, b.branchName) },
            {
              title: t('coverage.adjusted'),
              dataIndex: 'adjusted',
              sorter: (a, b) => Number(a.adjusted) - Number(b.adjusted),
              render: (adjusted: boolean) =>
                adjusted ? (
                  <Tag color={STATE_COLOURS.covered}>{t('coverage.adjustedYes')}</Tag>
                ) : (
                  <Tag color={STATE_COLOURS.short}>{t('coverage.adjustedNo')}</Tag>
                ),
            },
          ]}
        />
      </Card>
    </Card>
  );
}
