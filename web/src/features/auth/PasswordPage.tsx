import type { PasswordChangeInput } from '@shouhu/common';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { changePassword } from './api.ts';
import { useRefreshMe } from './useMe.ts';

/** Own password change; `forced` after a first sign-in or an admin reset. */
export function PasswordPage({ forced = false }: { forced?: boolean }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshMe();
  const { run, error } = useAction();
  const [done, setDone] = useState(false);
  const [form] = Form.useForm();

  const card = (
    <Card title={t('password.title')} style={{ maxWidth: 440, width: '100%' }}>
      {forced && <Alert type="info" title={t('password.required')} style={{ marginBottom: 16 }} />}
      {done && <Alert type="success" title={t('password.done')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" role="alert" title={error.describe(i18n.language)} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values: PasswordChangeInput) =>
          run(async () => {
            await changePassword(values);
            setDone(true);
            form.resetFields();
            if (forced) await refresh();
          })
        }
      >
        <Form.Item label={t('password.current')} name="currentPassword" rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label={t('password.new')} name="newPassword" rules={[{ required: true, min: 12 }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
  return forced ? <div className="console-signin">{card}</div> : card;
}
