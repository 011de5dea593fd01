import {
  type BranchStaffing,
  can,
  compareText,
  describePost,
  FALLBACK_KINDS,
  type Me,
  STAFF_POST_LABELS,
  STAFF_POSTS,
  STAFFING_STATE_LABELS,
  STAFFING_STATES,
  type StaffingFallback,
  type StaffingState,
  todayInShanghai,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  TimePicker,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { useDrawerSize } from '../../components/drawerSize.ts';
import { listBranches } from '../branches/api.ts';
import { actorOf } from '../console/ConsoleLayout.tsx';
import { acceptSubstitute, applyFallback, approvePlan, draftPlan, listOwnPosts, listPlans, readBoard } from './api.ts';

/** Dark enough for white text to pass contrast: green, amber, red. */
const STATE_COLOURS: Record<StaffingState, string> = { enough: '#1f6f3f', covered: '#8a5a00', short: '#9f1d20' };

/** A plan's fallback in words: closed, or open only some hours. */
function useDescribeFallback() {
  const { t } = useTranslation();
  return (f: StaffingFallback) =>
    f.kind === 'closed'
      ? t('board.fallbackClosed')
      : t('board.fallbackHours', { hours: (f.hours ?? []).map((h) => `${h.open}–${h.close}`).join('、') });
}

interface PlanForm {
  minimums: { post: string; n: number }[];
  kind: StaffingFallback['kind'];
  hours?: [Dayjs, Dayjs];
  publicNote: string;
}

/** A branch's plans: the versions, the one in force, a new draft and its approval. */
function PlanDrawer({ branch, onClose, manages }: { branch: { id: string; name: string }; onClose: () => void; manages: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const drawerSize = useDrawerSize();
  const describeFallback = useDescribeFallback();
  const plans = useQuery({ queryKey: ['staffing-plans', branch.id], queryFn: () => listPlans(branch.id) });
  const own = useQuery({ queryKey: ['staff-posts'], queryFn: listOwnPosts });
  const [form] = Form.useForm<PlanForm>();
  const { run, busy, error } = useAction(form);
  const kind = Form.useWatch('kind', form);
  const postOptions = [
    ...STAFF_POSTS.map((p) => ({ value: p, label: STAFF_POST_LABELS[p][lang] })),
    ...(own.data?.items ?? []).map((p) => ({ value: p.code, label: lang === 'zh' ? p.nameZh : p.nameEn })),
  ];
  const refresh = () =>
    client.invalidateQueries({ queryKey: ['staffing-plans'] }).then(() => client.invalidateQueries({ queryKey: ['staffing'] }));
  const draft = (v: PlanForm) =>
    run(async () => {
      await draftPlan({
        branchId: branch.id,
        minimums: Object.fromEntries(v.minimums.map((m) => [m.post, m.n])),
        fallback: {
          kind: v.kind,
          publicNote: v.publicNote,
          ...(v.kind === 'shorter_hours' && v.hours
            ? { hours: [{ open: v.hours[0].format('HH:mm'), close: v.hours[1].format('HH:mm') }] }
            : {}),
        },
      });
      message.success(t('board.drafted'));
      form.resetFields();
      await refresh();
    });
  const approve = (id: string, version: number) =>
    modal.confirm({
      title: t('board.approveConfirm', { version }),
      okText: t('board.approve'),
      onOk: () =>
        run(async () => {
          await approvePlan(id);
          message.success(t('board.approved', { version }));
          await refresh();
        }),
    });
  return (
    <Drawer open title={t('board.plans', { name: branch.name })} onClose={onClose} size={drawerSize} destroyOnHidden>
      {error && <Alert type="error" role="alert" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
      <List
        loading={plans.isPending}
        dataSource={plans.data?.items ?? []}
        locale={{ emptyText: t('board.noPlan') }}
        renderItem={(p) => (
          <List.Item
            actions={
              manages && !p.approvedAt
                ? [
                    <Button key="approve" size="small" type="primary" onClick={() => approve(p.id, p.version)}>
                      {t('board.approve')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  {t('board.version', { version: p.version })}
                  {p.inForce && <Tag color={STATE_COLOURS.enough}>{t('board.inForce')}</Tag>}
                  {!p.approvedAt && <Tag>{t('board.draft')}</Tag>}
                </Space>
              }
              description={
                <>
                  {Object.entries(p.minimums)
                    .map(([post, n]) => t('board.minimum', { post: describePost(post, own.data?.items ?? [], lang), n }))
                    .join('，')}
                  ；{describeFallback(p.fallback)}：{p.fallback.publicNote}
                </>
              }
            />
          </List.Item>
        )}
      />
      {manages && (
        <Card size="small" title={t('board.newVersion')} style={{ marginTop: 16 }}>
          <Form
            form={form}
            name="plan"
            layout="vertical"
            onFinish={draft}
            initialValues={{
              minimums: [{ post: 'teller', n: 1 }],
              kind: 'shorter_hours',
              hours: [dayjs('10:00', 'HH:mm'), dayjs('15:00', 'HH:mm')],
            }}
          >
            <Form.List name="minimums">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} wrap align="baseline">
                      <Form.Item name={[f.name, 'post']} label={t('board.post')} rules={[{ required: true }]}>
                        <Select options={postOptions} style={{ minWidth: 140 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'n']} label={t('board.fewest')} rules={[{ required: true }]}>
                        <InputNumber min={1} max={50} />
                      </Form.Item>
                      {fields.length > 1 && <Button onClick={() => remove(f.name)}>{t('board.removePost')}</Button>}
                    </Space>
                  ))}
                  <Button onClick={() => add({ post: undefined, n: 1 })} style={{ marginBottom: 16 }}>
                    {t('board.addPost')}
                  </Button>
                </>
              )}
            </Form.List>
            <Form.Item name="kind" label={t('board.fallback')}>
              <Radio.Group options={FALLBACK_KINDS.map((k) => ({ value: k, label: t(`board.kind.${k}`) }))} />
            </Form.Item>
            {kind === 'shorter_hours' && (
              <Form.Item name="hours" label={t('board.hours')} rules={[{ required: true }]}>
                <TimePicker.RangePicker format="HH:mm" minuteStep={15} />
              </Form.Item>
            )}
            <Form.Item
              name="publicNote"
              label={t('board.publicNote')}
              rules={[{ required: true, min: 2 }]}
              extra={t('board.publicNoteHint')}
            >
              <Input.TextArea maxLength={200} rows={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('board.draftSubmit')}
            </Button>
          </Form>
        </Card>
      )}
    </Drawer>
  );
}

