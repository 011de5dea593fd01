import {
  findDivision,
  todayInShanghai,
  ZONE_FILE_COLUMNS,
  ZONE_LEVEL_LABELS,
  ZONE_LEVELS,
  type ZoneLevel,
  type ZoneView,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Cascader,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAction } from '../../api/useAction.ts';
import { CommitteeSelect } from '../../components/CommitteePicker.tsx';
import { CorrectionReason } from '../../components/Correcting.tsx';
import { ImportResult, useFileImport } from '../../components/ImportResult.tsx';
import { STREET_OPTIONS } from '../../components/streets.ts';
import { WithdrawButton } from '../../components/WithdrawButton.tsx';
import { changeZone, createZone, importZones, listBranchFlags, listZones, withdrawZone } from './api.ts';

// Dark enough for white text (WCAG AA).
const LEVEL_COLOURS: Record<ZoneLevel, string> = { sealed: '#a8071a', controlled: '#ad4e00', precaution: '#0b4fa8' };
// A template in the import's columns, with one example row.
const TEMPLATE = `\uFEFF${ZONE_FILE_COLUMNS.map(([, zh]) => zh).join(',')}\r\n某小区,310104003,,31.1702,121.4337,封控区,2022-04-01,2022-04-14\r\n`;

interface ZoneForm {
  name: string;
  street: [string, string];
  committeeCode?: string;
  wholeStreet: boolean;
  lat?: number;
  lng?: number;
  level: ZoneLevel;
  dates: [Dayjs, Dayjs | null];
  changeReason?: string;
}

/**
 * The regulator's lockdown zones: those in force on a date, one entered by hand (a compound, or a
 * whole street), or the day's list imported from the city's CSV or Excel file.
 */
