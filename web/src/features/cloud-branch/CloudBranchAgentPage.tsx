import {
  BRANCH_SERVICE_LABELS,
  BRANCH_SERVICES,
  type BranchService,
  formatShanghaiTime,
  type Me,
  VIDEO_OUTCOMES,
  VIDEO_STATUS_LABELS,
  type VideoSessionView,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { checkVideoIdentity, closeVideoSession, listVideoQueue, takeNextCustomer } from './api.ts';

/** The agent's desk of the cloud branch: the queue of a service, take the next customer, check identity, close. */
export function CloudBranchAgentPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const client = useQueryClient();
  const [service, setService] = useState<BranchService>('account_opening');
  // The queue refreshes every few seconds; customers see their own place live.
  const queue = useQuery({
    queryKey: ['video-queue', service],
    queryFn: () => listVideoQueue(service),
    refetchInterval: 5000,
  });
  const { run, busy, error } = useAction();
  const refresh = () => client.invalidateQueries({ queryKey: ['video-queue'] });
  const items = queue.data?.items ?? [];
  const mine = items.filter((s) => s.status === 'serving' && s.agentUserId === me.id);
  const waiting = items.filter((s) => s.status !== 'serving');

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card
        title={t('menu.cloud')}
        extra={
          <Space wrap>
            <Select
              aria-label={t('visits.service')}
              value={service}
              onChange={setService}
              style={{ minWidth: 160 }}
              options={BRANCH_SERVICES.map((s) => ({ value: s, label: BRANCH_SERVICE_LABELS[s][lang] }))}
            />
            <Button
              type="primary"
              loading={busy}
              onClick={() =>
                run(async () => {
                  await takeNextCustomer(service);
                  await refresh();
                })
              }
            >
              {t('cloud.takeNext')}
            </Button>
          </Space>
        }
      >
        {error && <Alert type="error" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <Table<VideoSessionView>
          rowKey="id"
          size="small"
          loading={queue.isPending}
          dataSource={waiting}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '#', render: (_, r, i) => (r.status === 'waiting' ? i + 1 : '') },
            { title: t('visits.reference'), dataIndex: 'reference' },
            { title: t('visits.status'), dataIndex: 'status', render: (s: 'waiting') => <Tag>{VIDEO_STATUS_LABELS[s][lang]}</Tag> },
            { title: t('visits.mobile'), dataIndex: 'mobile' },
            { title: t('cloud.since'), render: (_, r) => formatShanghaiTime(r.slotAt ?? r.joinedAt).slice(11) },
          ]}
        />
      </Card>
      {mine.map((s) => (
        <SessionCard key={s.id} session={s} onChanged={refresh} />
      ))}
    </Space>
  );
}

/** The customer being served: the video room, the identity check, the outcome. */
function SessionCard({ session, onChanged }: { session: VideoSessionView; onChanged: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { run, busy, error } = useAction();
  const step = (change: () => Promise<unknown>) =>
    run(async () => {
      await change();
      await onChanged();
    });
  const matched =
    session.nameMatched === null ? t('cloud.noRecord') : session.nameMatched ? t('cloud.nameMatched') : t('cloud.nameMismatch');

  return (
    <Card
      title={`${session.reference} · ${session.mobile} · ${BRANCH_SERVICE_LABELS[session.service as 'cash']?.[lang] ?? session.service}`}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {session.roomUrl && (
          <Button href={session.roomUrl} target="_blank" rel="noreferrer">
            {t('cloud.openRoom')}
          </Button>
        )}
        {error && <Alert type="error" title={error.describe(i18n.language)} />}
        {session.identityCheckedAt ? (
          <Alert
            type={session.livenessPassed && session.nameMatched !== false ? 'success' : 'warning'}
            title={`${session.residentId} · ${matched} · ${session.livenessPassed ? t('cloud.livenessPassed') : t('cloud.livenessFailed')}`}
          />
        ) : (
          <Form
            layout="vertical"
            onFinish={(f) => step(() => checkVideoIdentity(session.id, { ...f, livenessPassed: Boolean(f.livenessPassed) }))}
          >
            <Form.Item name="residentId" label={t('visits.residentId')} rules={[{ required: true }]}>
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item name="name" label={t('visits.name')} rules={[{ required: true }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="livenessPassed" valuePropName="checked">
              <Checkbox>{t('cloud.liveness')}</Checkbox>
            </Form.Item>
            <Button htmlType="submit" loading={busy}>
              {t('visits.recordIdentity')}
            </Button>
          </Form>
        )}
        <Form layout="inline" onFinish={(f) => step(() => closeVideoSession(session.id, f))}>
          <Form.Item name="outcome" label={t('visits.outcome')} rules={[{ required: true }]}>
            <Select style={{ minWidth: 140 }} options={VIDEO_OUTCOMES.map((o) => ({ value: o, label: VIDEO_STATUS_LABELS[o][lang] }))} />
          </Form.Item>
          <Form.Item name="note" label={t('visits.note')}>
            <Input maxLength={500} />
          </Form.Item>
          <Button htmlType="submit" loading={busy}>
            {t('visits.close')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
