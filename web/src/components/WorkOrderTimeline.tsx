import {
  describeAuditAction,
  formatShanghaiTime,
  HOME_VISIT_STATUS_LABELS,
  type Items,
  type TimelineEntry,
  VIDEO_STATUS_LABELS,
} from '@shouhu/common';
import { useQuery } from '@tanstack/react-query';
import { Card, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

const OUTCOME_LABELS: Record<string, { zh: string; en: string }> = { ...HOME_VISIT_STATUS_LABELS, ...VIDEO_STATUS_LABELS };
const FIELD_KEYS = {
  name: 'timeline.field.name',
  mobile: 'timeline.field.mobile',
  compound: 'timeline.field.compound',
  address: 'timeline.field.address',
} as const;

/** The facts of a step worth reading (ids and codes left out), in the user's language. */
function describeDetails(details: Record<string, unknown>, t: TFunction, lang: 'zh' | 'en'): string[] {
  const lines: string[] = [];
  if (typeof details.staff === 'string') lines.push(t('timeline.staff', { name: details.staff }));
  if (typeof details.at === 'string') lines.push(t('timeline.at', { time: formatShanghaiTime(details.at) }));
  if (typeof details.outcome === 'string') lines.push(OUTCOME_LABELS[details.outcome]?.[lang] ?? details.outcome);
  if (details.early === true) lines.push(t('timeline.early'));
  if (typeof details.period === 'string') lines.push(t('timeline.period', { period: details.period }));
  if (details.late === true) lines.push(t('timeline.late'));
  if (typeof details.version === 'number' && details.version > 1) lines.push(t('timeline.version', { version: details.version }));
  if (typeof details.comment === 'string') lines.push(t('timeline.comment', { comment: details.comment }));
  if (typeof details.residentId === 'string') lines.push(t('timeline.residentId', { id: details.residentId }));
  if (typeof details.livenessPassed === 'boolean')
    lines.push(t(details.livenessPassed ? 'timeline.livenessPassed' : 'timeline.livenessFailed'));
  if (details.nameMatched === false) lines.push(t('timeline.nameMismatch'));
  const fields = Array.isArray(details.fields) ? details.fields : typeof details.field === 'string' ? [details.field] : [];
  if (fields.length > 0) {
    lines.push(
      t('timeline.fields', {
        fields: fields.map((f) => (f in FIELD_KEYS ? t(FIELD_KEYS[f as keyof typeof FIELD_KEYS]) : String(f))).join('、'),
      }),
    );
  }
  if (typeof details.reason === 'string' && fields.length > 0) lines.push(t('timeline.reason', { reason: details.reason }));
  return lines;
}

/** A work order's history, oldest first: when, what, who, and the step's facts. */
export function WorkOrderTimeline({ queryKey, load }: { queryKey: readonly unknown[]; load: () => Promise<Items<TimelineEntry>> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const entries = useQuery({ queryKey: [...queryKey, 'timeline'], queryFn: load });
  const who = (e: TimelineEntry) =>
    e.actorName ??
    (e.actorKind === 'customer'
      ? t('timeline.customer')
      : e.actorKind === 'integration'
        ? t('timeline.integration')
        : t('timeline.system'));
  return (
    <Card size="small" title={t('timeline.title')} loading={entries.isPending}>
      <Timeline
        items={(entries.data?.items ?? []).map((e) => ({
          children: (
            <>
              <Typography.Text strong>{describeAuditAction(e.action, lang)}</Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {formatShanghaiTime(e.at)} · {who(e)}
                </Typography.Text>
              </div>
              {describeDetails(e.details, t, lang).map((line) => (
                <div key={line}>{line}</div>
              ))}
            </>
          ),
        }))}
      />
    </Card>
  );
}
