import {
  addDays,
  can,
  compareText,
  DIRECTIVE_URGENCIES,
  DIRECTIVE_URGENCY_LABELS,
  type DirectiveInput,
  type DirectiveSummary,
  formatShanghaiTime,
  isInstitution,
  type Me,
  REPORT_FIELD_TYPE_LABELS,
  REPORT_FIELD_TYPES,
  REPORT_PERIOD_LABELS,
  REPORT_PERIODS,
  REPORT_RULE_KINDS,
  type ReportFieldType,
  type ReportRuleKind,
  SHANGHAI_DISTRICTS,
  todayInShanghai,
} from '@shouhu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Drawer, Form, Input, InputNumber, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAction } from '../../api/useAction.ts';
import { downloadCsv } from '../../components/csv.ts';
import { useDrawerSize } from '../../components/drawerSize.ts';
import { actorOf } from '../console/ConsoleLayout.tsx';
import { listOrganizations } from '../organizations/api.ts';
import { issueDirective, listDirectives } from './api.ts';

/** The form's values as the drawer holds them: choices as a 、-separated line, dates as text. */
interface DirectiveFormValues {
  documentNumber: string;
  title: string;
  body: string;
  urgency: DirectiveInput['urgency'];
  kinds: ('bank' | 'insurer')[];
  districtCode?: string;
  orgIds: string[];
  acknowledgeWithinHours: number;
  actions: { title: string; dueOn: string }[];
  withForm: boolean;
  form?: {
    title: string;
    period: (typeof REPORT_PERIODS)[number];
    startsOn: string;
    endsOn: string;
    dueAfterHours: number;
    fields: { key: string; label: string; type: ReportFieldType; required: boolean; choices?: string }[];
    rules: { kind: ReportRuleKind; left: string; right: string[] }[];
  };
}

function toInput(v: DirectiveFormValues): DirectiveInput {
  return {
    documentNumber: v.documentNumber.trim(),
    title: v.title.trim(),
    body: v.body,
    urgency: v.urgency,
    addressees: {
      ...(v.kinds?.length ? { kinds: v.kinds } : {}),
      ...(v.districtCode ? { districtCode: v.districtCode } : {}),
      ...(v.orgIds?.length ? { orgIds: v.orgIds } : {}),
    },
    acknowledgeWithinHours: v.acknowledgeWithinHours,
    actions: v.actions ?? [],
    ...(v.withForm && v.form
      ? {
          form: {
            ...v.form,
            fields: v.form.fields.map((f) => ({
              key: f.key.trim(),
              label: f.label.trim(),
              type: f.type,
              required: Boolean(f.required),
              ...(f.type === 'choice'
                ? {
                    choices: (f.choices ?? '')
                      .split(/[、,，]/)
                      .map((c) => c.trim())
                      .filter(Boolean),
                  }
                : {}),
            })),
            rules: v.form.rules ?? [],
          },
        }
      : {}),
  };
}

