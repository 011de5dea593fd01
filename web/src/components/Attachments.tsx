import { ATTACHMENT_KINDS, type AttachmentKind, type AttachmentView, formatShanghaiTime } from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, List, Space, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAction } from '../api/useAction.ts';
import { addAttachment, attachmentUrl, listAttachments } from './api.ts';

const sizeInWords = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A record's files of one kind: the list with downloads (audited), and adding one when allowed. */
export function Attachments({
  recordType,
  recordId,
  kind,
  canAdd,
}: {
  recordType: string;
  recordId: string;
  kind: AttachmentKind;
  canAdd: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const client = useQueryClient();
  const key = ['attachments', recordType, recordId];
  const files = useQuery({ queryKey: key, queryFn: () => listAttachments(recordType, recordId) });
  const { run, busy, error } = useAction();
  const rule = ATTACHMENT_KINDS[kind];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <List<AttachmentView>
        size="small"
        bordered
        header={<Typography.Text strong>{rule[lang]}</Typography.Text>}
        dataSource={(files.data?.items ?? []).filter((f) => f.kind === kind)}
        locale={{ emptyText: t('attachments.none') }}
        renderItem={(f) => (
          <List.Item>
            <a href={attachmentUrl(f.id)} download={f.fileName} data-testid="attachment">
              {f.fileName}
            </a>
            <Typography.Text type="secondary">
              {sizeInWords(f.size)} · {formatShanghaiTime(f.createdAt)}
            </Typography.Text>
          </List.Item>
        )}
      />
      {canAdd && (
        <Upload
          accept={rule.types.join(',')}
          showUploadList={false}
          customRequest={({ file }) =>
            void run(async () => {
              await addAttachment(recordType, recordId, kind, file as File);
              message.success(t('attachments.added'));
              await client.invalidateQueries({ queryKey: key });
            })
          }
        >
          <Button loading={busy}>{t('attachments.add', { size: sizeInWords(rule.maxBytes) })}</Button>
        </Upload>
      )}
      {error && <Alert type="error" title={error.describe(i18n.language)} />}
    </Space>
  );
}
