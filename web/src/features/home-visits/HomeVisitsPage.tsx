import {
  BRANCH_SERVICE_LABELS,
  BRANCH_SERVICES,
  can,
  findDivision,
  formatShanghaiTime,
  HOME_VISIT_REASON_LABELS,
  HOME_VISIT_REASONS,
  HOME_VISIT_STATUS_LABELS,
  HOME_VISIT_STATUSES,
  type HomeVisitContact,
  type HomeVisitInput,
  type HomeVisitOutcome,
  type HomeVisitStatus,
  type HomeVisitView,
  IDENTITY_DOCUMENTS,
  listHomeVisitOutcomes,
  type Me,
  OPEN_HOME_VISIT_STATUSES,
  type OutcomeInput,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Cascader,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAction } from '../../api/useAction.ts';
import { Attachments } from '../../components/Attachments.tsx';
import { downloadCsv } from '../../components/csv.ts';
import { useDrawerSize } from '../../components/drawerSize.ts';
import { STREET_OPTIONS } from '../../components/streets.ts';
import { WorkOrderTimeline } from '../../components/WorkOrderTimeline.tsx';
import { actorOf } from '../console/ConsoleLayout.tsx';
import type { MessageKey } from '../index.ts';
import {
  acceptHomeVisit,
  checkHomeVisitIdentity,
  closeHomeVisit,
  getHomeVisit,
  listAssignableStaff,
  listHomeVisits,
  listHomeVisitTimeline,
  raiseHomeVisit,
  revealHomeVisitContact,
  scheduleHomeVisit,
} from './api.ts';

// Dark enough for white text (WCAG AA), unlike antd's light preset tags.
const STATUS_COLOURS: Record<HomeVisitStatus, string> = {
  requested: '#a8071a',
  accepted: '#ad4e00',
  scheduled: '#0b4fa8',
  done: '#237804',
  partly_done: '#006d75',
  refused: '#595959',
  unreachable: '#595959',
};

interface RaiseForm {
  service: HomeVisitInput['service'];
  name: string;
  mobile: string;
  street: [string, string];
  compound: string;
  address: string;
  reason: HomeVisitInput['reason'];
  window: [Dayjs, Dayjs];
}

