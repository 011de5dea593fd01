import {
  BRANCH_SERVICE_LABELS,
  type BranchService,
  formatShanghaiTime,
  type Me,
  VIDEO_OUTCOMES,
  VIDEO_STATUS_LABELS,
  type VideoOutcomeInput,
  type VideoSessionView,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { WorkOrderTimeline } from '../../components/WorkOrderTimeline.tsx';
import { checkVideoIdentity, closeVideoSession, listVideoQueue, listVideoTimeline, revealVideoContact, takeNextCustomer } from './api.ts';

const ALL = 'all';

/**
 * The agent's desk of the cloud branch: every queue of the institution with its count (one
 * service to narrow it, or all), take the next customer, check identity, close.
 */
export function CloudBranchAgentPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const client = useQueryClient();
  const [service, setService] = useState<BranchService | typeof ALL>(ALL);
  // The queue refreshes every few seconds; customers see their own place live.
  const queue = useQuery({ queryKey: ['video-queue'], queryFn: listVideoQueue, refetchInterval: 5000 });
  const { run, busy, error } = useAction();
  const refresh = () => client.invalidateQueries({ queryKey: ['video-queue'] });
  const items = queue.data?.items ?? [];
  const mine = items.filter((s) => s.status === 'serving' && s.agentUserId === me.id);
  const open = items.filter((s) => s.status !== 'serving');
  const counts = new Map<string, number>();
  for (const s of open) counts.set(s.service, (counts.get(s.service) ?? 0) + 1);
  const shown = open.filter((s) => service === ALL || s.service === service);
  // Each customer's place in their own service's line.
  const places = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const s of open.filter((x) => x.status === 'waiting')) {
    seen.set(s.service, (seen.get(s.service) ?? 0) + 1);
    places.set(s.id, seen.get(s.service) as number);
  }
  const serviceName = (s: string) => BRANCH_SERVICE_LABELS[s as BranchService]?.[lang] ?? s;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card
        title={t('menu.cloud')}
        extra={
          <Button
            type="primary"
            loading={busy}
            onClick={() =>
              run(async () => {
                await takeNextCustomer(service === ALL ? undefined : service);
                await refresh();
              })
            }
          >
            {service === ALL ? t('cloud.takeNext') : t('cloud.takeNextOf', { service: serviceName(service) })}
          </Button>
        }
      >
        <Segmented
          aria-label={t('visits.service')}
          style={{ marginBottom: 12, flexWrap: 'wrap' }}
          value={service}
          onChange={(v) => setService(v as BranchService | typeof ALL)}
          options={[
            { value: ALL, label: t('cloud.allServices', { count: open.length }) },
            ...[...counts.keys()].map((s) => ({ value: s, label: `${serviceName(s)}（${counts.get(s)}）` })),
          ]}
        />
        {error && <Alert type="error" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <Table<VideoSessionView>
          rowKey="id"
          size="small"
          loading={queue.isPending}
          dataSource={shown}
          pagination={{ pageSize: 20, showTotal: (total) => t('cloud.total', { count: total }) }}
          locale={{ emptyText: t('cloud.empty') }}
          columns={[
            { title: '#', render: (_, r) => places.get(r.id) ?? '' },
            { title: t('visits.reference'), dataIndex: 'reference' },
            { title: t('visits.service'), dataIndex: 'service', render: serviceName },
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

/** The customer being served: the video room (or their number to call), the identity check, the outcome, the history. */
function SessionCard({ session, onChanged }: { session: VideoSessionView; onChanged: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message, modal } = App.useApp();
  const [identityForm] = Form.useForm();
  const { run, busy, error } = useAction(identityForm);
  // A check already recorded can be done again until the outcome: a missed tick is corrected, not final.
  const [correcting, setCorrecting] = useState(false);
  const [mobile, setMobile] = useState<string>();
  const step = (change: () => Promise<unknown>, done?: 'cloud.closed' | 'cloud.identityRecorded') =>
    run(async () => {
      await change();
      if (done) message.success(t(done));
      await onChanged();
    });
  const matched =
    session.nameMatched === null ? t('cloud.noRecord') : session.nameMatched ? t('cloud.nameMatched') : t('cloud.nameMismatch');

  return (
    <Card
      title={`${session.reference} · ${session.mobile} · ${BRANCH_SERVICE_LABELS[session.service as 'cash']?.[lang] ?? session.service}`}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {session.roomUrl ? (
          <Button href={session.roomUrl} target="_blank" rel="noreferrer">
            {t('cloud.openRoom')}
          </Button>
        ) : (
          <Alert
            type="info"
            title={t('cloud.noVideo')}
            description={
              mobile ? (
                <a href={`tel:${mobile}`}>{mobile}</a>
              ) : (
                <Button size="small" onClick={() => run(async () => setMobile((await revealVideoContact(session.id)).mobile))}>
                  {t('cloud.showMobile')}
                </Button>
              )
            }
          />
        )}
        {error && <Alert type="error" title={error.describe(i18n.language)} />}
        {session.identityCheckedAt && !correcting ? (
          <Alert
            type={session.livenessPassed && session.nameMatched !== false ? 'success' : 'warning'}
            title={`${session.residentId} · ${matched} · ${session.livenessPassed ? t('cloud.livenessPassed') : t('cloud.livenessFailed')}`}
            action={
              <Button size="small" onClick={() => setCorrecting(true)}>
                {t('cloud.correct')}
              </Button>
            }
          />
        ) : (
          <Form
            form={identityForm}
            layout="vertical"
            onFinish={(f) =>
              step(async () => {
                await checkVideoIdentity(session.id, { ...f, livenessPassed: Boolean(f.livenessPassed) });
                setCorrecting(false);
              }, 'cloud.identityRecorded')
            }
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
        <Form
          layout="inline"
          onFinish={(f: VideoOutcomeInput) =>
            modal.confirm({
              title: t('cloud.closeConfirm', { outcome: VIDEO_STATUS_LABELS[f.outcome][lang] }),
              content: f.outcome === 'served' ? undefined : t('cloud.closeNotServed'),
              okText: t('visits.close'),
              cancelText: t('common.cancel'),
              onOk: () => step(() => closeVideoSession(session.id, f), 'cloud.closed'),
            })
          }
        >
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
        <Typography.Text type="secondary">{t('cloud.hintSteps')}</Typography.Text>
        <WorkOrderTimeline queryKey={['video-session', session.id, session.identityCheckedAt]} load={() => listVideoTimeline(session.id)} />
      </Space>
    </Card>
  );
}
