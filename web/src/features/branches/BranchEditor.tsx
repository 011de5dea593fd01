import {
  BRANCH_SERVICE_LABELS,
  BRANCH_SERVICES,
  type BranchInput,
  type BranchView,
  formatWeeklyHours,
  parseWeeklyHours,
} from '@shouhu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Cascader, Checkbox, Form, Input, InputNumber, Modal, Radio, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction.ts';
import { STREET_OPTIONS } from '../../components/streets.ts';
import { saveBranch } from './api.ts';

interface BranchForm {
  code: string;
  nameZh: string;
  nameEn?: string;
  address: string;
  street: [string, string];
  lat: number;
  lng: number;
  coordinateSystem: 'wgs84' | 'gcj02';
  services: BranchInput['services'];
  hours: string;
  phone?: string;
  stepFree: boolean;
}

/** Registers a branch, or changes one's details: place, services, weekly hours (as one line of text), phone, access. */
export function BranchEditor({ branch, open, onClose }: { branch?: BranchView; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<BranchForm>();
  // The server's refusals beside the fields (its street picker and hours text under their own names).
  const { run, busy, error } = useAction(form, { streetCode: 'street', weeklyHours: 'hours' });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (branch) {
      form.setFieldsValue({
        ...branch,
        // A view lists services as text; they are the ones the branch was saved with.
        services: branch.services as BranchInput['services'],
        nameEn: branch.nameEn ?? undefined,
        phone: branch.phone ?? undefined,
        street: [branch.districtCode, branch.streetCode],
        coordinateSystem: 'wgs84',
        hours: formatWeeklyHours(branch.weeklyHours),
      });
    }
  }, [open, branch, form]);

  const save = (v: BranchForm) =>
    run(async () => {
      const hours = parseWeeklyHours(v.hours);
      if (!hours.ok) {
        form.setFields([{ name: 'hours', errors: [lang === 'zh' ? hours.reasonZh : hours.reason] }]);
        return;
      }
      const body = {
        code: v.code,
        nameZh: v.nameZh,
        ...(v.nameEn ? { nameEn: v.nameEn } : {}),
        address: v.address,
        streetCode: v.street[1],
        lat: v.lat,
        lng: v.lng,
        coordinateSystem: v.coordinateSystem,
        services: v.services,
        weeklyHours: hours.hours,
        ...(v.phone ? { phone: v.phone } : {}),
        stepFree: v.stepFree,
      };
      await saveBranch(branch?.id, body);
      message.success(t('branches.saved'));
      await client.invalidateQueries({ queryKey: ['branches'] });
      onClose();
    });

  return (
    <Modal
      open={open}
      title={branch ? `${t('branches.edit')} · ${branch.nameZh}` : t('branches.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        name="branch"
        layout="vertical"
        onFinish={save}
        initialValues={{ coordinateSystem: 'gcj02', services: ['cash', 'deposit_withdrawal'], hours: '1-5 09:00-17:00', stepFree: false }}
      >
        <Form.Item name="code" label={t('branches.code')} rules={[{ required: true }]}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="nameZh" label={t('branches.nameZh')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('branches.nameEn')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="street" label={t('visits.street')} rules={[{ required: true }]}>
          <Cascader options={STREET_OPTIONS} showSearch />
        </Form.Item>
        <Form.Item name="address" label={t('network.address')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="coordinateSystem" label={t('branches.coordinates')}>
          <Radio.Group
            options={[
              { value: 'gcj02', label: t('branches.gcj02') },
              { value: 'wgs84', label: 'WGS-84' },
            ]}
          />
        </Form.Item>
        <Form.Item name="lat" label={t('branches.lat')} rules={[{ required: true }]}>
          <InputNumber min={30.6} max={31.9} step={0.0001} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="lng" label={t('branches.lng')} rules={[{ required: true }]}>
          <InputNumber min={120.8} max={122.2} step={0.0001} style={{ width: '100%' }} />
        </Form.Item>
        {/* No "required" here: antd would put aria-required on the group's plain div; the server names the field. */}
        <Form.Item name="services" label={t('branches.services')}>
          <Checkbox.Group options={BRANCH_SERVICES.map((s) => ({ value: s, label: BRANCH_SERVICE_LABELS[s][lang] }))} />
        </Form.Item>
        <Form.Item name="hours" label={t('branches.hours')} extra={t('branches.hoursHint')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('branches.phone')}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="stepFree" label={t('branches.stepFree')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {error && <Alert type="error" title={error.describe(i18n.language)} />}
      </Form>
    </Modal>
  );
}
