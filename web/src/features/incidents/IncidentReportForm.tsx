import {
  formatYuan,
  fromShanghaiInput,
  INCIDENT_CATEGORIES,
  INCIDENT_CATEGORY_LABELS,
  INCIDENT_LEVEL_LABELS,
  INCIDENT_LEVELS,
  type IncidentCategory,
  type IncidentLevel,
  IncidentReportInput,
  parseYuan,
  toShanghaiInput,
} from '@shouhu/common';
import { Form, type FormInstance, Input, InputNumber, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** The form's values: times as Shanghai "YYYY-MM-DDTHH:MM" (whatever the device's zone), the amount in yuan. */
export interface IncidentFormValues {
  learnedAt?: string;
  title: string;
  level: IncidentLevel;
  category: IncidentCategory;
  occurredAt: string;
  place: string;
  cause: string;
  impact: string;
  branchesAffected: number;
  customersAffected: number;
  amountYuan: string;
  measuresTaken: string;
  measuresPlanned: string;
  signingOfficer: string;
  contactName: string;
  contactPhone: string;
}

export function toReportInput(v: IncidentFormValues): IncidentReportInput {
  return {
    title: v.title.trim(),
    level: v.level,
    category: v.category,
    occurredAt: fromShanghaiInput(v.occurredAt),
    place: v.place.trim(),
    cause: v.cause.trim(),
    impact: v.impact.trim(),
    branchesAffected: v.branchesAffected ?? 0,
    customersAffected: v.customersAffected ?? 0,
    amountFen: parseYuan(String(v.amountYuan || '0')) ?? 0,
    measuresTaken: v.measuresTaken.trim(),
    measuresPlanned: (v.measuresPlanned ?? '').trim(),
    signingOfficer: v.signingOfficer.trim(),
    contactName: v.contactName.trim(),
    contactPhone: v.contactPhone.trim(),
  };
}

/** The last report's contents as the start of the next one (the phone is masked, so it is asked again). */
export function fromReport(r: IncidentReportInput): Partial<IncidentFormValues> {
  return {
    ...r,
    occurredAt: toShanghaiInput(r.occurredAt),
    amountYuan: formatYuan(r.amountFen).replace(/,/g, ''),
    contactPhone: '',
  };
}

/** Every part of an incident report the rule asks for; the same form for the initial report, follow-ups and the result. */
export function IncidentReportForm({
  form,
  initial,
  withLearnedAt,
  onFinish,
}: {
  form: FormInstance<IncidentFormValues>;
  initial: Partial<IncidentFormValues>;
  withLearnedAt: boolean;
  onFinish: (v: IncidentFormValues) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const required = [{ required: true, whitespace: true }];
  return (
    <Form<IncidentFormValues> form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
      <Form.Item name="title" label={t('inc.title')} rules={required}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="level" label={t('inc.level')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" options={INCIDENT_LEVELS.map((l) => ({ value: l, label: INCIDENT_LEVEL_LABELS[l][lang] }))} />
      </Form.Item>
      <Form.Item name="category" label={t('inc.category')} rules={[{ required: true }]}>
        <Radio.Group options={INCIDENT_CATEGORIES.map((c) => ({ value: c, label: INCIDENT_CATEGORY_LABELS[c][lang] }))} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="occurredAt" label={t('inc.occurredAt')} rules={[{ required: true }]}>
          <Input type="datetime-local" style={{ width: 220 }} />
        </Form.Item>
        {withLearnedAt && (
          <Form.Item name="learnedAt" label={t('inc.learnedAt')} rules={[{ required: true }]}>
            <Input type="datetime-local" style={{ width: 220 }} />
          </Form.Item>
        )}
      </Space>
      <Form.Item name="place" label={t('inc.place')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="cause" label={t('inc.cause')} rules={required}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="impact" label={t('inc.impact')} rules={required}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="branchesAffected" label={t('inc.branchesAffected')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="customersAffected" label={t('inc.customersAffected')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="amountYuan" label={t('inc.amount')}>
          <Input suffix={t('inc.yuan')} inputMode="decimal" style={{ width: 200 }} />
        </Form.Item>
      </Space>
      <Form.Item name="measuresTaken" label={t('inc.measuresTaken')} rules={required}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item name="measuresPlanned" label={t('inc.measuresPlanned')}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="signingOfficer" label={t('inc.signingOfficer')} rules={[{ required: true, min: 2 }]}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="contactName" label={t('inc.contactName')} rules={[{ required: true, min: 2 }]}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('inc.contactPhone')}
          rules={[{ required: true, pattern: /^[0-9][0-9\- ]{6,19}$/, message: t('inc.contactPhone') }]}
        >
          <Input inputMode="tel" style={{ width: 200 }} />
        </Form.Item>
      </Space>
    </Form>
  );
}

/** The server names fields inside the report as report.<name>; the form has them at the top. */
export const INCIDENT_FORM_NAMES: Record<string, string> = {
  ...Object.fromEntries(Object.keys(IncidentReportInput.properties).map((k) => [`report.${k}`, k])),
  'report.amountFen': 'amountYuan',
};
