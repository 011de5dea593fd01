import type { StaffingFallback, StaffingState } from '@shouhu/common';
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

/** Someone a plan names, with a mark when a zone keeps them in that day. */
export function useNamePerson() {
  const { t } = useTranslation();
  return (p: { name: string; lockedIn: boolean }) => (p.lockedIn ? `${p.name}（${t('board.lockedIn')}）` : p.name);
}