export function ZonesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const client = useQueryClient();
  const [on, setOn] = useState(todayInShanghai());
  // A new zone (true), one being corrected, or none.
  const [entering, setEntering] = useState<boolean | ZoneView>(false);
  const correcting = typeof entering === 'object' ? entering : undefined;
  const [partial, setPartial] = useState(true);
  const imports = useFileImport((file: File) => importZones(file, partial));
  const [form] = Form.useForm<ZoneForm>();
  const { run, busy, error } = useAction(form, { streetCode: 'street', from: 'dates', to: 'dates' });
  const zones = useQuery({ queryKey: ['zones', on], queryFn: () => listZones(on) });
  // What the zones mean for the network: branches inside sealed areas, proposed for closure to their institutions.
  const flags = useQuery({
    queryKey: ['zones', 'flags', on],
    queryFn: () => listBranchFlags(on),
  });
  const flagged = flags.data?.items.filter((f) => !f.alreadyClosed).length ?? 0;
  const wholeStreet = Form.useWatch('wholeStreet', form);
  const street = Form.useWatch('street', form) as [string, string] | undefined;

  const enter = (v: ZoneForm) =>
    run(async () => {
      const content = {
        name: v.name,
        streetCode: v.street[1],
        ...(!v.wholeStreet && v.committeeCode ? { committeeCode: v.committeeCode } : {}),
        wholeStreet: v.wholeStreet,
        lat: v.wholeStreet ? undefined : v.lat,
        lng: v.wholeStreet ? undefined : v.lng,
        level: v.level,
        from: v.dates[0].format('YYYY-MM-DD'),
        to: v.dates[1]?.format('YYYY-MM-DD'),
      };
      if (correcting) await changeZone(correcting.id, { ...content, changeReason: v.changeReason ?? '' });
      else await createZone(content);
      message.success(correcting ? t('correct.done') : t('zones.entered'));
      setEntering(false);
      await client.invalidateQueries({ queryKey: ['zones'] });
    });
  const correct = (z: ZoneView) => {
    form.setFieldsValue({
      name: z.name,
      street: [z.districtCode, z.streetCode ?? ''] as [string, string],
      committeeCode: z.committeeCode ?? undefined,
      wholeStreet: z.wholeStreet,
      lat: z.lat ?? undefined,
      lng: z.lng ?? undefined,
      level: z.level,
      dates: [dayjs(z.from), z.to ? dayjs(z.to) : null],
    });
    setEntering(z);
  };

  const upload = async (file: File) => {
    await imports.upload(file);
    await client.invalidateQueries({ queryKey: ['zones'] });
  };

  return (
    <Card title={t('menu.zones')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setEntering(true)}>
          {t('zones.enter')}
        </Button>
        <Upload accept=".csv,.xlsx" showUploadList={false} customRequest={({ file }) => void upload(file as File)}>
          <Button>{t('zones.import')}</Button>
        </Upload>
        <Checkbox checked={partial} onChange={(e) => setPartial(e.target.checked)}>
          {t('zones.partial')}
        </Checkbox>
        <Button type="link" href={`data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`} download="zones-template.csv">
          {t('zones.template')}
        </Button>
      </Space>
      <ImportResult imports={imports} title={imports.answer && t('zones.imported', { count: imports.answer.imported })} />
      {flagged > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('zones.flagged', { count: flagged })}
          action={<Link to="/console/network">{t('menu.network')}</Link>}
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <span id="zones-on">{t('zones.on')}</span>
        <DatePicker aria-labelledby="zones-on" allowClear={false} value={dayjs(on)} onChange={(d) => d && setOn(d.format('YYYY-MM-DD'))} />
      </Space>
      {/* Scrolls sideways on a phone; focusable, so that keyboard users can scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus */}
      <section tabIndex={0} aria-label={t('menu.zones')} style={{ overflowX: 'auto' }}>
        <Table<ZoneView>
          rowKey="id"
          size="small"
          loading={zones.isPending}
          dataSource={zones.data?.items}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 680 }}
          columns={[
            { title: t('zones.name'), dataIndex: 'name' },
            {
              title: t('zones.where'),
              render: (_, z) =>
                [findDivision(z.districtCode)?.name, z.streetCode ? findDivision(z.streetCode)?.name : null].filter(Boolean).join(' '),
            },
            {
              title: t('zones.level'),
              dataIndex: 'level',
              render: (level: ZoneLevel) => <Tag color={LEVEL_COLOURS[level]}>{ZONE_LEVEL_LABELS[level][lang]}</Tag>,
            },
            { title: t('zones.wholeStreet'), dataIndex: 'wholeStreet', render: (w: boolean) => (w ? t('zones.yes') : '') },
            { title: t('zones.dates'), render: (_, z) => `${z.from} – ${z.to ?? t('zones.untilLifted')}` },
            {
              title: '',
              render: (_, z) => (
                <Space>
                  <Button size="small" onClick={() => correct(z)}>
                    {t('correct.button')}
                  </Button>
                  <WithdrawButton
                    what={t('zones.theZone')}
                    onWithdraw={async (reason) => {
                      await withdrawZone(z.id, reason);
                      await client.invalidateQueries({ queryKey: ['zones'] });
                    }}
                  />
                </Space>
              ),
            },
          ]}
        />
      </section>
      <Modal
        open={entering !== false}
        title={correcting ? t('correct.editing', { what: correcting.name }) : t('zones.enter')}
        onCancel={() => setEntering(false)}
        onOk={() => form.submit()}
        okText={t('zones.save')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form
          form={form}
          name="zone"
          layout="vertical"
          onFinish={enter}
          initialValues={{ level: 'sealed', wholeStreet: false, dates: [dayjs(todayInShanghai()), null] }}
        >
          <Form.Item name="name" label={t('zones.name')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="street" label={t('visits.street')} rules={[{ required: true }]}>
            <Cascader options={STREET_OPTIONS} showSearch />
          </Form.Item>
          <Form.Item name="wholeStreet" label={t('zones.wholeStreet')} valuePropName="checked" extra={t('zones.wholeStreetHint')}>
            <Checkbox />
          </Form.Item>
          {!wholeStreet && (
            <Form.Item name="committeeCode" label={t('zones.committee')}>
              <CommitteeSelect streetCode={street?.[1]} />
            </Form.Item>
          )}
          {!wholeStreet && (
            <Space wrap>
              <Form.Item name="lat" label={t('branches.lat')} rules={[{ required: true }]}>
                <InputNumber min={30.6} max={31.9} step={0.0001} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name="lng" label={t('branches.lng')} rules={[{ required: true }]}>
                <InputNumber min={120.8} max={122.2} step={0.0001} style={{ width: 160 }} />
              </Form.Item>
            </Space>
          )}
          <Form.Item name="level" label={t('zones.level')}>
            <Radio.Group options={ZONE_LEVELS.map((l) => ({ value: l, label: ZONE_LEVEL_LABELS[l][lang] }))} />
          </Form.Item>
          <Form.Item name="dates" label={t('zones.dates')} rules={[{ required: true }]} extra={t('zones.datesHint')}>
            <DatePicker.RangePicker allowEmpty={[false, true]} aria-label={t('zones.dates')} />
          </Form.Item>
          {correcting && <CorrectionReason />}
          {error && <Alert type="error" title={error.describe(i18n.language)} />}
        </Form>
      </Modal>
    </Card>
  );
}
