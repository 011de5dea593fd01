import {
  BRANCH_SERVICES,
  type BranchService,
  type ChannelView,
  createCalendar,
  findNextOpening,
  type HoursOptions,
  hoursOn,
  isOpenMinute,
  openMinutesOn,
  type PublicChannel,
  type Schedule,
  toLocal,
  type WeeklyHours,
} from '@shouhu/common';
import type KDBush from 'kdbush';
import { sql } from 'kysely';
import type { Database, Db } from '../../db/database.ts';
import { loadCalendar } from '../calendar/service.ts';
import { selectOrganizations } from '../organizations/repo.ts';
import { buildNearestIndex, distanceTo, findNearestPositions } from './nearest.ts';
import { type AdjustmentRow, type FinderBranchRow, selectAdjustments, selectChannels, selectFinderBranches } from './repo.ts';
import { TextArena } from './text-arena.ts';

export const BRANCHES_CHANNEL = 'shouhu_branches';

/** What the finder keeps of a branch: the answer's fixed fields and its place. */
type FinderBranch = Omit<FinderBranchRow, 'weeklyHoursJson' | 'servicesJson'>;
/** A branch read for the finder, with its schedule and service bits. */
type Prepared = { branch: FinderBranch; schedule: Schedule; bits: number };

/** What changed, so that each process reloads no more than that ('channels': institutions' channels or names). */
export type BranchChange = { branchIds: string[] } | 'channels' | 'calendar' | 'all';

// A notice's payload is limited to 8,000 bytes: a long list of branches becomes "all".
const MAX_IDS_IN_NOTICE = 200;

/** Tells every server process that branch data changed; delivered when the transaction commits. */
export async function announceBranchChange(db: Db, change: BranchChange): Promise<void> {
  const payload =
    typeof change === 'string' ? change : change.branchIds.length > MAX_IDS_IN_NOTICE ? 'all' : `branches:${change.branchIds.join(',')}`;
  await sql`select pg_notify(${BRANCHES_CHANNEL}, ${payload})`.execute(db);
}

function parseChange(payload: string): BranchChange {
  if (payload.startsWith('branches:')) return { branchIds: payload.slice('branches:'.length).split(',').filter(Boolean) };
  return payload === 'channels' || payload === 'calendar' ? payload : 'all';
}

// Open ranges kept inline per branch and day; a branch with more that day keeps them aside.
const INLINE = 6;

/**
 * Every branch's open minutes and "today" part on one local date, each computed when first asked.
 * Typed arrays: the open-now check of a query's candidates reads no objects.
 */
class DayTable {
  /** [from, to) minute pairs, INLINE values per branch, -1 after the last; -2: see `spilled`. */
  readonly ranges: Int16Array;
  readonly computed: Uint8Array;
  readonly spilled = new Map<number, number[]>();
  /** `"today":{…},"distanceKm":` of the answer, encoded once. */
  readonly todayJson: (Buffer | undefined)[];

  readonly capacity: number;
  /** Per minute of the day, the branches open then (see BranchFinder.#openAt); cleared when any branch's hours change. */
  readonly openSets = new Map<number, OpenSet>();
  /** A day's hours per schedule: branches without adjustments share their schedule, so most are computed once. */
  readonly bySchedule = new WeakMap<Schedule, { openMinutes: number[]; todayJson: Buffer }>();
  /**
   * Per minute, the next opening per schedule (epoch ms, null: none within the search's reach),
   * with the end of a closed entry that says it, encoded once.
   */
  readonly nextOpenings = new Map<number, WeakMap<Schedule, { at: number | null; end: Buffer }>>();

  constructor(capacity: number) {
    this.capacity = capacity;
    this.ranges = new Int16Array(capacity * INLINE);
    this.computed = new Uint8Array(capacity);
    this.todayJson = new Array(capacity).fill(undefined);
  }

