import type { NoticeView } from '@shouhu/common';
import { todayInShanghai } from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useAction } from '../../api/useAction.ts';
import { compileDraft, getDraft, publishDraft } from './api.ts';

/** The association compiles the notice as of a date, reviews the draft with its changes, and publishes it. */
export function NoticeDraftPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  // Shanghai's today, wherever the browser's clock is set.
  const [asOf, setAsOf] = useState<Dayjs>(dayjs(todayInShanghai()));
  const { run, busy, error } = useAction();
  const [published, setPublished] = useState<NoticeView>();
  const draft = useQuery({
    queryKey: ['notice-draft'],
    queryFn: async () => {
      try {
        return await getDraft();
      } catch (e) {
        if (e instanceof ApiError && e.code === 'notice.no_draft') return null;
        throw e;
      }
    },
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['notice-draft'] });
  const changed = new Set(draft.data?.changes.previousVersion ? [...draft.data.changes.closed, ...draft.data.changes.hoursChanged] : []);
  return (
    <Card title={t('menu.notice')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker aria-label={t('notice.asOf')} value={asOf} onChange={(d) => d && setAsOf(d)} allowClear={false} />
        <Button
          loading={busy}
          onClick={() =>
            run(async () => {
              await compileDraft(asOf.format('YYYY-MM-DD'));
              setPublished(undefined);
              await refresh();
            })
          }
        >
          {t('notice.compile')}
        </Button>
        <Button
          type="primary"
          disabled={!draft.data}
          loading={busy}
          onClick={() =>
            run(async () => {
              setPublished(await publishDraft());
              await refresh();
            })
          }
        >
          {t('notice.publish')}
        </Button>
      </Space>
      {error && <Alert type="error" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
      {published && <Alert type="success" title={t('notice.published', { version: published.version })} style={{ marginBottom: 12 }} />}
      {draft.data && (
        <>
          <Alert
            type="info"
            style={{ marginBottom: 12 }}
            title={t('notice.draftOf', { asOf: draft.data.asOf, count: draft.data.entries.length })}
            description={
              draft.data.changes.previousVersion === null
                ? t('notice.first')
                : t('notice.changes', {
                    closed: draft.data.changes.closed.length,
                    reopened: draft.data.changes.reopened.length,
                    withdrawn: draft.data.changes.withdrawn.length,
                    hours: draft.data.changes.hoursChanged.length,
                    previous: draft.data.changes.previousVersion,
                  })
            }
          />
          <Table
            rowKey="branchId"
            size="small"
            dataSource={draft.data.entries}
            pagination={{ pageSize: 50 }}
            scroll={{ x: 800 }}
            columns={[
              { title: t('finder.district'), dataIndex: 'districtName' },
              { title: t('network.institution'), dataIndex: 'institution' },
              {
                title: t('network.branch'),
                dataIndex: 'branchName',
                render: (name: string, e) =>
                  changed.has(e.branchId) ? (
                    <>
                      {name} <Tag color="#9f1d20">{t('notice.new')}</Tag>
                    </>
                  ) : (
                    name
                  ),
              },
              { title: t('notice.adjustment'), render: (_, e) => (e.closed ? t('notice.closed') : t('notice.hours', { hours: e.hours })) },
              { title: t('notice.dates'), render: (_, e) => `${e.from} — ${e.to}` },
            ]}
          />
        </>
      )}
    </Card>
  );
}
