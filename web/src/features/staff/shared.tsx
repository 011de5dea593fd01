import type { StaffingFallback, StaffingPlanView, StaffingState } from '@shouhu/common';
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

/** Dark enough for white text to pass contrast: green, amber, red. */
export const STATE_COLOURS: Record<StaffingState, string> = { enough: '#1f6f3f', covered: '#8a5a00', short: '#9f1d20' };

/** A plan's fallback in words: closed, or open only some hours. */
export function useDescribeFallback() {
  const { t } = useTranslation();
  return (f: StaffingFallback) =>
    f.kind === 'closed'
      ? t('board.fallbackClosed')
      : t('board.fallbackHours', { hours: (f.hours ?? []).map((h) => `${h.open}–${h.close}`).join('、') });
}

type Named = StaffingPlanView['substitutePool'][number];

/**
 * A plan's people in words, as the plan drawer and the board show them: someone named with a mark
 * when a zone keeps them in, a key post with its A and B, a duty list with its shifts.
 */
export function useDescribePeople() {
  const { t } = useTranslation();
  const person = (p: Pick<Named, 'name' | 'lockedIn'>) => (p.lockedIn ? `${p.name}（${t('board.lockedIn')}）` : p.name);
  return {
    person,
    keyPost: (k: StaffingPlanView['keyPosts'][number], postName: string) =>
      t('board.keyPostPlan', { post: postName, a: person(k.holderA), b: person(k.holderB) }),
    duty: (shifts: StaffingPlanView['duty']) =>
      t('board.dutyPlan', { shifts: shifts.map((d) => `${person(d)} ${d.from}–${d.to}`).join('、') }),
  };
}

/** The date a staffing page is for. */
export function DayPicker({ value, onChange }: { value: string; onChange: (day: string) => void }) {
  const { t } = useTranslation();
  return (
    <DatePicker
      aria-label={t('staff.on')}
      allowClear={false}
      value={dayjs(value)}
      onChange={(d) => d && onChange(d.format('YYYY-MM-DD'))}
    />
  );
}
