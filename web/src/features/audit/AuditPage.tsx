import { type AuditEventView, formatShanghaiTime } from '@shouhu/common';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchAuditEvents } from './api.ts';

/** The audit trail, newest first, filtered by action and record, paged by the server's cursor. */
export function AuditPage() {
  const { t } = useTranslation();
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
  return (
    <Card title={t('menu.audit')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('audit.filterAction')}
          placeholder={t('audit.filterAction')}
          allowClear
          onSearch={(action) => setFilter({ ...filter, action })}
          style={{ width: 260 }}
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
          { title: t('audit.action'), dataIndex: 'action' },
          { title: t('audit.actor'), render: (_, e) => `${e.actorType}${e.actorRole ? ` (${e.actorRole})` : ''} ${e.actorId ?? ''}` },
          { title: t('audit.record'), render: (_, e) => (e.recordType ? `${e.recordType} ${e.recordId ?? ''}` : '—') },
          {
            title: t('audit.outcome'),
            render: (_, e) => (
              <Tag color={e.outcome === 'success' ? '#1b5e20' : e.outcome === 'denied' ? '#9f1d20' : '#8a4b00'}>{e.outcome}</Tag>
            ),
          },
        ]}
      />
      {events.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
          {t('audit.more')}
        </Button>
      )}
    </Card>
  );
}
