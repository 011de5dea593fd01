import { formatShanghaiTime, type Me, type NoticeEntry, type NoticeSummary, todayInShanghai } from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useAction } from '../../api/useAction.ts';
import { compileDraft, getDraft, getPublishedNotice, listPublishedNotices, publishDraft } from './api.ts';

interface PublishForm {
  documentNumber: string;
  signedOn: Dayjs;
}

/**
 * The association compiles the notice as of a date; another of its staff reviews the draft with
 * every change against the previous version and publishes it under a document number and date.
 */
export function NoticeDraftPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  // Shanghai's today, wherever the browser's clock is set.
  const [asOf, setAsOf] = useState<Dayjs>(dayjs(todayInShanghai()));
  const [form] = Form.useForm<PublishForm>();
  const { run, busy, error } = useAction(form);
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
  const versions = useQuery({ queryKey: ['notices'], queryFn: listPublishedNotices });
  const changes = draft.data?.changes;
  const previousId = versions.data?.items.find((v) => v.version === changes?.previousVersion)?.id;
  // The previous version names the branches no longer listed.
  const previous = useQuery({
    queryKey: ['notice', previousId],
    queryFn: () => getPublishedNotice(previousId as string),
    enabled: Boolean(previousId),
  });
  const nameOf = new Map((previous.data?.entries ?? []).map((e) => [e.branchId, `${e.institution} ${e.branchName}`]));
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['notice-draft'] });
    await client.invalidateQueries({ queryKey: ['notices'] });
  };
  const added = new Set(changes?.previousVersion ? changes.added.map((e) => e.branchId) : []);
  const changed = new Set(changes?.previousVersion ? changes.changed.map((e) => e.branchId) : []);
  const ownDraft = draft.data?.compiledBy === me.id;
  const nextVersion = (changes?.previousVersion ?? 0) + 1;
  const publish = (v: PublishForm) =>
    modal.confirm({
      title: t('notice.confirmTitle', { version: nextVersion }),
      content: t('notice.confirmBody', { number: v.documentNumber, count: draft.data?.entries.length ?? 0 }),
      okText: t('notice.publish'),
      cancelText: t('common.cancel'),
      onOk: () =>
        run(async () => {
          const done = await publishDraft({ documentNumber: v.documentNumber, signedOn: v.signedOn.format('YYYY-MM-DD') });
          message.success(t('notice.published', { version: done.version }));
          form.resetFields();
          await refresh();
        }),
    });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('menu.notice')}>
        <Space wrap style={{ marginBottom: 16 }}>
          <DatePicker aria-label={t('notice.asOf')} value={asOf} onChange={(d) => d && setAsOf(d)} allowClear={false} />
          <Button
            loading={busy}
            onClick={() =>
              run(async () => {
                await compileDraft(asOf.format('YYYY-MM-DD'));
                message.success(t('notice.compiled'));
                await refresh();
              })
            }
          >
            {t('notice.compile')}
          </Button>
        </Space>
        {error && <Alert type="error" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        {draft.data && changes && (
          <>
            <Alert
              type="info"
              style={{ marginBottom: 12 }}
              title={t('notice.draftOf', { asOf: draft.data.asOf, count: draft.data.entries.length })}
              description={
                changes.previousVersion === null
                  ? t('notice.first')
                  : t('notice.changes', {
                      added: changes.added.length,
                      changed: changes.changed.length,
                      closed: changes.closed.length,
                      reopened: changes.reopened.length,
                      withdrawn: changes.withdrawn.length,
                      hours: changes.hoursChanged.length,
                      previous: changes.previousVersion,
                    })
              }
            />
            {(changes.reopened.length > 0 || changes.withdrawn.length > 0) && (
              <Alert
                type="warning"
                style={{ marginBottom: 12 }}
                title={t('notice.noLongerListed')}
                description={[
                  ...changes.reopened.map((id) => `${nameOf.get(id) ?? id}（${t('notice.reopened')}）`),
                  ...changes.withdrawn.map((id) => `${nameOf.get(id) ?? id}（${t('notice.withdrawn')}）`),
                ].join('；')}
              />
            )}
            <Table<NoticeEntry>
              rowKey="branchId"
              size="small"
              dataSource={draft.data.entries}
              pagination={{ pageSize: 50, showTotal: (total) => t('notice.total', { count: total }) }}
              scroll={{ x: 800 }}
              columns={[
                { title: t('finder.district'), dataIndex: 'districtName' },
                { title: t('network.institution'), dataIndex: 'institution' },
                {
                  title: t('network.branch'),
                  dataIndex: 'branchName',
                  render: (name: string, e) => (
                    <>
                      {name} {added.has(e.branchId) && <Tag color="#9f1d20">{t('notice.added')}</Tag>}
                      {changed.has(e.branchId) && <Tag color="#0b4fa8">{t('notice.new')}</Tag>}
                    </>
                  ),
                },
                {
                  title: t('notice.adjustment'),
                  render: (_, e) => (e.closed ? t('notice.closed') : t('notice.hours', { hours: e.hours })),
                },
                { title: t('notice.dates'), render: (_, e) => `${e.from} — ${e.to}` },
              ]}
            />
            <Card size="small" title={t('notice.review')} style={{ marginTop: 16 }}>
              {ownDraft && <Alert type="warning" style={{ marginBottom: 12 }} title={t('notice.ownDraft')} />}
              <Form<PublishForm> form={form} layout="vertical" initialValues={{ signedOn: dayjs(todayInShanghai()) }} onFinish={publish}>
                <Form.Item
                  name="documentNumber"
                  label={t('notice.documentNumber')}
                  rules={[{ required: true, min: 3 }]}
                  extra={t('notice.documentNumberHint')}
                >
                  <Input maxLength={40} disabled={ownDraft} />
                </Form.Item>
                <Form.Item name="signedOn" label={t('notice.signedOn')} rules={[{ required: true }]}>
                  <DatePicker allowClear={false} disabled={ownDraft} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy} disabled={ownDraft}>
                  {t('notice.publish')}
                </Button>
              </Form>
            </Card>
          </>
        )}
      </Card>
      <Card title={t('notice.versions')}>
        <Table<NoticeSummary>
          rowKey="id"
          size="small"
          loading={versions.isPending}
          dataSource={versions.data?.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 700 }}
          columns={[
            { title: t('notice.versionColumn'), dataIndex: 'version', render: (v: number) => t('notice.versionNumber', { version: v }) },
            { title: t('notice.documentNumber'), dataIndex: 'documentNumber', render: (n: string | null) => n ?? '—' },
            { title: t('notice.asOf'), dataIndex: 'asOf' },
            { title: t('notice.publishedAt'), dataIndex: 'publishedAt', render: (at: string) => formatShanghaiTime(at) },
            { title: t('notice.entries'), dataIndex: 'entries', align: 'right' },
            {
              title: '',
              render: (_, v) => (
                <Space>
                  <a href={`/notices/${v.id}`} target="_blank" rel="noreferrer">
                    {t('notice.publicPage')}
                  </a>
                  <a href={`/api/v1/public/notices/${v.id}/pdf`}>PDF</a>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