/** Directives (监管通知): the issuer's list and the drawer to issue one; an institution's list of what it was sent. */
export function DirectivesPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const drawerSize = useDrawerSize();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const mayIssue = can(actorOf(me), 'directive.issue');
  const directives = useQuery({ queryKey: ['directives'], queryFn: listDirectives });
  const orgs = useQuery({ queryKey: ['organizations'], queryFn: listOrganizations, enabled: mayIssue });
  const [search, setSearch] = useState('');
  const [issuing, setIssuing] = useState(false);
  const [form] = Form.useForm<DirectiveFormValues>();
  const { run, busy, error } = useAction(form);
  const withForm = Form.useWatch('withForm', form);
  const fields = Form.useWatch(['form', 'fields'], form) as { key?: string; label?: string; type?: ReportFieldType }[] | undefined;
  const fieldOptions = (fields ?? [])
    .filter((f) => f?.key && (f.type === 'count' || f.type === 'amount' || f.type === 'number'))
    .map((f) => ({ value: f.key as string, label: f.label || f.key }));

  const needle = search.trim();
  const rows = (directives.data?.items ?? []).filter((d) => !needle || d.documentNumber.includes(needle) || d.title.includes(needle));
  const institutions = (orgs.data?.items ?? []).filter(
    (o) => isInstitution(o.kind) && (me.role !== 'association' || o.parentId === me.organization.id),
  );
  const today = todayInShanghai();

  const issue = (v: DirectiveFormValues) =>
    run(async () => {
      const issued = await issueDirective(toInput(v));
      message.success(t('dir.issued', { number: issued.documentNumber, count: issued.recipients.length }));
      setIssuing(false);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['directives'] });
      void navigate(`/console/directives/${issued.id}`);
    });

  return (
    <Card
      title={t('menu.directives')}
      extra={
        <Space wrap>
          <Button
            onClick={() =>
              downloadCsv('directives.csv', [
                [t('dir.number'), t('dir.title'), t('dir.urgency'), t('dir.issuer'), t('dir.issuedAt'), t('dir.acked')],
                ...rows.map((d) => [
                  d.documentNumber,
                  d.title,
                  DIRECTIVE_URGENCY_LABELS[d.urgency][lang],
                  d.issuerName,
                  formatShanghaiTime(d.issuedAt),
                  `${d.acknowledged}/${d.recipients}`,
                ]),
              ])
            }
          >
            {t('dir.export')}
          </Button>
          {mayIssue && (
            <Button type="primary" onClick={() => setIssuing(true)}>
              {t('dir.issue')}
            </Button>
          )}
        </Space>
      }
    >
      <Input.Search
        allowClear
        placeholder={t('dir.search')}
        onChange={(e) => setSearch(e.target.value)}
        style={{ width: 260, marginBottom: 12 }}
      />
      <Table<DirectiveSummary>
        rowKey="id"
        size="middle"
        loading={directives.isPending}
        dataSource={rows}
        pagination={{ pageSize: 20, showTotal: (total) => t('dir.total', { count: total }) }}
        columns={[
          {
            title: t('dir.number'),
            dataIndex: 'documentNumber',
            sorter: (a, b) => compareText(a.documentNumber, b.documentNumber),
            render: (_, d) => <Link to={`/console/directives/${d.id}`}>{d.documentNumber}</Link>,
          },
          {
            title: t('dir.title'),
            dataIndex: 'title',
            render: (_, d) => (
              <>
                {d.urgency === 'urgent' && <Tag color="red">{DIRECTIVE_URGENCY_LABELS.urgent[lang]}</Tag>}
                {d.title}
              </>
            ),
          },
          { title: t('dir.issuer'), dataIndex: 'issuerName', responsive: ['md'] },
          {
            title: t('dir.issuedAt'),
            dataIndex: 'issuedAt',
            defaultSortOrder: 'descend',
            sorter: (a, b) => a.issuedAt.localeCompare(b.issuedAt),
            render: (v: string) => formatShanghaiTime(v),
            responsive: ['md'],
          },
          {
            title: t('dir.acked'),
            sorter: (a, b) => a.acknowledged / a.recipients - b.acknowledged / b.recipients,
            render: (_, d) =>
              mayIssue ? (
                t('dir.ackCount', { done: d.acknowledged, all: d.recipients })
              ) : d.acknowledged > 0 ? (
                <Tag color="green">{t('dir.acked')}</Tag>
              ) : Date.parse(d.acknowledgeBy) < Date.now() ? (
                <Tag color="red">{t('dir.overdue')}</Tag>
              ) : (
                <Tag color="orange">{t('dir.notYet')}</Tag>
              ),
          },
        ]}
      />
      <Drawer
        title={t('dir.issue')}
        open={issuing}
        onClose={() => setIssuing(false)}
        size={drawerSize}
        extra={
          <Button
            type="primary"
            loading={busy}
            onClick={() =>
              void form.validateFields().then(() => {
                modal.confirm({
                  title: t('dir.confirm'),
                  okText: t('dir.issue'),
                  cancelText: t('common.cancel'),
                  onOk: () => form.submit(),
                });
              })
            }
          >
            {t('dir.issue')}
          </Button>
        }
      >
        {error && <Alert type="error" role="alert" title={error.describe(i18n.language)} style={{ marginBottom: 12 }} />}
        <Form<DirectiveFormValues>
          form={form}
          layout="vertical"
          onFinish={(v) => void issue(v)}
          initialValues={{
            urgency: 'normal',
            kinds: ['bank'],
            orgIds: [],
            acknowledgeWithinHours: 24,
            actions: [],
            withForm: false,
            form: { period: 'daily', startsOn: today, endsOn: addDays(today, 30), dueAfterHours: 10, fields: [], rules: [] },
          }}
        >
          <Form.Item name="documentNumber" label={t('dir.number')} extra={t('dir.numberHelp')} rules={[{ required: true, min: 3 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="title" label={t('dir.title')} rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="body" label={t('dir.body')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={6} />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="urgency" label={t('dir.urgency')}>
              <Select
                style={{ width: 120 }}
                options={DIRECTIVE_URGENCIES.map((u) => ({ value: u, label: DIRECTIVE_URGENCY_LABELS[u][lang] }))}
              />
            </Form.Item>
            <Form.Item name="acknowledgeWithinHours" label={t('dir.ackWithin')} extra={t('dir.ackWithinHelp')}>
              <InputNumber min={1} max={720} />
            </Form.Item>
          </Space>
          <Card size="small" title={t('dir.addressees')} style={{ marginBottom: 16 }}>
            <Form.Item name="kinds" label={t('dir.kinds')} extra={t('dir.addresseesHelp')}>
              <Checkbox.Group
                options={[
                  { value: 'bank', label: lang === 'zh' ? '银行' : 'Banks' },
                  { value: 'insurer', label: lang === 'zh' ? '保险公司' : 'Insurers' },
                ]}
              />
            </Form.Item>
            <Form.Item name="districtCode" label={t('dir.district')}>
              <Select allowClear options={SHANGHAI_DISTRICTS.map((d) => ({ value: d.code, label: d.name }))} />
            </Form.Item>
            <Form.Item name="orgIds" label={t('dir.orgs')}>
              <Select
                mode="multiple"
                optionFilterProp="label"
                options={institutions.map((o) => ({ value: o.id, label: lang === 'zh' ? o.nameZh : o.nameEn }))}
              />
            </Form.Item>
          </Card>
          <Card size="small" title={t('dir.actions')} style={{ marginBottom: 16 }}>
            <Form.List name="actions">
              {(items, { add, remove }) => (
                <>
                  {items.map((item) => (
                    <Space key={item.key} align="start" wrap>
                      <Form.Item name={[item.name, 'title']} label={t('dir.action')} rules={[{ required: true, min: 2 }]}>
                        <Input style={{ width: 300 }} />
                      </Form.Item>
                      <Form.Item name={[item.name, 'dueOn']} label={t('dir.dueOn')} rules={[{ required: true }]}>
                        <Input type="date" />
                      </Form.Item>
                      <Button type="link" onClick={() => remove(item.name)} style={{ marginTop: 30 }}>
                        {t('dir.remove')}
                      </Button>
                    </Space>
                  ))}
                  <Button className="form-list-add" onClick={() => add({ title: '', dueOn: today })}>
                    {t('dir.addAction')}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
          <Form.Item name="withForm" label={t('dir.withForm')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {withForm && (
            <Card size="small" title={t('dir.form')}>
              <Form.Item name={['form', 'title']} label={t('dir.formTitle')} rules={[{ required: true, min: 2 }]}>
                <Input />
              </Form.Item>
              <Space wrap>
                <Form.Item name={['form', 'period']} label={t('dir.period')}>
                  <Select
                    style={{ width: 120 }}
                    options={REPORT_PERIODS.map((p) => ({ value: p, label: REPORT_PERIOD_LABELS[p][lang] }))}
                  />
                </Form.Item>
                <Form.Item name={['form', 'startsOn']} label={t('dir.startsOn')} rules={[{ required: true }]}>
                  <Input type="date" />
                </Form.Item>
                <Form.Item name={['form', 'endsOn']} label={t('dir.endsOn')} rules={[{ required: true }]}>
                  <Input type="date" />
                </Form.Item>
                <Form.Item name={['form', 'dueAfterHours']} label={t('dir.dueAfter')}>
                  <InputNumber min={0} max={744} />
                </Form.Item>
              </Space>
              <Form.List name={['form', 'fields']}>
                {(items, { add, remove }) => (
                  <fieldset className="form-list">
                    <legend>{t('dir.fields')}</legend>
                    {items.map((item, i) => (
                      <Space key={item.key} align="start" wrap data-testid="form-field">
                        <Form.Item name={[item.name, 'label']} label={t('dir.fieldLabel')} rules={[{ required: true }]}>
                          <Input style={{ width: 180 }} aria-label={`${t('dir.fieldLabel')} ${i + 1}`} />
                        </Form.Item>
                        <Form.Item
                          name={[item.name, 'key']}
                          label={t('dir.fieldKey')}
                          rules={[{ required: true, pattern: /^[a-z][a-zA-Z0-9]{0,39}$/ }]}
                        >
                          <Input style={{ width: 130 }} aria-label={`${t('dir.fieldKey')} ${i + 1}`} />
                        </Form.Item>
                        <Form.Item name={[item.name, 'type']} label={t('dir.fieldType')}>
                          <select className="native-select" aria-label={`${t('dir.fieldType')} ${i + 1}`}>
                            {REPORT_FIELD_TYPES.map((ft) => (
                              <option key={ft} value={ft}>
                                {REPORT_FIELD_TYPE_LABELS[ft][lang]}
                              </option>
                            ))}
                          </select>
                        </Form.Item>
                        <Form.Item name={[item.name, 'required']} label={t('dir.fieldRequired')} valuePropName="checked">
                          <Checkbox aria-label={`${t('dir.fieldRequired')} ${i + 1}`} />
                        </Form.Item>
                        {fields?.[i]?.type === 'choice' && (
                          <Form.Item name={[item.name, 'choices']} label={t('dir.fieldChoices')} rules={[{ required: true }]}>
                            <Input style={{ width: 200 }} />
                          </Form.Item>
                        )}
                        <Button type="link" onClick={() => remove(item.name)} style={{ marginTop: 30 }}>
                          {t('dir.remove')}
                        </Button>
                      </Space>
                    ))}
                    <Button className="form-list-add" onClick={() => add({ key: '', label: '', type: 'count', required: true })}>
                      {t('dir.addField')}
                    </Button>
                  </fieldset>
                )}
              </Form.List>
              <Form.List name={['form', 'rules']}>
                {(items, { add, remove }) => (
                  <fieldset className="form-list">
                    <legend>{t('dir.rules')}</legend>
                    {items.map((item, i) => (
                      <Space key={item.key} align="start" wrap data-testid="form-rule">
                        <Form.Item name={[item.name, 'left']} label={t('dir.ruleLeft')} rules={[{ required: true }]}>
                          <select className="native-select" aria-label={`${t('dir.ruleLeft')} ${i + 1}`}>
                            <option value="" />
                            {fieldOptions.map((o) => (
                              <option key={o.value} value={o.value}>
                                {o.label}
                              </option>
                            ))}
                          </select>
                        </Form.Item>
                        <Form.Item name={[item.name, 'kind']} label=" ">
                          <select className="native-select" aria-label={`${t('dir.rules')} ${i + 1}`}>
                            {REPORT_RULE_KINDS.map((k) => (
                              <option key={k} value={k}>
                                {t(`dir.rule.${k}`)}
                              </option>
                            ))}
                          </select>
                        </Form.Item>
                        <Form.Item name={[item.name, 'right']} label={t('dir.ruleRight')} rules={[{ required: true }]}>
                          <Select
                            mode="multiple"
                            style={{ minWidth: 200 }}
                            options={fieldOptions}
                            aria-label={`${t('dir.ruleRight')} ${i + 1}`}
                          />
                        </Form.Item>
                        <Button type="link" onClick={() => remove(item.name)} style={{ marginTop: 30 }}>
                          {t('dir.remove')}
                        </Button>
                      </Space>
                    ))}
                    <Button className="form-list-add" onClick={() => add({ kind: 'lte', left: '', right: [] })}>
                      {t('dir.addRule')}
                    </Button>
                  </fieldset>
                )}
              </Form.List>
            </Card>
          )}
        </Form>
      </Drawer>
    </Card>
  );
}
