import { compareText, type FormOversight, formatRate, formatYuan, type ReportingRates } from '@shouhu/common';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row, Space, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getReportForm, listFormOversight, OVERSIGHT_XLSX } from './api.ts';

type InstitutionRates = FormOversight['byInstitution'][number];

/** The numeric fields' totals of one form, named by their labels (amounts in yuan). */
function FieldTotals({ form }: { form: FormOversight }) {
  const { t } = useTranslation();
  const definition = useQuery({ queryKey: ['report-forms', form.formId], queryFn: () => getReportForm(form.formId) });
  const fields = definition.data?.fields.filter((f) => f.key in form.totals) ?? [];
  if (fields.length === 0) return null;
  return (
    <Card size="small" type="inner" title={t('ov.totals')} style={{ marginTop: 12 }}>
      <Row gutter={[16, 8]}>
        {fields.map((f) => (
          <Col xs={12} md={6} key={f.key}>
            <Statistic
              title={f.label}
              value={f.type === 'amount' ? formatYuan(form.totals[f.key] ?? 0) : (form.totals[f.key] ?? 0)}
              suffix={f.type === 'amount' ? t('rep.yuan') : undefined}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** For every directive with a form: how many reports were expected, came, came on time or late, are missing or returned, by institution. */
export function OversightPage() {
  const { t } = useTranslation();
  const forms = useQuery({ queryKey: ['oversight'], queryFn: listFormOversight });
  const rateColumns = (key: string) => [
    { title: t('ov.expected'), dataIndex: 'expected', sorter: (a: ReportingRates, b: ReportingRates) => a.expected - b.expected },
    { title: t('ov.received'), dataIndex: 'received', sorter: (a: ReportingRates, b: ReportingRates) => a.received - b.received },
    { title: t('ov.onTime'), dataIndex: 'onTime', responsive: ['md' as const] },
    { title: t('ov.late'), dataIndex: 'late', sorter: (a: ReportingRates, b: ReportingRates) => a.late - b.late },
    { title: t('ov.missing'), dataIndex: 'missing', sorter: (a: ReportingRates, b: ReportingRates) => a.missing - b.missing },
    { title: t('ov.returned'), dataIndex: 'returned', responsive: ['md' as const] },
    {
      title: t('ov.rate'),
      key: `${key}-rate`,
      sorter: (a: ReportingRates, b: ReportingRates) => a.received / (a.expected || 1) - b.received / (b.expected || 1),
      render: (_: unknown, r: ReportingRates) => formatRate(r.received, r.expected),
    },
    { title: t('ov.onTimeRate'), key: `${key}-ontime`, render: (_: unknown, r: ReportingRates) => formatRate(r.onTime, r.expected) },
  ];
  return (
    <Card
      title={t('ov.title')}
      loading={forms.isPending}
      extra={
        <Button href={OVERSIGHT_XLSX} download>
          {t('ov.export')}
        </Button>
      }
    >
      {forms.data?.items.length === 0 && <Empty description={t('ov.none')} />}
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {forms.data?.items.map((form) => (
          <Card
            key={form.formId}
            size="small"
            data-testid="oversight-form"
            title={
              <Link to={`/console/directives/${form.directiveId}`}>
                {form.documentNumber} {form.title}
              </Link>
            }
          >
            <Row gutter={[16, 8]} style={{ marginBottom: 12 }}>
              {(['expected', 'received', 'onTime', 'late', 'missing', 'returned'] as const).map((k) => (
                <Col xs={8} md={4} key={k}>
                  <Statistic title={t(`ov.${k}`)} value={form.total[k]} />
                </Col>
              ))}
              <Col xs={12} md={6}>
                <Statistic title={t('ov.rate')} value={formatRate(form.total.received, form.total.expected)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('ov.onTimeRate')} value={formatRate(form.total.onTime, form.total.expected)} />
              </Col>
            </Row>
            <Table<InstitutionRates>
              rowKey="orgId"
              size="small"
              // Nine columns: on a phone the table scrolls sideways instead of breaking names letter by letter.
              scroll={{ x: 760 }}
              dataSource={form.byInstitution}
              pagination={{ pageSize: 10, showTotal: (total) => t('ov.institutions', { count: total }) }}
              columns={[
                { title: t('dir.org'), dataIndex: 'orgName', sorter: (a, b) => compareText(a.orgName, b.orgName) },
                ...rateColumns(form.formId),
              ]}
            />
            <FieldTotals form={form} />
          </Card>
        ))}
      </Space>
    </Card>
  );
}
