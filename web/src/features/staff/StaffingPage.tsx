import {
  type BranchStaffing,
  can,
  compareText,
  describePost,
  type Me,
  STAFFING_STATE_LABELS,
  STAFFING_STATES,
  type StaffingState,
  todayInShanghai,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Input, List, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { listBranches } from '../branches/api.ts';
import { actorOf } from '../console/ConsoleLayout.tsx';
import { acceptSubstitute, applyFallback, listOwnPosts, readBoard } from './api.ts';
import { PlanDrawer } from './PlanDrawer.tsx';
import { DayPicker, STATE_COLOURS, useDescribeFallback, useDescribePeople } from './shared.tsx';

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
  const describe = useDescribePeople();
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
    <Card title={t('menu.staffing')} extra={<DayPicker value={on} onChange={setOn} />}>
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
          rowExpandable: (b) =>
            b.state !== 'enough' || b.keyPosts.length > 0 || b.duty.length > 0 || b.posts.some((p) => p.assigned.length > 0),
          expandedRowRender: (b) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {b.keyPosts.map((k) => (
                <div key={k.post} data-testid={`key-${k.post}`}>
                  {describe.keyPost(k, postName(k.post))}：
                  <Tag color={k.onDuty ? STATE_COLOURS.enough : STATE_COLOURS.short}>{t(`board.onDuty.${k.onDuty ?? 'none'}`)}</Tag>
                </div>
              ))}
              {b.duty.length > 0 && <div>{describe.duty(b.duty)}</div>}
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
                            <span>
                              {t('board.substitute', { name: s.name, from: s.branchName, km: s.distanceKm })}
                              {s.fromPool && <Tag style={{ marginInlineStart: 8 }}>{t('board.fromPool')}</Tag>}
                            </span>
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
