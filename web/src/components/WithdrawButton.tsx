import { Alert, App, Button, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../api/useAction.ts';

/**
 * Withdraws something published (an adjustment, a channel, a zone): a confirmation that asks why,
 * since the reason is kept with the record and in the audit trail, then a success message.
 */
export function WithdrawButton({
  what,
  onWithdraw,
  listedInNotice = false,
  label,
}: {
  what: string;
  /** The button's word, when taking back is not a withdrawal (a person taken off a roster). */
  label?: string;
  onWithdraw: (reason: string) => Promise<unknown>;
  /** A branch's adjustment: the association's next notice lists the withdrawal. */
  listedInNotice?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { run, busy, error } = useAction();
  const short = reason.trim().length < 2;
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)}>
        {label ?? t('withdraw.button')}
      </Button>
      <Modal
        open={open}
        title={t('withdraw.title', { what })}
        okText={t('withdraw.submit')}
        okButtonProps={{ danger: true, disabled: short }}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
        onOk={() =>
          run(async () => {
            await onWithdraw(reason.trim());
            setOpen(false);
            setReason('');
            message.success(t('withdraw.done', { what }));
          })
        }
        destroyOnHidden
      >
        <p>
          {t('withdraw.explain')}
          {listedInNotice ? t('withdraw.inNotice') : ''}
        </p>
        {error && <Alert type="error" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <label htmlFor="withdraw-reason">{t('withdraw.reason')}</label>
        <Input.TextArea id="withdraw-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} rows={2} />
      </Modal>
    </>
  );
}
