import { HOLIDAY_KIND_LABELS, HOLIDAY_KINDS, type HolidayOverride } from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { CorrectingNotice, CorrectionReason } from '../../components/Correcting.tsx';
import { WithdrawButton } from '../../components/WithdrawButton.tsx';
import { enterHolidayYear, listHolidayOverrides, listMissingYears, removeHolidayOverride, setHolidayOverride } from './api.ts';

interface OverrideForm {
  date: Dayjs;
  kind: HolidayOverride['kind'];
  name?: string;
  changeReason?: string;
}

/**
 * The holiday calendar's overrides (regulator, associations): a year's State Council notice
 * entered where the packaged calendar lacks it, corrected or removed with a reason. Branch hours,
 * the finder and deadlines follow at once.
 */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const client = useQueryClient();
  const overrides = useQuery({ queryKey: ['holiday-overrides'], queryFn: listHolidayOverrides });
  const [form] = Form.useForm<OverrideForm>();
  const { run, busy, error } = useAction(form);
  const [correcting, setCorrecting] = useState<HolidayOverride>();
  const missing = useQuery({ queryKey: ['calendar-missing-years'], queryFn: listMissingYears });
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['holiday-overrides'] }),
      client.invalidateQueries({ queryKey: ['calendar-missing-years'] }),
      client.invalidateQueries({ queryKey: ['desk'] }),
    ]);
  const [yearForm] = Form.useForm<{ year: number; text: string }>();
  const year = useAction(yearForm, { text: 'text' });
  const missingYears = missing.data?.years ?? [];
  const items = [...(overrides.data?.items ?? [])].sort((a, b) => a.date.localeCompare(b.date));

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {missingYears.length > 0 && (
        <Alert type="warning" showIcon data-testid="calendar-missing" title={t('calendar.missing', { years: missingYears.join('、') })} />
      )}
      <Card title={t('calendar.enterYear')}>
        <Form
          form={yearForm}
          layout="vertical"
          style={{ maxWidth: 720 }}
          initialValues={{ year: missingYears[0] ?? new Date().getFullYear() + 1 }}
          onFinish={(v) =>
            year.run(async () => {
              const days = await enterHolidayYear(v.year, v.text);
              const holidays = days.items.filter((d) => d.kind === 'holiday').length;
              message.success(t('calendar.yearEntered', { year: v.year, holidays, makeup: days.items.length - holidays }));
              yearForm.resetFields(['text']);
              await refresh();
            })
          }
        >
          <Form.Item name="year" label={t('calendar.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="text" label={t('calendar.noticeText')} extra={t('calendar.noticeHelp')} rules={[{ required: true }]}>
            <Input.TextArea rows={8} placeholder={t('calendar.noticePlaceholder')} />
          </Form.Item>
          {year.error && <Alert type="error" title={year.error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
          <Popconfirm title={t('calendar.enterConfirm')} onConfirm={() => yearForm.submit()}>
            <Button type="primary" loading={year.busy}>
              {t('calendar.enter')}
            </Button>
          </Popconfirm>
        </Form>
      </Card>
      <Card title={t('menu.calendar')}>
        <Table<HolidayOverride>
          rowKey="date"
          size="small"
          loading={overrides.isPending}
          dataSource={items}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('calendar.total', { count: total }) }}
          locale={{ emptyText: t('calendar.empty') }}
          columns={[
            { title: t('calendar.date'), dataIndex: 'date', sorter: (a, b) => a.date.localeCompare(b.date) },
            { title: t('calendar.kind'), dataIndex: 'kind', render: (k: HolidayOverride['kind']) => HOLIDAY_KIND_LABELS[k][lang] },
            { title: t('calendar.name'), dataIndex: 'name' },
            {
              title: '',
              render: (_, o) => (
                <Space>
                  <Button
                    size="small"
                    onClick={() => {
                      setCorrecting(o);
                      form.setFieldsValue({ date: dayjs(o.date), kind: o.kind, name: o.name ?? undefined, changeReason: undefined });
                    }}
                  >
                    {t('correct.button')}
                  </Button>
                  <WithdrawButton
                    what={t('calendar.theOverride', { date: o.date })}
                    onWithdraw={async (reason) => {
                      await removeHolidayOverride(o.date, reason);
                      await refresh();
                    }}
                  />
                </Space>
              ),
            },
          ]}
        />
        <Form<OverrideForm>
          form={form}
          layout="vertical"
          style={{ marginTop: 16, maxWidth: 480 }}
          initialValues={{ kind: 'holiday' }}
          onFinish={(v) =>
            run(async () => {
              await setHolidayOverride(v.date.format('YYYY-MM-DD'), {
                kind: v.kind,
                ...(v.name ? { name: v.name } : {}),
                ...(v.changeReason ? { changeReason: v.changeReason } : {}),
              });
              message.success(correcting ? t('correct.done') : t('calendar.saved'));
              setCorrecting(undefined);
              form.resetFields();
              await refresh();
            })
          }
        >
          {correcting && (
            <CorrectingNotice
              what={correcting.date}
              onCancel={() => {
                setCorrecting(undefined);
                form.resetFields();
              }}
            />
          )}
          <Form.Item name="date" label={t('calendar.date')} rules={[{ required: true }]}>
            <DatePicker disabled={correcting !== undefined} />
          </Form.Item>
          <Form.Item name="kind" label={t('calendar.kind')} rules={[{ required: true }]}>
            <Select options={HOLIDAY_KINDS.map((k) => ({ value: k, label: HOLIDAY_KIND_LABELS[k][lang] }))} />
          </Form.Item>
          <Form.Item name="name" label={t('calendar.name')}>
            <Input maxLength={40} placeholder={t('calendar.namePlaceholder')} />
          </Form.Item>
          {correcting && <CorrectionReason />}
          {error && <Alert type="error" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" loading={busy}>
            {correcting ? t('correct.button') : t('calendar.add')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
