import { describe, expect, it } from 'vitest';
import { isBookableSlot, listBookableSlots } from './cloud-branch.ts';

describe('cloud-branch booking slots', () => {
  const now = Date.parse('2022-04-15T01:10:00Z'); // 09:10 in Shanghai

  it('books half hours ahead within the week, nothing else', () => {
    expect(isBookableSlot('2022-04-15T01:30:00.000Z', now)).toBe(true);
    expect(isBookableSlot('2022-04-15T01:45:00.000Z', now)).toBe(false); // not on a half hour
    expect(isBookableSlot('2022-04-15T01:00:00.000Z', now)).toBe(false); // past
    expect(isBookableSlot('2022-04-23T01:00:00.000Z', now)).toBe(false); // beyond a week
  });

  it('offers the next slots of the working day in Shanghai, from half an hour on', () => {
    const slots = listBookableSlots(20, now);
    expect(slots[0]).toBe('2022-04-15T02:00:00.000Z'); // 10:00
    expect(slots.at(-1)).toBe('2022-04-15T08:30:00.000Z'); // 16:30, the last before 17:00
    expect(slots).toHaveLength(14);
  });
});
