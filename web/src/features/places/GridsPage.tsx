import { findDivision, type GridInput, type GridView, type Me, SHANGHAI_DISTRICTS, scopeOf } from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { CommitteePicker } from '../../components/CommitteePicker.tsx';
import { actorOf } from '../console/ConsoleLayout.tsx';
import { changeGrid, defineGrid, listGrids } from './api.ts';

type Names = Map<string, string>;

/** Committee names by code, loaded with the committee data when the page needs them. */
function useCommitteeNames(): Names {
  const [names, setNames] = useState<Names>(new Map());
  useEffect(() => {
    void import('@shouhu/common/committees').then(({ listCommittees }) =>
      setNames(
        new Map(SHANGHAI_DISTRICTS.flatMap((d) => d.streets.flatMap((s) => listCommittees(s.code).map((c) => [c.code, c.name] as const)))),
      ),
    );
  }, []);
  return names;
}

/** Grids as sets of committees: an institution's own, and the districts' (the regulator). */
export function GridsPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const forDistricts = scopeOf(actorOf(me), 'grid.manage') === 'all';
  const grids = useQuery({ queryKey: ['grids'], queryFn: listGrids });
  const names = useCommitteeNames();
  const [editing, setEditing] = useState<GridView | 'new'>();
  const [committees, setCommittees] = useState<string[]>([]);
  const [adding, setAdding] = useState<string>();
  const [form] = Form.useForm<{ name: string; districtCode?: string }>();
  // A bad committee is named in the alert (the tags have no field of their own).
  const { run, busy, error } = useAction(form);
  const open = (grid: GridView | 'new') => {
    setEditing(grid);
    setCommittees(grid === 'new' ? [] : grid.committeeCodes);
    form.setFieldsValue(
      grid === 'new' ? { name: '', districtCode: undefined } : { name: grid.name, districtCode: grid.districtCode ?? undefined },
    );
  };
  const save = (v: { name: string; districtCode?: string }) =>
    run(async () => {
      const body: GridInput = {
        name: v.name,
        committeeCodes: committees,
        ...(forDistricts && v.districtCode ? { districtCode: v.districtCode } : {}),
      };
      if (editing && editing !== 'new') await changeGrid(editing.id, { name: body.name, committeeCodes: body.committeeCodes });
      else await defineGrid(body);
      message.success(t('places.gridSaved'));
      setEditing(undefined);
      await client.invalidateQueries({ queryKey: ['grids'] });
    });
  return (
    <Card
      title={t('menu.grids')}
      extra={
        <Button type="primary" onClick={() => open('new')}>
          {t('places.defineGrid')}
        </Button>
      }
    >
      <Table<GridView>
        rowKey="id"
        size="middle"
        loading={grids.isPending}
        dataSource={grids.data?.items}
        locale={{ emptyText: t('places.noGrids') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('places.total', { count }) }}
        columns={[
          { title: t('places.grid'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
          {
            title: t('places.district'),
            render: (_, g) => (g.districtCode ? findDivision(g.districtCode)?.name : t('places.own')),
          },
          { title: t('places.committees'), render: (_, g) => t('places.committeeCount', { count: g.committeeCodes.length }) },
          {
            title: '',
            width: 90,
            render: (_, g) => (
              <Button size="small" onClick={() => open(g)}>
                {t('places.editGrid')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        title={editing === 'new' ? t('places.defineGrid') : t('places.editGrid')}
        open={editing !== undefined}
        onCancel={() => setEditing(undefined)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
      >
        {error && <Alert type="error" role="alert" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="name" label={t('places.grid')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          {forDistricts && editing === 'new' && (
            <Form.Item name="districtCode" label={t('places.district')} rules={[{ required: true }]}>
              <Select options={SHANGHAI_DISTRICTS.map((d) => ({ value: d.code, label: d.name }))} />
            </Form.Item>
          )}
          <Form.Item label={t('places.committees')} htmlFor="grid-committee">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                {committees.map((c) => (
                  <Tag key={c} closable onClose={() => setCommittees(committees.filter((x) => x !== c))}>
                    {names.get(c) ?? c}
                  </Tag>
                ))}
              </Space>
              <Space.Compact style={{ width: '100%' }}>
                <CommitteePicker id="grid-committee" value={adding} onChange={setAdding} />
                <Button
                  disabled={!adding || committees.includes(adding)}
                  onClick={() => {
                    if (adding) setCommittees([...committees, adding]);
                    setAdding(undefined);
                  }}
                >
                  {t('places.addCommittee')}
                </Button>
              </Space.Compact>
            </Space>
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
