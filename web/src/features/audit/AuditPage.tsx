import {
  AUDIT_ACTION_LABELS,
  AUDIT_OUTCOME_LABELS,
  type AuditEventView,
  describeAuditAction,
  formatShanghaiTime,
  RECORD_TYPE_LABELS,
  ROLE_LABELS,
  type Role,
} from '@shouhu/common';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadCsv } from '../../components/csv.ts';
import { searchAuditEvents } from './api.ts';

/**
 * The audit trail, newest first, filtered by action, record and time, paged by the server's
 * cursor: actions, people and records by their names in the reader's language, not their codes.
 */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [filter, setFilter] = useState({ action: '', recordId: '', actorId: '', from: '', to: '' });
  const events = useInfiniteQuery({
    queryKey: ['audit', filter],
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams({ limit: '50' });
      if (filter.action) q.set('action', filter.action);
      if (filter.recordId) q.set('recordId', filter.recordId);
      if (filter.actorId) q.set('actorId', filter.actorId);
      if (filter.from) q.set('from', filter.from);
      if (filter.to) q.set('to', filter.to);
      if (pageParam) q.set('before', pageParam);
      return searchAuditEvents(q);
    },
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];
  const actorOf = (e: AuditEventView) =>
    e.actorName ??
    (e.actorType === 'citizen' ? t('timeline.customer') : e.actorType === 'token' ? t('timeline.integration') : t('timeline.system'));
  const recordOf = (e: AuditEventView) =>
    e.recordType ? `${RECORD_TYPE_LABELS[e.recordType]?.[lang] ?? e.recordType} ${e.recordName ?? e.recordId ?? ''}`.trim() : '—';
  // What is on screen, as a spreadsheet would read it: the same names, Chinese headers.
  const exportCsv = () =>
    downloadCsv(`audit-${new Date().toISOString().slice(0, 10)}.csv`, [
      [t('audit.time'), t('audit.action'), t('audit.actor'), t('audit.record'), t('audit.outcome')],
      ...rows.map((e) => [
        formatShanghaiTime(e.occurredAt, { seconds: true }),
        describeAuditAction(e.action, lang),
        actorOf(e),
        recordOf(e),
        AUDIT_OUTCOME_LABELS[e.outcome]?.[lang] ?? e.outcome,
      ]),
    ]);

  return (
    <Card title={t('menu.audit')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('audit.filterAction')}
          placeholder={t('audit.filterAction')}
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 240 }}
          onChange={(action?: string) => setFilter({ ...filter, action: action ?? '' })}
          options={Object.keys(AUDIT_ACTION_LABELS).map((a) => ({ value: a, label: describeAuditAction(a, lang) }))}
        />
        <Input.Search
          aria-label={t('audit.filterRecord')}
          placeholder={t('audit.filterRecord')}
          allowClear
          onSearch={(recordId) => setFilter({ ...filter, recordId })}
          style={{ width: 260 }}
        />
        <Input.Search
          aria-label={t('audit.filterActor')}
          placeholder={t('audit.filterActor')}
          allowClear
          onSearch={(actorId) => setFilter({ ...filter, actorId })}
          style={{ width: 260 }}
        />
        <DatePicker.RangePicker
          aria-label={t('audit.filterTime')}
          showTime
          onChange={(range) => setFilter({ ...filter, from: range?.[0]?.toISOString() ?? '', to: range?.[1]?.toISOString() ?? '' })}
        />
        <Button onClick={exportCsv} disabled={rows.length === 0}>
          {t('audit.export', { count: rows.length })}
        </Button>
      </Space>
      <Table<AuditEventView>
        rowKey="id"
        size="small"
        loading={events.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        expandable={{ expandedRowRender: (e) => <pre className="audit-summary">{JSON.stringify(e.summary, null, 2)}</pre> }}
        columns={[
          { title: t('audit.time'), render: (_, e) => formatShanghaiTime(e.occurredAt, { seconds: true }) },
          { title: t('audit.action'), render: (_, e) => describeAuditAction(e.action, lang) },
          {
            title: t('audit.actor'),
            render: (_, e) => `${actorOf(e)}${e.actorRole ? `（${ROLE_LABELS[e.actorRole as Role]?.[lang] ?? e.actorRole}）` : ''}`,
          },
          { title: t('audit.record'), render: (_, e) => recordOf(e) },
          {
            title: t('audit.outcome'),
            render: (_, e) => (
              <Tag color={e.outcome === 'success' ? '#1b5e20' : e.outcome === 'denied' ? '#9f1d20' : '#8a4b00'}>
                {AUDIT_OUTCOME_LABELS[e.outcome]?.[lang] ?? e.outcome}
              </Tag>
            ),
          },
        ]}
      />
      <p className="hint" style={{ marginTop: 8 }}>
        {t('audit.loaded', { count: rows.length })}
      </p>
      {events.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
          {t('audit.more')}
        </Button>
      )}
    </Card>
  );
}