  set(i: number, openMinutes: number[], todayJson: Buffer) {
    const base = i * INLINE;
    if (openMinutes.length > INLINE) {
      this.ranges[base] = -2;
      this.spilled.set(i, openMinutes);
    } else {
      this.ranges.set(openMinutes, base);
      if (openMinutes.length < INLINE) this.ranges[base + openMinutes.length] = -1;
    }
    this.todayJson[i] = todayJson;
    this.computed[i] = 1;
  }

  /** Branch i's hours changed: computed again when next asked, and the minutes' open sets with them. */
  forget(i: number) {
    this.computed[i] = 0;
    this.openSets.clear();
  }

  /** The same day for branches in a new order; `from[k]`: branch k's previous position, -1 to compute afresh. */
  rearrange(from: Int32Array): DayTable {
    const next = new DayTable(from.length);
    for (let k = 0; k < from.length; k++) {
      const f = from[k] as number;
      if (f < 0 || this.computed[f] !== 1) continue;
      for (let r = 0; r < INLINE; r++) next.ranges[k * INLINE + r] = this.ranges[f * INLINE + r] as number;
      const spilled = this.spilled.get(f);
      if (spilled) next.spilled.set(k, spilled);
      next.todayJson[k] = this.todayJson[f];
      next.computed[k] = 1;
    }
    return next;
  }

  isOpen(i: number, minute: number): boolean {
    const r = this.ranges;
    const base = i * INLINE;
    if (r[base] === -2) return isOpenMinute(this.spilled.get(i) as number[], minute);
    for (let k = base; k < base + INLINE; k += 2) {
      const from = r[k] as number;
      if (from === -1) return false;
      if (minute >= from && minute < (r[k + 1] as number)) return true;
    }
    return false;
  }
}

// The finder asks about one or two dates at a time (today, a chosen day): keep a few.
const DAYS_KEPT = 4;
// Minutes of a day whose open sets are kept: the current one, and a few asked about.
const MINUTES_KEPT = 16;
// Open branches are searched in a tree of their own when at most one in this many is open.
const SPARSE_SHARE = 8;
// When nothing is open near, the nearest this many are weighed for the one opening soonest, and so many listed.
const LATER_CANDIDATES = 20;
const LATER_LISTED = 3;

/**
 * The branches open at one minute: 'dense' when many are (the whole tree, filtered by the
 * open-now check, finds them soonest), else a tree of their own, `positions[k]` the position in
 * the finder's tree of the small tree's point k.
 */
type OpenSet = 'dense' | { tree: KDBush; positions: Int32Array };

/**
 * The public finder's in-memory view: every branch in a kd-tree, with its hours, adjustments and
 * its institution's online channels, so public reads never touch the database. A change notice
 * reloads only what changed (a branch's row and adjustments; the tree is rebuilt from memory when
 * a branch moves or appears), so a change shows within milliseconds even with 200,000 branches.
 * Open minutes are computed once per branch and day, when first asked.
 */
export class BranchFinder {
  // Per branch, in the tree's order (see #arrange).
  #branches: FinderBranch[] = [];
  #schedules: Schedule[] = [];
  #serviceBits = new Uint16Array(0);
  #branchesById = new Map<string, FinderBranch>();
  // One copy of each institution id, week's hours, list of services and day's "today" part, which
  // 200,000 branches share a few dozen of (with every column and its own copy of its hours per branch, the finder
  // held 385 MB at 200,000; now 93 MB).
  #shared = new Map<string, unknown>();
  #index: KDBush | undefined;
  #channelsByOrg = new Map<string, ChannelView[]>();
  #orgNames = new Map<string, { nameZh: string; nameEn: string }>();
  #hours: HoursOptions = { calendar: createCalendar() };
  #days = new Map<string, DayTable>();
  #fragments = new TextArena(0);

  #queue: Promise<void> = Promise.resolve();
  #pending: BranchChange[] = [];
  #loaded = false;
  #db: Db | undefined;
  #onError: (err: unknown) => void = () => {};