/** The institution's home-visit requests: accept, check identity, send someone free to move, close with an outcome. */
export function HomeVisitsPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const client = useQueryClient();
  // The work desk links here with a status (requests to accept, visits scheduled).
  const [params] = useSearchParams();
  const [status, setStatus] = useState(HOME_VISIT_STATUSES.find((s) => s === params.get('status')));
  const visits = useQuery({
    queryKey: ['home-visits', status],
    queryFn: () => listHomeVisits(status),
  });
  const [openId, setOpenId] = useState<string>();
  const [search, setSearch] = useState('');
  const words = search.trim().toUpperCase();
  const shown = (visits.data?.items ?? []).filter((v) => !words || v.reference.includes(words));
  const serviceName = (s: string) => BRANCH_SERVICE_LABELS[s as 'cash']?.[lang] ?? s;
  // The list as on screen (personal data masked as shown), with Chinese headers and the count.
  const exportCsv = () =>
    downloadCsv(`home-visits-${new Date().toISOString().slice(0, 10)}.csv`, [
      [
        t('visits.reference'),
        t('visits.status'),
        t('visits.service'),
        t('visits.reason'),
        t('visits.customer'),
        t('visits.compound'),
        t('visits.created'),
      ],
      ...shown.map((v) => [
        v.reference,
        HOME_VISIT_STATUS_LABELS[v.status][lang],
        serviceName(v.service),
        HOME_VISIT_REASON_LABELS[v.reason][lang],
        `${v.name} ${v.mobile}`,
        v.compound,
        formatShanghaiTime(v.createdAt),
      ]),
      [t('visits.totalRow', { count: shown.length })],
    ]);
  const [raising, setRaising] = useState(false);
  const [raiseForm] = Form.useForm<RaiseForm>();
  const { run, busy, error } = useAction(raiseForm, {
    streetCode: 'street',
    'windows.0': 'window',
    'windows.0.from': 'window',
    'windows.0.to': 'window',
  });

  const raise = (v: RaiseForm) =>
    run(async () => {
      const created = await raiseHomeVisit({
        orgId: me.organization.id,
        service: v.service,
        name: v.name,
        mobile: v.mobile,
        streetCode: v.street[1],
        compound: v.compound,
        address: v.address,
        reason: v.reason,
        windows: [{ from: v.window[0].toISOString(), to: v.window[1].toISOString() }],
      });
      setRaising(false);
      raiseForm.resetFields();
      message.success(t('visits.raised', { reference: created.reference }));
      await client.invalidateQueries({ queryKey: ['home-visits'] });
    });

  return (
    <Card
      title={t('menu.visits')}
      extra={
        <Space wrap>
          <Input.Search
            aria-label={t('visits.search')}
            placeholder={t('visits.search')}
            allowClear
            onSearch={setSearch}
            onChange={(e) => !e.target.value && setSearch('')}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={t('visits.allStatuses')}
            aria-label={t('visits.status')}
            style={{ minWidth: 160 }}
            value={status}
            onChange={setStatus}
            options={HOME_VISIT_STATUSES.map((s) => ({ value: s, label: HOME_VISIT_STATUS_LABELS[s][lang] }))}
          />
          <Button onClick={exportCsv} disabled={shown.length === 0}>
            {t('visits.export')}
          </Button>
          <Button type="primary" onClick={() => setRaising(true)}>
            {t('visits.raise')}
          </Button>
        </Space>
      }
    >
      <Table<HomeVisitView>
        rowKey="id"
        loading={visits.isPending}
        dataSource={shown}
        scroll={{ x: true }}
        pagination={{ pageSize: 20, showTotal: (total) => t('visits.total', { count: total }) }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('visits.reference'),
            dataIndex: 'reference',
            render: (v: string, r) => (
              <Button type="link" onClick={() => setOpenId(r.id)}>
                {v}
              </Button>
            ),
          },
          {
            title: t('visits.status'),
            dataIndex: 'status',
            render: (s: HomeVisitStatus) => <Tag color={STATUS_COLOURS[s]}>{HOME_VISIT_STATUS_LABELS[s][lang]}</Tag>,
            sorter: (a, b) => HOME_VISIT_STATUSES.indexOf(a.status) - HOME_VISIT_STATUSES.indexOf(b.status),
          },
          { title: t('visits.service'), dataIndex: 'service', render: (s: string) => BRANCH_SERVICE_LABELS[s as 'cash']?.[lang] ?? s },
          { title: t('visits.reason'), dataIndex: 'reason', render: (r: 'elderly') => HOME_VISIT_REASON_LABELS[r][lang] },
          { title: t('visits.customer'), render: (_, r) => `${r.name} ${r.mobile}` },
          { title: t('visits.compound'), dataIndex: 'compound' },
          {
            title: t('visits.created'),
            dataIndex: 'createdAt',
            render: (at: string) => formatShanghaiTime(at),
            sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
            defaultSortOrder: 'descend',
          },
        ]}
      />
      {openId && <VisitDrawer id={openId} me={me} onClose={() => setOpenId(undefined)} />}
      <Modal
        open={raising}
        title={t('visits.raise')}
        onCancel={() => setRaising(false)}
        onOk={() => raiseForm.submit()}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={raiseForm} layout="vertical" onFinish={raise} initialValues={{ service: 'cash', reason: 'elderly' }}>
          <Form.Item name="service" label={t('visits.service')} rules={[{ required: true }]}>
            <Select options={BRANCH_SERVICES.map((s) => ({ value: s, label: BRANCH_SERVICE_LABELS[s][lang] }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('visits.reason')} rules={[{ required: true }]}>
            <Select options={HOME_VISIT_REASONS.map((r) => ({ value: r, label: HOME_VISIT_REASON_LABELS[r][lang] }))} />
          </Form.Item>
          <Form.Item name="name" label={t('visits.name')} rules={[{ required: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="mobile" label={t('visits.mobile')} rules={[{ required: true }]}>
            <Input inputMode="tel" maxLength={20} />
          </Form.Item>
          <Form.Item name="street" label={t('visits.street')} rules={[{ required: true }]}>
            <Cascader options={STREET_OPTIONS} showSearch />
          </Form.Item>
          <Form.Item name="compound" label={t('visits.compound')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="address" label={t('visits.address')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="window" label={t('visits.window')} rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          {error && <Alert type="error" title={error.describe(i18n.language)} />}
        </Form>
      </Modal>
    </Card>
  );
}

/** One work order: the request, the customer's details for whoever goes, the steps allowed next, its history. */
function VisitDrawer({ id, me, onClose }: { id: string; me: Me; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const drawerSize = useDrawerSize();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const visit = useQuery({ queryKey: ['home-visit', id], queryFn: () => getHomeVisit(id) });
  const steps = visit.data?.nextSteps ?? [];
  const staff = useQuery({
    queryKey: ['home-visit-staff', id],
    queryFn: () => listAssignableStaff(id),
    enabled: steps.includes('schedule'),
  });
  const [outcome, setOutcome] = useState<HomeVisitOutcome>();
  const [identityForm] = Form.useForm();
  // A refused resident ID shows its reason (a wrong check digit, say) beside the field.
  const { run, busy, error } = useAction(identityForm);
  const step = (change: () => Promise<unknown>, done: MessageKey) =>
    run(async () => {
      await change();
      message.success(t(done));
      await client.invalidateQueries({ queryKey: ['home-visit', id] });
      await client.invalidateQueries({ queryKey: ['home-visits'] });
    });
  const v = visit.data;
  const early = v?.scheduledAt && Date.parse(v.scheduledAt) > Date.now() && (outcome === 'done' || outcome === 'partly_done');

  return (
    <Drawer open title={v?.reference} onClose={onClose} size={drawerSize}>
      {v && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('visits.status')}>
              <Tag color={STATUS_COLOURS[v.status]}>{HOME_VISIT_STATUS_LABELS[v.status][lang]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.customer')}>{`${v.name} ${v.mobile}`}</Descriptions.Item>
            <Descriptions.Item label={t('visits.compound')}>{`${v.compound} ${v.address}`}</Descriptions.Item>
            <Descriptions.Item label={t('visits.service')}>
              {BRANCH_SERVICE_LABELS[v.service as 'cash']?.[lang] ?? v.service}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.reason')}>{HOME_VISIT_REASON_LABELS[v.reason][lang]}</Descriptions.Item>
            <Descriptions.Item label={t('visits.window')}>
              {v.windows.map((w) => `${formatShanghaiTime(w.from)} – ${formatShanghaiTime(w.to).slice(11)}`).join('；')}
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.identity')}>
              {v.identityCheckedAt ? `${v.residentId}（${formatShanghaiTime(v.identityCheckedAt)}）` : t('visits.notChecked')}
            </Descriptions.Item>
            {v.scheduledAt && <Descriptions.Item label={t('visits.scheduled')}>{formatShanghaiTime(v.scheduledAt)}</Descriptions.Item>}
            {v.outcomeNote && <Descriptions.Item label={t('visits.note')}>{v.outcomeNote}</Descriptions.Item>}
            {v.earlyReason && <Descriptions.Item label={t('visits.earlyReason')}>{v.earlyReason}</Descriptions.Item>}
          </Descriptions>
          <ContactCard visit={v} me={me} />
          <Attachments recordType="home_visit" recordId={id} kind="identity_check" canAdd={steps.length > 0} />
          {error && <Alert type="error" title={error.describe(i18n.language)} />}
          {steps.includes('accept') && (
            <Button type="primary" loading={busy} onClick={() => step(() => acceptHomeVisit(id), 'visits.accepted')}>
              {t('visits.accept')}
            </Button>
          )}
          {steps.includes('check_identity') && !v.identityCheckedAt && (
            <Card size="small" title={t('visits.identity')}>
              <Form
                form={identityForm}
                layout="vertical"
                onFinish={(f) => step(() => checkHomeVisitIdentity(id, f), 'visits.identityRecorded')}
                initialValues={{ documents: ['resident_id_card'] }}
              >
                <Form.Item name="residentId" label={t('visits.residentId')} rules={[{ required: true }]}>
                  <Input maxLength={18} />
                </Form.Item>
                <Form.Item name="name" label={t('visits.name')} rules={[{ required: true }]}>
                  <Input maxLength={50} />
                </Form.Item>
                <Form.Item name="documents" label={t('visits.documents')} rules={[{ required: true }]}>
                  <Checkbox.Group options={IDENTITY_DOCUMENTS.map((d) => ({ value: d, label: t(`visits.doc.${d}`) }))} />
                </Form.Item>
                <Button htmlType="submit" loading={busy}>
                  {t('visits.recordIdentity')}
                </Button>
              </Form>
            </Card>
          )}
          {steps.includes('schedule') && (
            <Card size="small" title={t('visits.schedule')}>
              <Form
                layout="vertical"
                initialValues={{ userId: v.assignedUserId ?? undefined, at: v.scheduledAt ? dayjs(v.scheduledAt) : undefined }}
                onFinish={(f: { userId: string; at: Dayjs }) =>
                  step(() => scheduleHomeVisit(id, { userId: f.userId, at: f.at.toISOString() }), 'visits.scheduledDone')
                }
              >
                <Form.Item name="userId" label={t('visits.staff')} rules={[{ required: true }]}>
                  <Select
                    options={(staff.data?.items ?? []).map((s) => ({
                      value: s.userId,
                      disabled: !s.free,
                      label:
                        s.notOffered === null
                          ? s.name
                          : `${s.name}（${s.notOffered === 'locked_in' ? t('visits.lockedIn', { zone: s.zoneName }) : t('visits.notOnRoster')}）`,
                    }))}
                  />
                </Form.Item>
                <Form.Item name="at" label={t('visits.at')} rules={[{ required: true }]}>
                  <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
                </Form.Item>
                <Button htmlType="submit" loading={busy}>
                  {t('visits.scheduleSubmit')}
                </Button>
              </Form>
            </Card>
          )}
          {steps.includes('close') && (
            <Card size="small" title={t('visits.outcome')}>
              <Form
                layout="vertical"
                onValuesChange={(changed: { outcome?: HomeVisitOutcome }) => changed.outcome && setOutcome(changed.outcome)}
                onFinish={(f: OutcomeInput) =>
                  modal.confirm({
                    title: t('visits.closeConfirm', { outcome: HOME_VISIT_STATUS_LABELS[f.outcome][lang] }),
                    okText: t('visits.close'),
                    cancelText: t('common.cancel'),
                    onOk: () => step(() => closeHomeVisit(id, f), 'visits.closed'),
                  })
                }
              >
                <Form.Item name="outcome" label={t('visits.outcome')} rules={[{ required: true }]}>
                  <Select options={listHomeVisitOutcomes(v.status).map((o) => ({ value: o, label: HOME_VISIT_STATUS_LABELS[o][lang] }))} />
                </Form.Item>
                {early && (
                  <Form.Item
                    name="earlyReason"
                    label={t('visits.earlyReason')}
                    extra={t('visits.earlyHint', { time: formatShanghaiTime(v.scheduledAt as string) })}
                    rules={[{ required: true, min: 2, message: t('visits.earlyRequired') }]}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                )}
                <Form.Item name="note" label={t('visits.note')}>
                  <Input.TextArea maxLength={500} rows={2} />
                </Form.Item>
                <Button htmlType="submit" loading={busy}>
                  {t('visits.close')}
                </Button>
              </Form>
            </Card>
          )}
          <WorkOrderTimeline queryKey={['home-visit', id]} load={() => listHomeVisitTimeline(id)} />
        </Space>
      )}
    </Drawer>
  );
}

/**
 * The customer's details for the door: one click for the staff member sent, while the visit is
 * open; a reason for anyone else allowed to reveal. The server audits both.
 */
function ContactCard({ visit, me }: { visit: HomeVisitView; me: Me }) {
  const { t, i18n } = useTranslation();
  const sent = visit.assignedUserId === me.id && OPEN_HOME_VISIT_STATUSES.includes(visit.status);
  const mayReveal = can(actorOf(me), 'pii.reveal');
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [contact, setContact] = useState<HomeVisitContact>();
  const { run, busy, error } = useAction();
  if (!sent && !mayReveal) return null;
  const reveal = (body: { reason?: string }) =>
    run(async () => {
      setContact(await revealHomeVisitContact(visit.id, body));
      setAsking(false);
    });
  const place = contact ? `${findDivision(contact.districtCode)?.name ?? ''}${findDivision(contact.streetCode)?.name ?? ''}` : '';
  return (
    <Card size="small" title={t('visits.contact')}>
      {contact ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('visits.name')}>{contact.name}</Descriptions.Item>
          <Descriptions.Item label={t('visits.mobile')}>
            <a href={`tel:${contact.mobile}`}>{contact.mobile}</a>
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.fullAddress')}>{`${place} ${contact.compound} ${contact.address}`}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Space direction="vertical">
          <Typography.Text type="secondary">{sent ? t('visits.contactSent') : t('visits.contactOthers')}</Typography.Text>
          {error && <Alert type="error" title={error.describe(i18n.language)} />}
          <Button loading={busy} onClick={() => (sent ? reveal({}) : setAsking(true))}>
            {t('visits.showContact')}
          </Button>
        </Space>
      )}
      <Modal
        title={t('reveal.title')}
        open={asking}
        onOk={() => reveal({ reason })}
        onCancel={() => setAsking(false)}
        okText={t('reveal.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        destroyOnHidden
      >
        {error && <Alert type="error" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <label htmlFor="contact-reason">{t('reveal.reason')}</label>
        <Input.TextArea id="contact-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} rows={3} />
      </Modal>
    </Card>
  );
}
