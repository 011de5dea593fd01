import { maskName, type TimelineEntry } from '@shouhu/common';
import type { Context } from '../context.ts';
import { decryptField } from '../pii/crypto.ts';

const ACTOR_KINDS = { user: 'staff', citizen: 'customer', token: 'integration' } as const;

/** Staff who acted in these events, by masked name and username (the name itself is personal data). */
export async function nameActors(ctx: Context, events: { actorType: string; actorId: string | null }[]): Promise<Map<string, string>> {
  const userIds = [...new Set(events.filter((e) => e.actorType === 'user' && e.actorId).map((e) => e.actorId as string))];
  if (userIds.length === 0) return new Map();
  const users = await ctx.db.selectFrom('users').select(['id', 'username', 'nameEnc']).where('id', 'in', userIds).execute();
  return new Map(users.map((u) => [u.id, `${maskName(decryptField(ctx.keys, u.nameEnc))}（${u.username}）`]));
}

/**
 * A record's history from its audit trail, oldest first: the steps that took effect (refusals
 * stay in the trail, not in the story), each with who took it. Staff are named by masked name
 * and username; the trail's facts are already masked.
 */
export async function listTimeline(ctx: Context, recordType: string, recordId: string): Promise<TimelineEntry[]> {
  const events = await ctx.db
    .selectFrom('auditEvents')
    .select(['occurredAt', 'action', 'actorType', 'actorId', 'summary'])
    .where('recordType', '=', recordType)
    .where('recordId', '=', recordId)
    .where('outcome', '=', 'success')
    .orderBy('occurredAt')
    .orderBy('seq')
    .limit(500)
    .execute();
  const names = await nameActors(ctx, events);
  return events.map((e) => ({
    at: new Date(e.occurredAt).toISOString(),
    action: e.action,
    actorKind: ACTOR_KINDS[e.actorType as keyof typeof ACTOR_KINDS] ?? 'system',
    actorName: e.actorType === 'user' ? (names.get(e.actorId ?? '') ?? null) : null,
    details: (typeof e.summary === 'string' ? JSON.parse(e.summary) : e.summary) as Record<string, unknown>,
  }));
}
