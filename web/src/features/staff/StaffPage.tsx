import {
  can,
  compareText,
  describePost,
  type Me,
  STAFF_FILE_COLUMNS,
  STAFF_POST_LABELS,
  STAFF_POSTS,
  type StaffView,
  todayInShanghai,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Cascader, Checkbox, Drawer, Form, Grid, Input, Select, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { CommitteeSelect } from '../../components/CommitteePicker.tsx';
import { CorrectingNotice, CorrectionReason } from '../../components/Correcting.tsx';
import { useDrawerSize } from '../../components/drawerSize.ts';
import { ImportResult, useFileImport } from '../../components/ImportResult.tsx';
import { RevealButton } from '../../components/RevealButton.tsx';
import { STREET_OPTIONS } from '../../components/streets.ts';
import { WithdrawButton } from '../../components/WithdrawButton.tsx';
import { listBranches } from '../branches/api.ts';
import { actorOf } from '../console/ConsoleLayout.tsx';
import { addOwnPost, addStaff, changeStaff, importStaff, listOwnPosts, listStaff, removeStaff, staffExportUrl } from './api.ts';
import { DayPicker } from './shared.tsx';

interface StaffForm {
  name: string;
  branchId: string;
  posts: string[];
  phone: string;
  street: [string, string];
  committeeCode?: string;
  compound: string;
  username?: string;
  changeReason?: string;
}

const TEMPLATE = `${STAFF_FILE_COLUMNS.map(([, zh]) => zh).join(',')}\n王小明,B001,柜员、现金,13912345678,310101002,310101002001,福寿小区,\n`;

/**
 * The institution's roster: who works at which branch in which posts, and who of them a sealed or
 * controlled zone keeps at home on a date. Names, phones and homes are masked; revealed with a reason.
 */
export function StaffPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const client = useQueryClient();
  const manages = can(actorOf(me), 'staff.manage');
  const drawerSize = useDrawerSize();
  const screens = Grid.useBreakpoint();
  const [on, setOn] = useState(todayInShanghai());
  const staff = useQuery({ queryKey: ['staff', on], queryFn: () => listStaff(on) });
  const branches = useQuery({ queryKey: ['branches'], queryFn: listBranches });
  const own = useQuery({ queryKey: ['staff-posts'], queryFn: listOwnPosts });
  const ownPosts = own.data?.items ?? [];
  const [search, setSearch] = useState('');
  const [branchId, setBranchId] = useState<string>();
  const [post, setPost] = useState<string>();
  const [state, setState] = useState<'locked' | 'free'>();
  const [partial, setPartial] = useState(true);
  const imports = useFileImport((file: File) => importStaff(file, partial));
  // A new person (true), one being corrected, or none.
  const [editing, setEditing] = useState<boolean | StaffView>(false);
  const correcting = typeof editing === 'object' ? editing : undefined;
  const [form] = Form.useForm<StaffForm>();
  const { run, busy, error } = useAction(form, {
    'home.streetCode': 'street',
    'home.committeeCode': 'committeeCode',
    'home.compound': 'compound',
  });
  const street = Form.useWatch('street', form) as [string, string] | undefined;
  const [postForm] = Form.useForm<{ code: string; nameZh: string; nameEn: string }>();
  const [addingPost, setAddingPost] = useState(false);
  const postAction = useAction(postForm);

  const words = search.trim();
  const shown = (staff.data?.items ?? []).filter(
    (s) =>
      (!words || s.branchName.includes(words)) &&
      (!branchId || s.branchId === branchId) &&
      (!post || s.posts.includes(post)) &&
      (!state || s.lockedIn === (state === 'locked')),
  );
  const locked = (staff.data?.items ?? []).filter((s) => s.lockedIn).length;
  const postOptions = [
    ...STAFF_POSTS.map((p) => ({ value: p, label: STAFF_POST_LABELS[p][lang] })),
    ...ownPosts.map((p) => ({ value: p.code, label: lang === 'zh' ? p.nameZh : p.nameEn })),
  ];

  const save = (v: StaffForm) =>
    run(async () => {
      const content = {
        name: v.name,
        branchId: v.branchId,
        posts: v.posts,
        phone: v.phone,
        home: { streetCode: v.street[1], compound: v.compound, ...(v.committeeCode ? { committeeCode: v.committeeCode } : {}) },
        ...(v.username ? { username: v.username } : {}),
      };
      if (correcting) await changeStaff(correcting.id, { ...content, changeReason: v.changeReason ?? '' });
      else await addStaff(content);
      message.success(correcting ? t('correct.done') : t('staff.added'));
      setEditing(false);
      await client.invalidateQueries({ queryKey: ['staff'] });
    });
  const open = (s?: StaffView) => {
    form.resetFields();
    // The person's own data is not sent to the screen unmasked: a correction enters it again.
    if (s) form.setFieldsValue({ branchId: s.branchId, posts: s.posts, street: [s.home.streetCode.slice(0, 6), s.home.streetCode] });
    setEditing(s ?? true);
  };
  const upload = async (file: File) => {
    await imports.upload(file);
    await client.invalidateQueries({ queryKey: ['staff'] });
  };

  return (
    <Card
      title={t('menu.staff')}
      extra={
        <Space wrap>
          <DayPicker value={on} onChange={setOn} />
          <Button href={staffExportUrl(on)} download>
            {t('staff.export')}
          </Button>
          {manages && (
            <Button type="primary" onClick={() => open()}>
              {t('staff.add')}
            </Button>
          )}
        </Space>
      }
    >
      {manages && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Upload accept=".csv,.xlsx" showUploadList={false} customRequest={({ file }) => void upload(file as File)}>
            <Button>{t('staff.import')}</Button>
          </Upload>
          <Checkbox checked={partial} onChange={(e) => setPartial(e.target.checked)}>
            {t('staff.partial')}
          </Checkbox>
          <Button type="link" href={`data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`} download="staff-template.csv">
            {t('staff.template')}
          </Button>
          <Button type="link" onClick={() => setAddingPost(true)}>
            {t('staff.ownPost')}
          </Button>
        </Space>
      )}
      <ImportResult imports={imports} title={imports.answer && t('staff.imported', { count: imports.answer.imported })} />
      {locked > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('staff.lockedAlert', { date: on, count: locked })} />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('staff.search')}
          placeholder={t('staff.search')}
          allowClear
          onSearch={setSearch}
          onChange={(e) => !e.target.value && setSearch('')}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('staff.branch')}
          placeholder={t('staff.allBranches')}
          style={{ minWidth: 200 }}
          value={branchId}
          onChange={setBranchId}
          options={(branches.data?.items ?? []).map((b) => ({ value: b.id, label: b.nameZh }))}
        />
        <Select
          allowClear
          aria-label={t('staff.posts')}
          placeholder={t('staff.allPosts')}
          style={{ minWidth: 140 }}
          value={post}
          onChange={setPost}
          options={postOptions}
        />
        <Select
          allowClear
          aria-label={t('staff.state', { date: on })}
          placeholder={t('staff.allStates')}
          style={{ minWidth: 140 }}
          value={state}
          onChange={setState}
          options={[
            { value: 'locked', label: t('staff.lockedIn') },
            { value: 'free', label: t('staff.free') },
          ]}
        />
      </Space>
      <Table<StaffView>
        rowKey="id"
        size={screens.md ? 'middle' : 'small'}
        loading={staff.isPending}
        dataSource={shown}
        pagination={{
          pageSize: 20,
          showTotal: (total) => t('staff.total', { count: total, locked: shown.filter((s) => s.lockedIn).length }),
        }}
        columns={[
          { title: t('staff.branch'), dataIndex: 'branchName', width: '40%', sorter: (a, b) => compareText(a.branchName, b.branchName) },
          {
            title: t('staff.name'),
            dataIndex: 'name',
            render: (name: string, s) => <RevealButton masked={name} recordType="staff" recordId={s.id} field="name" />,
          },
          {
            title: t('staff.posts'),
            dataIndex: 'posts',
            responsive: ['sm'],
            render: (posts: string[]) => (
              <Space size={[0, 4]} wrap>
                {posts.map((p) => (
                  <Tag key={p}>{describePost(p, ownPosts, lang)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('staff.home'),
            key: 'home',
            responsive: ['md'],
            render: (_: unknown, s) => (
              <Space size={4}>
                {s.home.streetName}
                <RevealButton masked={s.home.compound} recordType="staff" recordId={s.id} field="compound" />
              </Space>
            ),
          },
          {
            title: t('staff.stateShort'),
            key: 'state',
            sorter: (a, b) => Number(a.lockedIn) - Number(b.lockedIn),
            render: (_: unknown, s) =>
              s.lockedIn ? (
                <Tag color="error">
                  {t('staff.lockedIn')} · {s.zoneName}
                </Tag>
              ) : (
                t('staff.free')
              ),
          },
          ...(manages
            ? [
                {
                  title: '',
                  key: 'actions',
                  // Corrections are made on a wider screen: a phone shows who is where.
                  responsive: ['sm' as const],
                  render: (_: unknown, s: StaffView) => (
                    <Space wrap>
                      <Button size="small" onClick={() => open(s)}>
                        {t('staff.correct')}
                      </Button>
                      <WithdrawButton
                        what={t('staff.removed')}
                        label={t('staff.remove')}
                        onWithdraw={async (reason) => {
                          await removeStaff(s.id, reason);
                          await client.invalidateQueries({ queryKey: ['staff'] });
                        }}
                      />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Drawer
        title={correcting ? t('staff.correct') : t('staff.add')}
        open={editing !== false}
        onClose={() => setEditing(false)}
        size={drawerSize}
        destroyOnHidden
      >
        {correcting && <CorrectingNotice what={t('staff.correcting')} onCancel={() => setEditing(false)} />}
        {error && <Alert type="error" role="alert" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <Form form={form} name="staff" layout="vertical" onFinish={save}>
          <Form.Item name="name" label={t('staff.name')} rules={[{ required: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="branchId" label={t('staff.branch')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={(branches.data?.items ?? []).map((b) => ({ value: b.id, label: b.nameZh }))}
            />
          </Form.Item>
          <Form.Item name="posts" label={t('staff.posts')} rules={[{ required: true }]}>
            <Select mode="multiple" options={postOptions} />
          </Form.Item>
          <Form.Item name="phone" label={t('staff.phone')} rules={[{ required: true }]}>
            <Input inputMode="tel" maxLength={20} />
          </Form.Item>
          <Form.Item name="street" label={t('staff.street')} rules={[{ required: true }]}>
            <Cascader options={STREET_OPTIONS} showSearch />
          </Form.Item>
          <Form.Item name="committeeCode" label={t('staff.committee')}>
            <CommitteeSelect streetCode={street?.[1]} />
          </Form.Item>
          <Form.Item name="compound" label={t('staff.compound')} rules={[{ required: true }]} extra={t('staff.compoundHint')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="username" label={t('staff.username')} extra={t('staff.usernameHint')}>
            <Input maxLength={64} />
          </Form.Item>
          {correcting && <CorrectionReason />}
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Form>
      </Drawer>
      <Drawer title={t('staff.ownPost')} open={addingPost} onClose={() => setAddingPost(false)} size={drawerSize} destroyOnHidden>
        <Form
          form={postForm}
          name="own-post"
          layout="vertical"
          onFinish={(v) =>
            postAction.run(async () => {
              await addOwnPost(v);
              message.success(t('staff.ownPostAdded', { name: v.nameZh }));
              setAddingPost(false);
              await client.invalidateQueries({ queryKey: ['staff-posts'] });
            })
          }
        >
          <Form.Item name="code" label={t('staff.ownPostCode')} rules={[{ required: true }]} extra={t('staff.ownPostCodeHint')}>
            <Input maxLength={34} />
          </Form.Item>
          <Form.Item name="nameZh" label={t('staff.ownPostNameZh')} rules={[{ required: true }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('staff.ownPostNameEn')} rules={[{ required: true }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={postAction.busy}>
            {t('common.save')}
          </Button>
        </Form>
      </Drawer>
    </Card>
  );
}