  /** Applies a change; changes arriving meanwhile are merged into one more pass. */
  apply(db: Db, change: BranchChange): Promise<void> {
    this.#pending.push(change);
    this.#queue = this.#queue.then(async () => {
      const changes = this.#pending.splice(0);
      if (changes.length === 0) return;
      await this.#applyAll(db, changes);
    });
    return this.#queue;
  }

  async #applyAll(db: Db, changes: BranchChange[]): Promise<void> {
    if (!this.#loaded || changes.includes('all')) {
      await this.#loadAll(db);
      return;
    }
    if (changes.includes('calendar')) await this.#loadCalendar(db);
    if (changes.includes('channels')) await this.#loadOrganizations(db);
    const ids = [...new Set(changes.flatMap((c) => (typeof c === 'object' ? c.branchIds : [])))];
    if (ids.length > 0) await this.#loadBranches(db, ids);
  }

  async #loadAll(db: Db): Promise<void> {
    const [rows, adjustments] = await Promise.all([selectFinderBranches(db), selectAdjustments(db, null)]);
    await Promise.all([this.#loadOrganizations(db), this.#loadCalendar(db)]);
    const byBranch = Map.groupBy(adjustments, (a) => a.branchId);
    this.#days.clear();
    this.#shared.clear();
    const prepared = rows.map((row) => this.#prepare(row, byBranch.get(row.id) ?? []));
    this.#branchesById = new Map(prepared.map(({ branch }) => [branch.id, branch]));
    this.#arrange([], prepared);
    this.#loaded = true;
  }

  async #loadBranches(db: Db, ids: string[]): Promise<void> {
    this.#streetCentres = undefined;
    const [rows, adjustments] = await Promise.all([selectFinderBranches(db, ids), selectAdjustments(db, ids)]);
    const byBranch = Map.groupBy(adjustments, (a) => a.branchId);
    const found = new Map(rows.map((row) => [row.id, this.#prepare(row, byBranch.get(row.id) ?? [])]));
    let moved = false;
    for (const id of ids) {
      const next = found.get(id);
      const before = this.#branchesById.get(id);
      if (!next || !before || before.lat !== next.branch.lat || before.lng !== next.branch.lng) {
        moved ||= next !== undefined || before !== undefined;
        continue;
      }
      // Same place: the branch keeps its position in the tree.
      const i = this.#positionOf(before);
      this.#branchesById.set(id, next.branch);
      this.#branches[i] = next.branch;
      this.#schedules[i] = next.schedule;
      this.#serviceBits[i] = next.bits;
      this.#fragments.forget(i);
      for (const day of this.#days.values()) day.forget(i);
    }
    if (!moved) return;
    // A branch appeared, moved or went: KDBush is static, so the tree is rebuilt, the others'
    // places taken from the tree itself and what was computed for them kept.
    const gone = new Uint8Array(this.#branches.length);
    for (const id of ids) {
      const before = this.#branchesById.get(id);
      if (before) gone[this.#positionOf(before)] = 1;
      this.#branchesById.delete(id);
    }
    const kept: number[] = [];
    for (let i = 0; i < gone.length; i++) if (gone[i] === 0) kept.push(i);
    for (const { branch } of found.values()) this.#branchesById.set(branch.id, branch);
    this.#arrange(kept, [...found.values()]);
  }

  /** A branch as the finder keeps it: what equals another branch's is shared (see #shared). */
  #prepare(row: FinderBranchRow, adjustments: AdjustmentRow[]): Prepared {
    const { weeklyHoursJson, servicesJson, ...branch } = row;
    branch.orgId = this.#share(`org:${row.orgId}`, () => row.orgId);
    const weekly = this.#share(`hours:${weeklyHoursJson}`, () => JSON.parse(weeklyHoursJson) as WeeklyHours);
    const bits = this.#share(`services:${servicesJson}`, () => toServiceBits(JSON.parse(servicesJson) as string[]));
    const schedule: Schedule =
      adjustments.length === 0 ? this.#share(`schedule:${weeklyHoursJson}`, () => ({ weekly })) : toSchedule(weekly, adjustments);
    return { branch, schedule, bits };
  }

  #share<T>(key: string, make: () => T): T {
    let value = this.#shared.get(key) as T | undefined;
    if (value === undefined) {
      value = make();
      this.#shared.set(key, value);
    }
    return value;
  }

  /** Where a branch sits in the tree: found by its place, so that no map of positions is kept. */
  #positionOf(row: FinderBranch): number {
    const branches = this.#branches;
    const [position] = findNearestPositions(this.#index as KDBush, row.lng, row.lat, 1, 0.001, (k) => branches[k]?.id === row.id);
    if (position === undefined) throw new Error(`branch ${row.id} is not in the finder's tree`);
    return position;
  }

  /**
   * Builds the tree and puts every per-branch array in the tree's order: the branches near a
   * query sit side by side in memory, so its candidates cost a few cache lines, not one each.
   * The tree holds the `kept` positions of the current tree, with all that was computed for them,
   * then the `added` ones. Plain loops over typed arrays, no row read for a kept branch: at 200,000
   * branches a moved branch shows in tens of milliseconds (docs/BENCHMARKS.md).
   */
  #arrange(kept: readonly number[], added: Prepared[]): void {
    this.#streetCentres = undefined;
    const places = added.map(({ branch }) => branch);
    const index = buildNearestIndex(places, kept.length > 0 ? { index: this.#index as KDBush, positions: kept } : undefined);
    const n = kept.length + added.length;
    const branches = new Array<FinderBranch>(n);
    const ordered = new Array<Schedule>(n);
    const previous = new Int32Array(n);
    const bits = new Uint16Array(n);
    for (let k = 0; k < n; k++) {
      const j = index.ids[k] as number;
      const f = j < kept.length ? (kept[j] as number) : -1;
      previous[k] = f;
      if (f >= 0) {
        branches[k] = this.#branches[f] as FinderBranch;
        ordered[k] = this.#schedules[f] as Schedule;
        bits[k] = this.#serviceBits[f] as number;
      } else {
        const { branch, schedule, bits: serviceBits } = added[j - kept.length] as Prepared;
        branches[k] = branch;
        ordered[k] = schedule;
        bits[k] = serviceBits;
      }
    }
    this.#index = index;
    this.#branches = branches;
    this.#schedules = ordered;
    this.#serviceBits = bits;
    this.#fragments = kept.length > 0 ? this.#fragments.rearrange(previous) : new TextArena(n);
    for (const [date, day] of this.#days) this.#days.set(date, day.rearrange(previous));
  }

  async #loadOrganizations(db: Db): Promise<void> {
    const [channels, orgs] = await Promise.all([selectChannels(db, null), selectOrganizations(db, {})]);
    this.#channelsByOrg = Map.groupBy(channels as ChannelView[], (c) => c.orgId);
    this.#orgNames = new Map(orgs.map((o) => [o.id, { nameZh: o.nameZh, nameEn: o.nameEn }]));
    this.#allChannels.clear();
    this.#fragments.clear();
  }

  async #loadCalendar(db: Db): Promise<void> {
    this.#hours = { calendar: await loadCalendar(db) };
    this.#lastLocal.from = Number.NaN;
    this.#days.clear();
  }

  /**
   * Subscribes to change notices from every process and loads everything. A database that is
   * not migrated or not reachable yet leaves the finder empty, to be loaded on first use.
   */
  async start(database: Database, onError: (err: unknown) => void): Promise<() => Promise<void>> {
    this.#db = database.db;
    this.#onError = onError;
    const unsubscribe = await database
      .listen(
        BRANCHES_CHANNEL,
        (payload) => void this.apply(database.db, parseChange(payload)).catch(onError),
        // Back after a lost connection: changes may have been missed, so everything is read again.
        () => void this.apply(database.db, 'all').catch(onError),
      )
      .catch((err) => {
        onError(err);
        return async () => {};
      });
    await this.apply(database.db, 'all').catch(onError);
    return unsubscribe;
  }

  #streetCentres: Map<string, { lat: number; lng: number }> | undefined;

  /**
   * Where to search from for someone who names their street: the middle of its branches (the
   * division data has no coordinates below the district), or undefined when it has none.
   */
  locateStreet(streetCode: string): { lat: number; lng: number } | undefined {
    if (!this.#streetCentres) {
      const sums = new Map<string, { lat: number; lng: number; n: number }>();
      for (const b of this.#branches) {
        const sum = sums.get(b.streetCode) ?? { lat: 0, lng: 0, n: 0 };
        sum.lat += b.lat;
        sum.lng += b.lng;
        sum.n++;
        sums.set(b.streetCode, sum);
      }
      this.#streetCentres = new Map([...sums].map(([code, s]) => [code, { lat: s.lat / s.n, lng: s.lng / s.n }]));
    }
    return this.#streetCentres.get(streetCode);
  }

  get size(): number {
    return this.#branchesById.size;
  }

  /** The day's table of hours, made when first asked. */
  #dayTable(date: string): DayTable {
    let day = this.#days.get(date);
    if (!day) {
      if (this.#days.size >= DAYS_KEPT) this.#days.delete(this.#days.keys().next().value as string);
      day = new DayTable(this.#branches.length);
      this.#days.set(date, day);
    }
    return day;
  }

  #lastLocal = { from: Number.NaN, date: '', minute: 0 };

  /** The local date and minute of an instant; queries mostly ask about the current minute. */
  #toLocal(at: Date): { date: string; minute: number } {
    const from = at.getTime() - (at.getTime() % 60_000);
    if (from !== this.#lastLocal.from) this.#lastLocal = { from, ...toLocal(at, this.#hours.timeZone) };
    return this.#lastLocal;
  }

  /** Branch i's hours on the table's date, computed on first use. */
  #fillDay(day: DayTable, i: number, date: string): void {
    if (day.computed[i] === 1) return;
    const schedule = this.#schedules[i] as Schedule;
    let hours = day.bySchedule.get(schedule);
    if (!hours) {
      const on = hoursOn(schedule, date, this.#hours);
      // Up to the distance, which follows: one copy less per entry.
      const today = `"today":${JSON.stringify({ intervals: on.intervals, reason: on.reason, note: on.note ?? null })},"distanceKm":`;
      // Most branches share their day's hours: one buffer for each distinct text, few in all, so
      // they stay in cache.
      hours = {
        openMinutes: openMinutesOn(schedule, date, this.#hours),
        todayJson: this.#share(`today:${today}`, () => Buffer.from(today)),
      };
      day.bySchedule.set(schedule, hours);
    }
    day.set(i, hours.openMinutes, hours.todayJson);
  }

  /**
   * The branches open at a minute of the table's date, made on the minute's first query. At night
   * or on a holiday few are, and a search for open ones then walks those alone, instead of every
   * branch within the radius only to find none open (a fifth of `/healthz`'s rate, p99 101 ms at
   * 200,000 branches before; docs/BENCHMARKS.md).
   */
  #openAt(day: DayTable, date: string, minute: number): OpenSet {
    const known = day.openSets.get(minute);
    if (known) return known;
    const n = this.#branches.length;
    const open: number[] = [];
    for (let i = 0; i < n; i++) {
      this.#fillDay(day, i, date);
      if (day.isOpen(i, minute)) open.push(i);
    }
    const set: OpenSet =
      open.length * SPARSE_SHARE > n
        ? 'dense'
        : { tree: buildNearestIndex([], { index: this.#index as KDBush, positions: open }), positions: Int32Array.from(open) };
    if (day.openSets.size >= MINUTES_KEPT) day.openSets.delete(day.openSets.keys().next().value as number);
    day.openSets.set(minute, set);
    return set;
  }

  /** The parts of branch i's entry in the answer that do not depend on the query, encoded once. */
  #fillFragment(i: number): void {
    if (this.#fragments.has(i)) return;
    const b = this.#branches[i] as FinderBranch;
    const fixed = {
      id: b.id,
      orgId: b.orgId,
      institution: this.#orgNames.get(b.orgId) ?? { nameZh: '', nameEn: '' },
      nameZh: b.nameZh,
      address: b.address,
      lat: b.lat,
      lng: b.lng,
      phone: b.phone,
      stepFree: b.stepFree,
    };
    this.#fragments.set(i, `${JSON.stringify(fixed).slice(0, -1)},`);
  }

  /**
   * The nearest branches as the JSON of NearestAnswer, assembled from parts encoded once per
   * branch and day: most of an answer is the same text for every query, and serialising and
   * encoding it per request cost more than the search.
   */
  findNearest(query: {
    lat: number;
    lng: number;
    service?: BranchService;
    at: Date;
    limit: number;
    radiusKm: number;
    openOnly: boolean;
  }): Buffer {
    if (!this.#loaded && this.#db) void this.apply(this.#db, 'all').catch(this.#onError);
    const index = this.#index;
    if (!index || this.#branches.length === 0) return Buffer.from('{"items":[],"later":[],"channels":[]}');
    const { date, minute } = this.#toLocal(query.at);
    const bit = query.service ? serviceBit(query.service) : 0;
    const day = this.#dayTable(date);
    const serviceBits = this.#serviceBits;
    const offers = (i: number) => ((serviceBits[i] as number) & bit) === bit;
    const open = query.openOnly ? this.#openAt(day, date, minute) : 'dense';
    let positions: number[];
    if (open === 'dense') {
      const fits = (i: number) => {
        if (!offers(i)) return false;
        if (!query.openOnly) return true;
        this.#fillDay(day, i, date);
        return day.isOpen(i, minute);
      };
      positions = findNearestPositions(index, query.lng, query.lat, query.limit, query.radiusKm, fits);
    } else {
      const { tree, positions: inFinder } = open;
      const toFinder = (k: number) => inFinder[tree.ids[k] as number] as number;
      positions = findNearestPositions(
        tree,
        query.lng,
        query.lat,
        query.limit,
        query.radiusKm,
        (k) => k < inFinder.length && offers(toFinder(k)),
      ).map(toFinder);
    }
    // Nothing open near: the branches near that open soonest, so the answer can say when and where.
    const later = query.openOnly && positions.length === 0 ? this.#findLater(index, day, minute, query, offers) : [];
    return this.#encodeAnswer(positions, later, day, date, minute, query);
  }

  /** Of the nearest branches offering the service, those opening soonest (nearer first at the same time). */
  #findLater(
    index: KDBush,
    day: DayTable,
    minute: number,
    query: { lat: number; lng: number; at: Date; radiusKm: number },
    offers: (i: number) => boolean,
  ): number[] {
    const near = findNearestPositions(index, query.lng, query.lat, LATER_CANDIDATES, query.radiusKm, offers);
    const opening = near
      .map((i, order) => ({ i, order, at: this.#nextOpening(day, minute, i, query.at).at }))
      .filter((c): c is { i: number; order: number; at: number } => c.at !== null);
    opening.sort((a, b) => a.at - b.at || a.order - b.order);
    return opening.slice(0, LATER_LISTED).map((c) => c.i);
  }

  /** The answer's JSON: each entry from parts encoded once and copied; `later` listed apart. */
  #encodeAnswer(
    positions: number[],
    later: number[],
    day: DayTable,
    date: string,
    minute: number,
    query: { lat: number; lng: number; service?: BranchService; at: Date },
  ): Buffer {
    // Each entry: its fixed part and its day's part, encoded once, then what varies, written
    // byte by byte into the answer (a string per entry, then encoded, cost a third of the assembly).
    const count = positions.length;
    const all = later.length === 0 ? positions : [...positions, ...later];
    if (this.#hundredths.length < all.length) this.#hundredths = new Int32Array(all.length);
    // Per entry of a closed branch, the end of its entry with the next opening; no entry: open now.
    // Made only when an answer lists a closed branch: none do when only open ones are asked for.
    let closedEnds: Buffer[] | undefined;
    // The answer's exact length, so that it is written into a buffer of just that size.
    let length = HEAD.length + LATER.length + FOOT.length + 1 + (count > 0 ? -1 : 0) + (later.length > 0 ? -1 : 0);
    const closedOrgs = new Set<string>();
    for (let k = 0; k < all.length; k++) {
      const i = all[k] as number;
      const end = this.#measureEntry(k, i, day, date, minute, query);
      if (end !== undefined) {
        if (k < count) closedOrgs.add((this.#branches[i] as FinderBranch).orgId);
        closedEnds ??= [];
        closedEnds[k] = end;
      }
      length +=
        (this.#fragments.length[i] as number) +
        (day.todayJson[i] as Buffer).length +
        measureHundredths(this.#hundredths[k] as number) +
        (end === undefined ? OPEN_END.length : end.length);
    }
    // Online channels where a listed branch is closed; every institution's when nothing is open near.
    const channelsJson = count > 0 ? this.#encodeChannels([...closedOrgs], query.service) : this.#encodeAllChannels(query.service);
    length += channelsJson.length;
    const out = this.#allocateAnswer(length);
    let at = out.write(HEAD, 0, 'latin1');
    for (let k = 0; k < all.length; k++) {
      if (k === count) {
        if (count > 0) at--; // the last item's comma
        at += out.write(LATER, at, 'latin1');
      }
      at = this.#writeEntry(out, at, k, all[k] as number, day, closedEnds?.[k]);
    }
    if (later.length === 0) {
      if (count > 0) at--;
      at += out.write(LATER, at, 'latin1');
    } else at--;
    at += out.write(FOOT, at, 'latin1');
    at += channelsJson.copy(out, at);
    at += out.write('}', at, 'latin1');
    // Buffer writes stop silently at the end: a miscount must fail the request, never send a cut answer.
    if (at !== length) throw new Error(`finder answer of ${at} bytes where ${length} were counted`);
    return out;
  }

  /** Prepares entry k (branch i): its distance kept, and the end of its entry when closed (undefined: open). */
  #measureEntry(k: number, i: number, day: DayTable, date: string, minute: number, query: { lat: number; lng: number; at: Date }) {
    this.#fillDay(day, i, date);
    this.#fillFragment(i);
    this.#hundredths[k] = Math.round(distanceTo(this.#index as KDBush, i, query.lng, query.lat) * 100);
    if (day.isOpen(i, minute)) return undefined;
    return this.#nextOpening(day, minute, i, query.at).end;
  }

  /**
   * When branch i next opens after `at` (within the table's minute), epoch ms or null. Branches
   * sharing a schedule share the answer: at night every answer lists closed branches, and most
   * have the same weekly hours.
   */
  #nextOpening(day: DayTable, minute: number, i: number, at: Date): { at: number | null; end: Buffer } {
    let known = day.nextOpenings.get(minute);
    if (!known) {
      if (day.nextOpenings.size >= MINUTES_KEPT) day.nextOpenings.delete(day.nextOpenings.keys().next().value as number);
      known = new WeakMap();
      day.nextOpenings.set(minute, known);
    }
    const schedule = this.#schedules[i] as Schedule;
    let next = known.get(schedule);
    if (next === undefined) {
      const opens = findNextOpening(schedule, at, this.#hours);
      const end = `,"openNow":false,"nextOpening":${opens ? `"${opens.toISOString()}"` : 'null'}},`;
      next = { at: opens?.getTime() ?? null, end: Buffer.from(end, 'latin1') };
      known.set(schedule, next);
    }
    return next;
  }

  #writeEntry(out: Buffer, at: number, k: number, i: number, day: DayTable, closedEnd: Buffer | undefined): number {
    at += this.#fragments.copy(i, out, at);
    const today = day.todayJson[i] as Buffer;
    out.set(today, at);
    at = writeHundredths(out, at + today.length, this.#hundredths[k] as number);
    if (closedEnd === undefined) {
      out.set(OPEN_END, at);
      return at + OPEN_END.length;
    }
    out.set(closedEnd, at);
    return at + closedEnd.length;
  }

  #encodeChannels(orgIds: string[], service: BranchService | undefined): Buffer {
    const channels = orgIds.flatMap((orgId) => this.#channelsOf(orgId, service));
    return Buffer.from(JSON.stringify(channels));
  }

  // Every institution's channels per service, as the answer of a query with nothing open near
  // (every query at night) sends them: encoded once until the channels change.
  #allChannels = new Map<string, Buffer>();

  #encodeAllChannels(service: BranchService | undefined): Buffer {
    let json = this.#allChannels.get(service ?? '');
    if (!json) {
      json = this.#encodeChannels([...this.#channelsByOrg.keys()], service);
      this.#allChannels.set(service ?? '', json);
    }
    return json;
  }

  // Answers are cut from slabs, as Node does for buffers under 4 KB: an answer (5 KB) in an
  // ArrayBuffer of its own is memory outside the heap that made V8 run full collections of the
  // finder's heap, at times a quarter of a tight loop's time (docs/BENCHMARKS.md). A slab's bytes
  // are never written twice: an answer still being sent keeps its part.
  #slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
  #slabUsed = 0;
  #hundredths = new Int32Array(64);

  #allocateAnswer(length: number): Buffer {
    if (length > SLAB_SIZE / 4) return Buffer.allocUnsafe(length);
    if (this.#slabUsed + length > SLAB_SIZE) {
      this.#slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
      this.#slabUsed = 0;
    }
    const out = this.#slab.subarray(this.#slabUsed, this.#slabUsed + length);
    this.#slabUsed += (length + 7) & ~7;
    return out;
  }

  #channelsOf(orgId: string, service: BranchService | undefined): PublicChannel[] {
    return (this.#channelsByOrg.get(orgId) ?? [])
      .filter((c) => !service || c.services.includes(service))
      .map((c) => ({ orgId: c.orgId, kind: c.kind, name: c.name, address: c.address }));
  }
}

// What varies in an entry: its distance, whether open and the next opening (ASCII).
const OPEN_END = Buffer.from(',"openNow":true,"nextOpening":null},');

/** The length of hundredths as writeHundredths writes them. */
export function measureHundredths(value: number): number {
  const whole = Math.floor(value / 100);
  const fraction = value - whole * 100;
  let digits = 1;
  for (let rest = whole; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  return fraction === 0 ? digits : fraction % 10 === 0 ? digits + 2 : digits + 3;
}

/** Writes hundredths as a JSON number, as JavaScript prints it (1234 → 12.34, 150 → 1.5, 7 → 0.07); the next offset. */
export function writeHundredths(out: Buffer, at: number, value: number): number {
  const whole = Math.floor(value / 100);
  const fraction = value - whole * 100;
  let digits = 1;
  for (let rest = whole; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  for (let p = at + digits - 1, rest = whole; p >= at; p--, rest = Math.floor(rest / 10)) out[p] = 48 + (rest % 10);
  at += digits;
  if (fraction === 0) return at;
  out[at++] = 46;
  out[at++] = 48 + Math.floor(fraction / 10);
  if (fraction % 10 !== 0) out[at++] = 48 + (fraction % 10);
  return at;
}

const SLAB_SIZE = 256 * 1024;
const HEAD = '{"items":[';
const LATER = '],"later":[';
const FOOT = '],"channels":';

const serviceBit = (service: string) => 1 << BRANCH_SERVICES.indexOf(service as BranchService);
const toServiceBits = (services: readonly string[]) => services.reduce((bits, s) => bits | serviceBit(s), 0);

function toSchedule(weekly: WeeklyHours, adjustments: AdjustmentRow[]): Schedule {
  return {
    weekly,
    adjustments: adjustments.map((a) => ({
      from: a.fromDate,
      to: a.toDate,
      closed: a.closed,
      hours: a.hours ?? undefined,
      note: a.publicNote ?? undefined,
    })),
  };
}
