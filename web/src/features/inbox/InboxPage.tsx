import { formatShanghaiTime, INBOX_KIND_LABELS, type InboxItem, type InboxKind, type NotificationPreference } from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAction } from '../../api/useAction.ts';
import { listInbox, listPreferences, markAllInboxRead, markInboxRead, setPreferences } from './api.ts';

const PAGE = 20;

/** The user's inbox, newest first: each item opens its record and is then read. */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const [unread, setUnread] = useState(false);
  const inbox = useQuery({
    queryKey: ['inbox', page, unread],
    queryFn: () => listInbox({ unread, limit: PAGE, offset: (page - 1) * PAGE }),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['inbox'] });
  const open = async (item: InboxItem) => {
    if (!item.readAt) await markInboxRead(item.id);
    await refresh();
    navigate(item.path);
  };
  const kindLabel = (kind: string) => INBOX_KIND_LABELS[kind as InboxKind]?.[lang] ?? kind;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t('menu.inbox')}
        extra={
          <Space wrap>
            <Checkbox
              checked={unread}
              onChange={(e) => {
                setUnread(e.target.checked);
                setPage(1);
              }}
            >
              {t('inbox.onlyUnread')}
            </Checkbox>
            <Button
              disabled={!inbox.data?.unread}
              onClick={async () => {
                await markAllInboxRead();
                message.success(t('inbox.readAllDone'));
                await refresh();
              }}
            >
              {t('inbox.readAll')}
            </Button>
          </Space>
        }
      >
        <Table<InboxItem>
          rowKey="id"
          size="middle"
          loading={inbox.isPending}
          dataSource={inbox.data?.items}
          locale={{ emptyText: t('inbox.empty') }}
          pagination={{
            current: page,
            pageSize: PAGE,
            total: inbox.data?.total ?? 0,
            onChange: setPage,
            showTotal: () => t('inbox.total', { count: inbox.data?.total ?? 0, unread: inbox.data?.unread ?? 0 }),
          }}
          columns={[
            {
              title: t('inbox.title'),
              render: (_, item) => (
                <Space direction="vertical" size={0}>
                  <Typography.Link strong={!item.readAt} onClick={() => void open(item)} data-testid="inbox-item">
                    {lang === 'en' ? item.titleEn : item.titleZh}
                  </Typography.Link>
                  <Typography.Text type="secondary" className="inbox-when">
                    {kindLabel(item.kind)} · {formatShanghaiTime(item.createdAt)}
                  </Typography.Text>
                </Space>
              ),
            },
            // On a phone the kind and time go under the title; the due time keeps its column from tablets up.
            {
              title: t('inbox.dueAt'),
              width: 170,
              responsive: ['md'],
              render: (_, item) => (item.dueAt ? formatShanghaiTime(item.dueAt) : '—'),
            },
            {
              title: t('inbox.status'),
              width: 90,
              render: (_, item) => (item.readAt ? <Tag>{t('inbox.read')}</Tag> : <Tag color="#9f1d20">{t('inbox.unread')}</Tag>),
            },
          ]}
        />
      </Card>
      <Preferences />
    </Space>
  );
}

/** Which kinds also reach the user by SMS or e-mail. */
function Preferences() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const client = useQueryClient();
  const preferences = useQuery({ queryKey: ['inbox-preferences'], queryFn: listPreferences });
  const { run, error } = useAction();
  const change = (p: NotificationPreference, patch: Partial<NotificationPreference>) =>
    run(async () => {
      await setPreferences([{ ...p, ...patch }]);
      message.success(t('inbox.saved'));
      await client.invalidateQueries({ queryKey: ['inbox-preferences'] });
    });
  return (
    <Card title={t('inbox.preferences')} size="small">
      <Typography.Paragraph type="secondary">{t('inbox.preferencesHelp')}</Typography.Paragraph>
      {error && <Alert type="error" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
      <Table<NotificationPreference>
        rowKey="kind"
        size="small"
        pagination={false}
        loading={preferences.isPending}
        dataSource={preferences.data?.items}
        columns={[
          { title: t('inbox.kind'), render: (_, p) => INBOX_KIND_LABELS[p.kind][lang] },
          {
            title: t('inbox.sms'),
            width: 100,
            render: (_, p) => (
              <Switch
                size="small"
                checked={p.sms}
                aria-label={`${INBOX_KIND_LABELS[p.kind][lang]} ${t('inbox.sms')}`}
                onChange={(sms) => void change(p, { sms })}
              />
            ),
          },
          {
            title: t('inbox.email'),
            width: 100,
            render: (_, p) => (
              <Switch
                size="small"
                checked={p.email}
                aria-label={`${INBOX_KIND_LABELS[p.kind][lang]} ${t('inbox.email')}`}
                onChange={(email) => void change(p, { email })}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
