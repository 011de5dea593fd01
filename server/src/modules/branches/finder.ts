import {
  type Calendar,
  type ChannelView,
  createCalendar,
  findNextOpening,
  type HoursOptions,
  isOpenAt,
  type NearestAnswer,
  type Schedule,
  todayHours,
} from '@shouhu/common';
import { around, distance } from 'geokdbush';
import KDBush from 'kdbush';
import { sql } from 'kysely';
import type { Database, Db } from '../../db/database.ts';
import { type AdjustmentRow, type BranchRow, selectAdjustments, selectBranches, selectChannels, selectHolidayOverrides } from './repo.ts';

export const BRANCHES_CHANNEL = 'shouhu_branches';

/** Tells every server process that branch data changed; delivered when the transaction commits. */
export async function announceBranchChange(db: Db): Promise<void> {
  await sql`select pg_notify(${BRANCHES_CHANNEL}, '')`.execute(db);
}

interface Snapshot {
  branches: BranchRow[];
  schedules: Schedule[];
  index: KDBush;
  channelsByOrg: Map<string, ChannelView[]>;
  orgNames: Map<string, { nameZh: string; nameEn: string }>;
  hours: HoursOptions;
}

/**
 * The public finder's in-memory view: every branch in a kd-tree, with its hours, adjustments and
 * its institution's online channels. Rebuilt on every change notice (a few thousand branches take
 * milliseconds), so public reads never touch the database.
 */
export class BranchFinder {
  #snapshot: Snapshot | undefined;
  #reloading: Promise<void> | undefined;
  #again = false;

  async reload(db: Db): Promise<void> {
    // Coalesce bursts of notices: one reload at a time, one more if something changed meanwhile.
    if (this.#reloading) {
      this.#again = true;
      return this.#reloading;
    }
    this.#reloading = (async () => {
      do {
        this.#again = false;
        this.#snapshot = await loadSnapshot(db);
      } while (this.#again);
    })().finally(() => {
      this.#reloading = undefined;
    });
    return this.#reloading;
  }

  /**
   * Subscribes to change notices from every process and loads the first snapshot. A database
   * that is not migrated or not reachable yet leaves the finder empty, to be loaded on first use.
   */
  async start(database: Database, onError: (err: unknown) => void): Promise<() => Promise<void>> {
    this.#db = database.db;
    this.#onError = onError;
    const unsubscribe = await database
      .listen(BRANCHES_CHANNEL, () => void this.reload(database.db).catch(onError))
      .catch((err) => {
        onError(err);
        return async () => {};
      });
    await this.reload(database.db).catch(onError);
    return unsubscribe;
  }

  #db: Db | undefined;
  #onError: (err: unknown) => void = () => {};

  get size(): number {
    return this.#snapshot?.branches.length ?? 0;
  }

  findNearest(query: {
    lat: number;
    lng: number;
    service?: string;
    at: Date;
    limit: number;
    radiusKm: number;
    openOnly: boolean;
  }): NearestAnswer {
    const s = this.#snapshot;
    if (!s && this.#db && !this.#reloading) void this.reload(this.#db).catch(this.#onError);
    if (!s || s.branches.length === 0) return { items: [], channels: [] };
    const fits = (i: number) => {
      const b = s.branches[i] as BranchRow;
      if (query.service && !b.services.includes(query.service)) return false;
      return !query.openOnly || isOpenAt(s.schedules[i] as Schedule, query.at, s.hours);
    };
    const ids = around(s.index, query.lng, query.lat, query.limit, query.radiusKm, fits);
    const items = ids.map((i) => {
      const b = s.branches[i] as BranchRow;
      const schedule = s.schedules[i] as Schedule;
      const today = todayHours(schedule, query.at, s.hours);
      const next = findNextOpening(schedule, query.at, s.hours);
      const channels = (s.channelsByOrg.get(b.orgId) ?? []).filter((c) => !query.service || c.services.includes(query.service as never));
      return {
        id: b.id,
        orgId: b.orgId,
        institution: s.orgNames.get(b.orgId) ?? { nameZh: '', nameEn: '' },
        nameZh: b.nameZh,
        address: b.address,
        lat: b.lat,
        lng: b.lng,
        distanceKm: Math.round(distance(query.lng, query.lat, b.lng, b.lat) * 100) / 100,
        openNow: isOpenAt(schedule, query.at, s.hours),
        today: { intervals: today.intervals, reason: today.reason, note: today.note ?? null },
        nextOpening: next ? next.toISOString() : null,
        phone: b.phone,
        stepFree: b.stepFree,
        channels,
      };
    });
    // Nothing open near: offer every institution's online channels for the service.
    const channels =
      items.length > 0
        ? []
        : [...s.channelsByOrg.values()].flat().filter((c) => !query.service || c.services.includes(query.service as never));
    return { items, channels };
  }
}

function toSchedule(branch: BranchRow, adjustments: AdjustmentRow[]): Schedule {
  return {
    weekly: branch.weeklyHours,
    adjustments: adjustments.map((a) => ({
      from: a.fromDate,
      to: a.toDate,
      closed: a.closed,
      hours: a.hours ?? undefined,
      note: a.publicNote ?? undefined,
    })),
  };
}

async function loadSnapshot(db: Db): Promise<Snapshot> {
  const [branches, adjustments, channels, orgs, overrides] = await Promise.all([
    selectBranches(db, { orgId: null }),
    selectAdjustments(db, null),
    selectChannels(db, null),
    db.selectFrom('organizations').select(['id', 'nameZh', 'nameEn']).execute(),
    selectHolidayOverrides(db),
  ]);
  const byBranch = Map.groupBy(adjustments, (a) => a.branchId);
  const index = new KDBush(Math.max(1, branches.length));
  for (const b of branches) index.add(b.lng, b.lat);
  if (branches.length === 0) index.add(0, 0);
  index.finish();
  const calendar: Calendar = createCalendar(
    Object.fromEntries(overrides.map((o) => [o.date, { kind: o.kind, name: o.name ?? undefined }])),
  );
  return {
    branches,
    schedules: branches.map((b) => toSchedule(b, byBranch.get(b.id) ?? [])),
    index,
    channelsByOrg: Map.groupBy(channels as ChannelView[], (c) => c.orgId),
    orgNames: new Map(orgs.map((o) => [o.id, { nameZh: o.nameZh, nameEn: o.nameEn }])),
    hours: { calendar },
  };
}
