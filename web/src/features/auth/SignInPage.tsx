import type { CodeInput, SignInInput, TotpEnrolment } from '@shouhu/common';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { toggleLanguage } from '../../app/i18n.ts';
import { confirmTotpEnrolment, passSecondFactor, signIn as signInWith, startTotpEnrolment } from './api.ts';
import { useRefreshMe } from './useMe.ts';

type Step = { kind: 'password' } | { kind: 'code' } | { kind: 'enrol'; enrolment?: TotpEnrolment; recoveryCodes?: string[] };

/** Password, then the authenticator code, or enrolment of one when the role requires it. */
export function SignInPage() {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshMe();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const { run, busy, error } = useAction();
  const [warning, setWarning] = useState<string>();

  const signIn = (values: SignInInput) =>
    run(async () => {
      const answer = await signInWith(values);
      if (answer.warning) sessionStorage.setItem('shouhu.warning', answer.warning);
      setWarning(answer.warning);
      if (answer.secondFactor === 'required') setStep({ kind: 'code' });
      else if (answer.secondFactor === 'enrol')
        setStep({
          kind: 'enrol',
          // The password just typed: enrolment asks for it again, on this fresh sign-in only.
          enrolment: await startTotpEnrolment({ password: values.password }),
        });
      else await refresh();
    });

  return (
    <div className="console-signin">
      <Card
        title={t('signin.title')}
        extra={<Button onClick={toggleLanguage}>{t('language.switch')}</Button>}
        style={{ maxWidth: 440, width: '100%' }}
      >
        <Typography.Paragraph>{t('console.title')}</Typography.Paragraph>
        {warning && <Alert type="warning" title={warning} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" role="alert" title={error.describe(i18n.language)} style={{ marginBottom: 16 }} />}
        {step.kind === 'password' && (
          <Form layout="vertical" onFinish={signIn} requiredMark={false}>
            <Form.Item label={t('signin.username')} name="username" rules={[{ required: true }]}>
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item label={t('signin.password')} name="password" rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} block>
              {t('signin.submit')}
            </Button>
          </Form>
        )}
        {step.kind === 'code' && (
          <Form
            layout="vertical"
            onFinish={(v: CodeInput) =>
              run(async () => {
                await passSecondFactor(v);
                await refresh();
              })
            }
          >
            <Typography.Paragraph>{t('signin.secondFactor')}</Typography.Paragraph>
            <Form.Item label={t('signin.code')} name="code" rules={[{ required: true }]}>
              <Input autoComplete="one-time-code" inputMode="numeric" autoFocus />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} block>
              {t('signin.verify')}
            </Button>
          </Form>
        )}
        {step.kind === 'enrol' && step.enrolment && <Enrolment step={step} setStep={setStep} run={run} busy={busy} onDone={refresh} />}
      </Card>
    </div>
  );
}

/** Shows the QR code and key, confirms a first code, then shows the recovery codes once. */
export function Enrolment({
  step,
  setStep,
  run,
  busy,
  onDone,
}: {
  step: Extract<Step, { kind: 'enrol' }>;
  setStep: (s: Step) => void;
  run: (fn: () => Promise<void>) => Promise<void>;
  busy: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  if (step.recoveryCodes) {
    return (
      <>
        <Typography.Paragraph strong>{t('enrol.recovery')}</Typography.Paragraph>
        <pre className="recovery-codes" data-testid="recovery-codes">
          {step.recoveryCodes.join('\n')}
        </pre>
        <Button type="primary" block onClick={onDone}>
          {t('enrol.continue')}
        </Button>
      </>
    );
  }
  const enrolment = step.enrolment as TotpEnrolment;
  return (
    <>
      <Typography.Title level={5}>{t('enrol.title')}</Typography.Title>
      <Typography.Paragraph>{t('enrol.scan')}</Typography.Paragraph>
      <img className="qr" alt="QR" src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`} width={180} height={180} />
      <Typography.Paragraph copyable code data-testid="totp-secret">
        {enrolment.secret}
      </Typography.Paragraph>
      <Form
        layout="vertical"
        onFinish={(v: CodeInput) =>
          run(async () => {
            const r = await confirmTotpEnrolment(v);
            setStep({ ...step, recoveryCodes: r.recoveryCodes });
          })
        }
      >
        <Form.Item label={t('enrol.confirm')} name="code" rules={[{ required: true }]}>
          <Input autoComplete="one-time-code" inputMode="numeric" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('signin.verify')}
        </Button>
      </Form>
    </>
  );
}