/**
 * The staffing board for a date: each branch with a plan, green when it has its minimum, amber when
 * substitutes can cover it (accepted in one step), red when not (its fallback applied in one step).
 */
export function StaffingPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const manages = can(actorOf(me), 'staff.manage');
  const describeFallback = useDescribeFallback();
  const [on, setOn] = useState(todayInShanghai());
  const board = useQuery({ queryKey: ['staffing', on], queryFn: () => readBoard(on) });
  const own = useQuery({ queryKey: ['staff-posts'], queryFn: listOwnPosts });
  const branches = useQuery({ queryKey: ['branches'], queryFn: listBranches });
  const [state, setState] = useState<StaffingState>();
  const [search, setSearch] = useState('');
  const [planFor, setPlanFor] = useState<{ id: string; name: string }>();
  const { run, error } = useAction();
  const rows = (board.data?.branches ?? []).filter(
    (b) => (!state || b.state === state) && (!search.trim() || b.branchName.includes(search.trim())),
  );
  const count = (s: StaffingState) => (board.data?.branches ?? []).filter((b) => b.state === s).length;
  const postName = (p: string) => describePost(p, own.data?.items ?? [], lang);

  const accept = (b: BranchStaffing, post: string, s: { staffId: string; name: string; branchName: string }) =>
    modal.confirm({
      title: t('board.acceptConfirm', { name: s.name, from: s.branchName, to: b.branchName, post: postName(post), date: on }),
      okText: t('board.accept'),
      onOk: () =>
        run(async () => {
          await acceptSubstitute({ staffId: s.staffId, branchId: b.branchId, post, on });
          message.success(t('board.accepted', { name: s.name, to: b.branchName }));
          await client.invalidateQueries({ queryKey: ['staffing'] });
        }),
    });
  const fallBack = (b: BranchStaffing) =>
    modal.confirm({
      title: t('board.fallbackConfirm', { name: b.branchName, date: on, what: describeFallback(b.fallback) }),
      content: b.fallback.publicNote,
      okText: t('board.applyFallback'),
      onOk: () =>
        run(async () => {
          await applyFallback({ branchId: b.branchId, on });
          message.success(t('board.fallbackApplied', { name: b.branchName }));
          await client.invalidateQueries({ queryKey: ['staffing'] });
        }),
    });

  return (
    <Card
      title={t('menu.staffing')}
      extra={
        <DatePicker aria-label={t('staff.on')} allowClear={false} value={dayjs(on)} onChange={(d) => d && setOn(d.format('YYYY-MM-DD'))} />
      }
    >
      {error && <Alert type="error" role="alert" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {STAFFING_STATES.map((s) => (
          <Col xs={8} key={s}>
            <button type="button" className="figure-pick" aria-pressed={state === s} onClick={() => setState(state === s ? undefined : s)}>
              <Statistic title={STAFFING_STATE_LABELS[s][lang]} value={count(s)} styles={{ content: { color: STATE_COLOURS[s] } }} />
            </button>
          </Col>
        ))}
      </Row>
      <Space wrap style={{ marginBottom: 12 }}>
        {/* A branch not on the board yet has no plan in force: its plan is drawn up here. */}
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('board.planFor')}
          placeholder={t('board.planFor')}
          style={{ minWidth: 220 }}
          value={null}
          onChange={(id: string) => setPlanFor({ id, name: branches.data?.items.find((x) => x.id === id)?.nameZh ?? '' })}
          options={(branches.data?.items ?? []).map((x) => ({ value: x.id, label: x.nameZh }))}
        />
        <Input.Search
          aria-label={t('staff.search')}
          placeholder={t('staff.search')}
          allowClear
          onSearch={setSearch}
          onChange={(e) => !e.target.value && setSearch('')}
          style={{ width: 220 }}
        />
      </Space>
      <Table<BranchStaffing>
        rowKey="branchId"
        size="middle"
        loading={board.isPending}
        dataSource={rows}
        pagination={{ pageSize: 20, showTotal: (total) => t('board.total', { count: total }) }}
        expandable={{
          rowExpandable: (b) => b.state !== 'enough' || b.posts.some((p) => p.assigned.length > 0),
          expandedRowRender: (b) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {b.posts.map((p) => (
                <div key={p.post} data-testid={`post-${p.post}`}>
                  <strong>
                    {postName(p.post)}：{t('board.count', { available: p.available, minimum: p.minimum })}
                  </strong>
                  {p.assigned.map((s) => (
                    <div key={s.staffId}>{t('board.assigned', { name: s.name, from: s.branchName })}</div>
                  ))}
                  {p.short > 0 &&
                    (p.substitutes.length > 0 ? (
                      <List
                        size="small"
                        dataSource={p.substitutes}
                        renderItem={(s) => (
                          <List.Item
                            actions={
                              manages
                                ? [
                                    <Button key="accept" size="small" type="primary" onClick={() => accept(b, p.post, s)}>
                                      {t('board.accept')}
                                    </Button>,
                                  ]
                                : []
                            }
                          >
                            {t('board.substitute', { name: s.name, from: s.branchName, km: s.distanceKm })}
                          </List.Item>
                        )}
                      />
                    ) : (
                      <div>{t('board.noSubstitute')}</div>
                    ))}
                </div>
              ))}
              {b.state === 'short' && b.adjusted && <Tag color={STATE_COLOURS.covered}>{t('board.adjusted')}</Tag>}
              {b.state === 'short' && !b.adjusted && manages && (
                <Button danger onClick={() => fallBack(b)}>
                  {t('board.applyFallback')}：{describeFallback(b.fallback)}
                </Button>
              )}
            </Space>
          ),
        }}
        columns={[
          { title: t('staff.branch'), dataIndex: 'branchName', sorter: (a, b) => compareText(a.branchName, b.branchName) },
          {
            title: t('board.state'),
            dataIndex: 'state',
            sorter: (a, b) => STAFFING_STATES.indexOf(a.state) - STAFFING_STATES.indexOf(b.state),
            render: (s: StaffingState) => <Tag color={STATE_COLOURS[s]}>{STAFFING_STATE_LABELS[s][lang]}</Tag>,
          },
          {
            title: t('board.posts'),
            key: 'posts',
            responsive: ['sm'],
            render: (_: unknown, b) => b.posts.map((p) => `${postName(p.post)} ${p.available}/${p.minimum}`).join('，'),
          },
          { title: t('staff.lockedIn'), dataIndex: 'lockedIn', responsive: ['md'], sorter: (a, b) => a.lockedIn - b.lockedIn },
          {
            title: '',
            key: 'plan',
            responsive: ['sm'],
            render: (_: unknown, b) => (
              <Button size="small" onClick={() => setPlanFor({ id: b.branchId, name: b.branchName })}>
                {t('board.plan')}
              </Button>
            ),
          },
        ]}
      />
      {planFor && <PlanDrawer branch={planFor} manages={manages} onClose={() => setPlanFor(undefined)} />}
    </Card>
  );
}
