import {
  describePost,
  FALLBACK_KINDS,
  findDutyGaps,
  STAFF_POST_LABELS,
  STAFF_POSTS,
  type StaffingFallback,
  type StaffingPlanView,
  type StaffView,
  todayInShanghai,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Divider, Drawer, Form, Input, InputNumber, List, Radio, Select, Space, Tag, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { useDrawerSize } from '../../components/drawerSize.ts';
import { approvePlan, draftPlan, listOwnPosts, listPlans, listStaff } from './api.ts';
import { STATE_COLOURS, useDescribeFallback, useDescribePeople } from './shared.tsx';

interface PlanForm {
  minimums: { post: string; n: number }[];
  kind: StaffingFallback['kind'];
  hours?: [Dayjs, Dayjs];
  publicNote: string;
  keyPosts?: { post: string; holderA: string; holderB: string }[];
  substitutePool?: string[];
  duty?: { staffId: string; time: [Dayjs, Dayjs] }[];
}

const toShifts = (duty: PlanForm['duty']) =>
  (duty ?? [])
    .filter((d) => d?.staffId && d.time?.[0] && d.time[1])
    .map((d) => ({ staffId: d.staffId, from: d.time[0].format('HH:mm'), to: d.time[1].format('HH:mm') }));

/** A branch's plans: the versions, the one in force, a new draft and its approval. */
export function PlanDrawer({ branch, onClose, manages }: { branch: { id: string; name: string }; onClose: () => void; manages: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const drawerSize = useDrawerSize();
  const describeFallback = useDescribeFallback();
  const describe = useDescribePeople();
  const plans = useQuery({ queryKey: ['staffing-plans', branch.id], queryFn: () => listPlans(branch.id) });
  const own = useQuery({ queryKey: ['staff-posts'], queryFn: listOwnPosts });
  const today = todayInShanghai();
  const staff = useQuery({ queryKey: ['staff', today], queryFn: () => listStaff(today), enabled: manages });
  const [form] = Form.useForm<PlanForm>();
  const { run, busy, error } = useAction(form);
  const kind = Form.useWatch('kind', form);
  const minimums = Form.useWatch('minimums', form);
  const keyPosts = Form.useWatch('keyPosts', form);
  const duty = Form.useWatch('duty', form);
  const postName = (p: string) => describePost(p, own.data?.items ?? [], lang);
  const postOptions = [
    ...STAFF_POSTS.map((p) => ({ value: p, label: STAFF_POST_LABELS[p][lang] })),
    ...(own.data?.items ?? []).map((p) => ({ value: p.code, label: lang === 'zh' ? p.nameZh : p.nameEn })),
  ];
  const people = staff.data?.items ?? [];
  const here = people.filter((s) => s.branchId === branch.id);
  const toOption = (s: StaffView, withBranch = false) => ({
    value: s.id,
    label: `${s.name}${withBranch ? ` · ${s.branchName}` : ''} · ${s.posts.map(postName).join('、')}${s.lockedIn ? `（${t('board.lockedIn')}）` : ''}`,
  });
  const shifts = toShifts(duty);
  const gaps = shifts.length > 0 ? findDutyGaps(shifts) : [];
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
        keyPosts: v.keyPosts ?? [],
        substitutePool: v.substitutePool ?? [],
        duty: toShifts(v.duty),
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
  const describePeople = (p: StaffingPlanView) =>
    [
      ...p.keyPosts.map((k) => describe.keyPost(k, postName(k.post))),
      p.substitutePool.length > 0 &&
        t('board.poolPlan', { people: p.substitutePool.map((s) => `${describe.person(s)}（${s.branchName}）`).join('、') }),
      p.duty.length > 0 && describe.duty(p.duty),
    ].filter(Boolean);
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
                  <div>
                    {Object.entries(p.minimums)
                      .map(([post, n]) => t('board.minimum', { post: postName(post), n }))
                      .join('，')}
                    ；{describeFallback(p.fallback)}：{p.fallback.publicNote}
                  </div>
                  {describePeople(p).map((line) => (
                    <div key={String(line)}>{line}</div>
                  ))}
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
            <Divider titlePlacement="start">{t('board.keyPosts')}</Divider>
            <Form.List name="keyPosts">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => {
                    const post = keyPosts?.[f.name]?.post;
                    const holders = here.filter((s) => !post || s.posts.includes(post)).map((s) => toOption(s));
                    return (
                      <Space key={f.key} wrap align="baseline">
                        <Form.Item name={[f.name, 'post']} label={t('board.post')} rules={[{ required: true }]}>
                          <Select
                            style={{ minWidth: 120 }}
                            options={(minimums ?? []).filter((m) => m?.post).map((m) => ({ value: m.post, label: postName(m.post) }))}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'holderA']} label={t('board.holderA')} rules={[{ required: true }]}>
                          <Select style={{ minWidth: 160 }} options={holders} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'holderB']} label={t('board.holderB')} rules={[{ required: true }]}>
                          <Select style={{ minWidth: 160 }} options={holders} />
                        </Form.Item>
                        <Button onClick={() => remove(f.name)}>{t('board.removePost')}</Button>
                      </Space>
                    );
                  })}
                  <Button onClick={() => add({})} style={{ marginBottom: 16 }}>
                    {t('board.addKeyPost')}
                  </Button>
                </>
              )}
            </Form.List>
            <Form.Item name="substitutePool" label={t('board.pool')} extra={t('board.poolHint')}>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                loading={staff.isPending}
                options={people.filter((s) => s.branchId !== branch.id).map((s) => toOption(s, true))}
              />
            </Form.Item>
            <Divider titlePlacement="start">{t('board.duty')}</Divider>
            <Form.List name="duty">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} wrap align="baseline">
                      <Form.Item name={[f.name, 'staffId']} label={t('board.onDuty')} rules={[{ required: true }]}>
                        <Select style={{ minWidth: 160 }} options={here.map((s) => toOption(s))} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'time']} label={t('board.shift')} rules={[{ required: true }]} extra={t('board.shiftHint')}>
                        <TimePicker.RangePicker format="HH:mm" minuteStep={15} order={false} needConfirm={false} />
                      </Form.Item>
                      <Button onClick={() => remove(f.name)}>{t('board.removePost')}</Button>
                    </Space>
                  ))}
                  {gaps.length > 0 && (
                    <Alert
                      type="warning"
                      showIcon
                      style={{ marginBottom: 12 }}
                      title={t('board.dutyGaps', { gaps: gaps.map((g) => `${g.from}–${g.to}`).join('、') })}
                    />
                  )}
                  <Button onClick={() => add({})} style={{ marginBottom: 16 }}>
                    {t('board.addShift')}
                  </Button>
                </>
              )}
            </Form.List>
            <div>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('board.draftSubmit')}
              </Button>
            </div>
          </Form>
        </Card>
      )}
    </Drawer>
  );
}
