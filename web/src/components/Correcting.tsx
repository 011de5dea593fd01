import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * What a form corrects instead of adding: a notice naming the record with a way back to a new
 * one, and (CorrectionReason) the reason the server requires for a change of what was published.
 */
export function CorrectingNotice({ what, onCancel }: { what: string; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      style={{ marginBottom: 12 }}
      title={t('correct.editing', { what })}
      action={
        <Button size="small" onClick={onCancel}>
          {t('correct.cancel')}
        </Button>
      }
    />
  );
}

/** The `changeReason` field of a correction, required, as the server requires it. */
export function CorrectionReason() {
  const { t } = useTranslation();
  return (
    <Form.Item name="changeReason" label={t('correct.reason')} rules={[{ required: true, min: 2 }]}>
      <Input maxLength={200} />
    </Form.Item>
  );
}
