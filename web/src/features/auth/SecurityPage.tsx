import type { Me, TotpEnrolment } from '@shouhu/common';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { startTotpEnrolment } from './api.ts';
import { Enrolment } from './SignInPage.tsx';
import { useRefreshMe } from './useMe.ts';

/** Set up an authenticator for users whose role does not require one yet (demo and staff users). */
export function SecurityPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshMe();
  const [step, setStep] = useState<{ kind: 'enrol'; enrolment?: TotpEnrolment; recoveryCodes?: string[] }>();
  const { run, busy, error } = useAction();
  return (
    <Card title={t('enrol.title')} style={{ maxWidth: 480 }}>
      {error && <Alert type="error" title={error.describe(i18n.language)} style={{ marginBottom: 16 }} />}
      {me.totpEnrolled && !step?.recoveryCodes ? (
        <Typography.Paragraph>✓ {t('enrol.title')}</Typography.Paragraph>
      ) : step?.enrolment ? (
        <Enrolment step={step} setStep={(s) => setStep(s as typeof step)} run={run} busy={busy} onDone={() => void refresh()} />
      ) : (
        // The password again: an unattended signed-in browser cannot bind someone else's authenticator.
        <Form
          layout="vertical"
          requiredMark={false}
          onFinish={(values: { password: string }) =>
            run(async () =>
              setStep({
                kind: 'enrol',
                enrolment: await startTotpEnrolment(values),
              }),
            )
          }
        >
          <Form.Item label={t('enrol.password')} name="password" rules={[{ required: true, message: t('enrol.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('enrol.title')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
