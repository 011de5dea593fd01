import { Alert, Button, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../api/useAction.ts';
import { revealField } from './api.ts';

/** Shows a masked value, and its full form after the user gives a reason (audited by the server). */
export function RevealButton({
  masked,
  recordType,
  recordId,
  field,
}: {
  masked: string;
  recordType: string;
  recordId: string;
  field: string;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [value, setValue] = useState<string | null>();
  const { run, error } = useAction();
  const reveal = () =>
    run(async () => {
      setValue((await revealField({ recordType, recordId, field, reason })).value);
      setOpen(false);
    });
  if (value !== undefined) return <Typography.Text data-testid="revealed">{value}</Typography.Text>;
  return (
    <>
      <Typography.Text>{masked}</Typography.Text>{' '}
      <Button size="small" type="link" onClick={() => setOpen(true)}>
        {t('reveal.button')}
      </Button>
      <Modal
        title={t('reveal.title')}
        open={open}
        onOk={reveal}
        onCancel={() => setOpen(false)}
        okText={t('reveal.submit')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        {error && <Alert type="error" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <label htmlFor="reveal-reason">{t('reveal.reason')}</label>
        <Input.TextArea id="reveal-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} rows={3} />
      </Modal>
    </>
  );
}
