import {
  addDays,
  type BulletinSection,
  type BulletinView,
  describeBulletinIssue,
  formatShanghaiTime,
  todayInShanghai,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { bulletinFileUrl, editBulletin, generateBulletin, listBulletins, publishBulletin } from './api.ts';

/** The regulator's bulletins: generate a draft for a period, review its text, publish it as the year's next issue. */
export function BulletinsPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const bulletins = useQuery({ queryKey: ['bulletins'], queryFn: listBulletins });
  const today = todayInShanghai();
  const [period, setPeriod] = useState({ from: addDays(today, -6), to: today });
  const [editing, setEditing] = useState<BulletinView>();
  const [text] = Form.useForm<{ title: string; sections: BulletinSection[] }>();
  const generate = useAction();
  const save = useAction(text);
  const refresh = () => client.invalidateQueries({ queryKey: ['bulletins'] });

  const open = (b: BulletinView) => {
    setEditing(b);
    text.setFieldsValue({ title: b.title, sections: b.sections });
  };
  const saveText = (publish: boolean) =>
    void text.validateFields().then((v) => {
      const go = () =>
        save.run(async () => {
          const id = editing?.id ?? '';
          const saved = await editBulletin(id, {
            title: v.title,
            sections: (editing?.sections ?? []).map((s, i) => ({ ...s, ...v.sections[i] })),
          });
          if (!publish) {
            message.success(t('bul.saved'));
            setEditing(saved);
          } else {
            const done = await publishBulletin(id);
            message.success(t('bul.publishedMsg', { issue: describeBulletinIssue(done) }));
            setEditing(undefined);
          }
          await refresh();
        });
      if (publish) modal.confirm({ title: t('bul.publishConfirm'), okText: t('bul.publish'), cancelText: t('common.cancel'), onOk: go });
      else void go();
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('menu.bulletins')}>
        {generate.error && <Alert type="error" role="alert" title={generate.error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <Space wrap style={{ marginBottom: 12 }}>
          <Input
            addonBefore={t('bul.from')}
            aria-label={t('bul.from')}
            type="date"
            value={period.from}
            onChange={(e) => setPeriod({ ...period, from: e.target.value })}
            style={{ width: 220 }}
          />
          <Input
            addonBefore={t('bul.to')}
            aria-label={t('bul.to')}
            type="date"
            value={period.to}
            onChange={(e) => setPeriod({ ...period, to: e.target.value })}
            style={{ width: 220 }}
          />
          <Button
            type="primary"
            loading={generate.busy}
            onClick={() =>
              void generate.run(async () => {
                const draft = await generateBulletin(period);
                message.success(t('bul.generated'));
                await refresh();
                open(draft);
              })
            }
          >
            {t('bul.generate')}
          </Button>
        </Space>
        <Table<BulletinView>
          rowKey="id"
          size="middle"
          loading={bulletins.isPending}
          dataSource={bulletins.data?.items ?? []}
          pagination={{ pageSize: 20, showTotal: (total) => t('bul.total', { count: total }) }}
          columns={[
            {
              title: t('bul.issue'),
              sorter: (a, b) => (a.year ?? 0) * 1000 + (a.number ?? 0) - ((b.year ?? 0) * 1000 + (b.number ?? 0)),
              render: (_, b) => describeBulletinIssue(b),
            },
            { title: t('bul.titleField'), dataIndex: 'title' },
            { title: t('bul.period'), render: (_, b) => `${b.from} 至 ${b.to}`, responsive: ['md'] },
            {
              title: t('bul.status'),
              render: (_, b) =>
                b.status === 'published' ? (
                  <Tag color="green">
                    {t('bul.published')} {b.publishedAt && formatShanghaiTime(b.publishedAt)}
                  </Tag>
                ) : (
                  <Tag>{t('bul.draft')}</Tag>
                ),
            },
            {
              title: '',
              render: (_, b) => (
                <Space wrap>
                  {b.status === 'draft' && (
                    <Button size="small" onClick={() => open(b)}>
                      {t('bul.edit')}
                    </Button>
                  )}
                  {b.status === 'published' && <a href={`/bulletins/${b.id}`}>{t('bul.web')}</a>}
                  <a href={bulletinFileUrl(b.id, 'pdf')}>{t('bul.pdf')}</a>
                  <a href={bulletinFileUrl(b.id, 'docx')}>{t('bul.docx')}</a>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing && (
        <Card title={`${t('bul.edit')}：${editing.from} 至 ${editing.to}`} data-testid="bulletin-editor">
          {save.error && <Alert type="error" role="alert" title={save.error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
          <Form form={text} layout="vertical">
            <Form.Item name="title" label={t('bul.titleField')} rules={[{ required: true, min: 2 }]}>
              <Input />
            </Form.Item>
            {editing.sections.map((s, i) => (
              <Form.Item key={s.key} name={['sections', i, 'text']} label={s.heading} extra={t('bul.sectionHint')}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
              </Form.Item>
            ))}
          </Form>
          <Space>
            <Button loading={save.busy} onClick={() => saveText(false)}>
              {t('bul.save')}
            </Button>
            <Button type="primary" loading={save.busy} onClick={() => saveText(true)}>
              {t('bul.publish')}
            </Button>
          </Space>
        </Card>
      )}
    </Space>
  );
}
