import type { QueuePlace } from '@shouhu/common';
import { sql } from 'kysely';
import type { Database, Db } from '../../db/database.ts';
import { selectActiveQueues, selectQueuePace, selectWaiting } from './repo.ts';

export const QUEUE_CHANNEL = 'shouhu_queue';

const keyOf = (orgId: string, service: string) => `${orgId}|${service}`;

/** Tells every server process that a queue changed (and which place, if one left the line); sent on commit. */
export async function announceQueueChange(db: Db, orgId: string, service: string, sessionId = ''): Promise<void> {
  await sql`select pg_notify(${QUEUE_CHANNEL}, ${`${keyOf(orgId, service)}|${sessionId}`})`.execute(db);
}

interface Subscriber {
  sessionId: string;
  /** The parts of the place that do not change while waiting. */
  base: Omit<QueuePlace, 'position' | 'waitMinutes' | 'status' | 'roomUrl'>;
  send: (place: QueuePlace) => void;
  last?: string;
}

interface Line {
  positions: Map<string, number>;
  minutesEach: number;
  agents: number;
}

/**
 * The live positions of every queue, in each server process: the waiting line of a queue is
 * reloaded from the database (the truth) when a change notice for it arrives, and each customer
 * following their place (server-sent events) gets their new position and wait when it changed.
 * A customer no longer in the line (taken by an agent, closed) gets their place from the database.
 */
export class QueueHub {
  #lines = new Map<string, Line>();
  #subscribers = new Map<string, Set<Subscriber>>();
  #reloading = new Map<string, Promise<void>>();
  #again = new Map<string, string[]>();
  #db: Db | undefined;
  readonly #placeOf: (db: Db, sessionId: string) => Promise<QueuePlace | undefined>;

  constructor(placeOf: (db: Db, sessionId: string) => Promise<QueuePlace | undefined>) {
    this.#placeOf = placeOf;
  }

  async start(database: Database, onError: (err: unknown) => void): Promise<() => Promise<void>> {
    this.#db = database.db;
    const unsubscribe = await database
      .listen(
        QUEUE_CHANNEL,
        (payload) => {
          const [orgId = '', service = '', sessionId = ''] = payload.split('|');
          void this.reload(orgId, service, sessionId).catch(onError);
        },
        // Back after a lost connection: every line is read again, changes may have been missed.
        () => void this.#reloadAll(database.db).catch(onError),
      )
      .catch((err) => {
        onError(err);
        return async () => {};
      });
    try {
      await this.#reloadAll(database.db);
    } catch (err) {
      onError(err); // not migrated yet: lines load on their first change
    }
    return unsubscribe;
  }

  /** Every line with someone waiting, and every line this process follows (it may have emptied). */
  async #reloadAll(db: Db): Promise<void> {
    const keys = new Set([...(await selectActiveQueues(db)).map((q) => keyOf(q.orgId, q.service)), ...this.#lines.keys()]);
    for (const key of keys) {
      const [orgId = '', service = ''] = key.split('|');
      await this.reload(orgId, service);
    }
  }

  /** Reloads one queue's line; notices arriving meanwhile cause one more reload. */
  reload(orgId: string, service: string, sessionId = ''): Promise<void> {
    const key = keyOf(orgId, service);
    const running = this.#reloading.get(key);
    if (running) {
      this.#again.set(key, [...(this.#again.get(key) ?? []), sessionId]);
      return running;
    }
    const run = (async () => {
      let changed = [sessionId];
      for (;;) {
        await this.#load(orgId, service, changed);
        const more = this.#again.get(key);
        if (!more) break;
        this.#again.delete(key);
        changed = more;
      }
    })().finally(() => this.#reloading.delete(key));
    this.#reloading.set(key, run);
    return run;
  }

  async #load(orgId: string, service: string, changed: string[]): Promise<void> {
    const db = this.#db as Db;
    const key = keyOf(orgId, service);
    const [waiting, pace] = await Promise.all([selectWaiting(db, orgId, service), selectQueuePace(db, orgId, service)]);
    const line: Line = { positions: new Map(waiting.map((w, i) => [w.id, i + 1])), ...pace };
    this.#lines.set(key, line);
    for (const s of this.#subscribers.get(key) ?? []) {
      if (line.positions.has(s.sessionId) && !changed.includes(s.sessionId)) this.#push(s, this.waitingPlace(line, s));
      else {
        const place = await this.#placeOf(db, s.sessionId);
        if (place) this.#push(s, place);
      }
    }
  }

  waitingPlace(line: Line, s: Pick<Subscriber, 'sessionId' | 'base'>): QueuePlace {
    const position = line.positions.get(s.sessionId) as number;
    // Those ahead, shared among the agents at work, at the queue's recent minutes per customer.
    const waitMinutes = Math.ceil(((position - 1) * line.minutesEach) / line.agents);
    return { ...s.base, status: 'waiting', position, waitMinutes, roomUrl: null };
  }

  /** Position and wait of a waiting place, from memory (loaded on first use). */
  async findPlace(orgId: string, service: string, base: Subscriber['base']): Promise<QueuePlace | undefined> {
    const key = keyOf(orgId, service);
    if (!this.#lines.has(key)) await this.reload(orgId, service);
    const line = this.#lines.get(key) as Line;
    return line.positions.has(base.id) ? this.waitingPlace(line, { sessionId: base.id, base }) : undefined;
  }

  #push(s: Subscriber, place: QueuePlace) {
    const text = JSON.stringify(place);
    if (text === s.last) return;
    s.last = text;
    s.send(place);
  }

  /** Follows one place: `send` gets every change of it until the returned function is called. */
  subscribe(orgId: string, service: string, base: Subscriber['base'], send: (place: QueuePlace) => void, first: QueuePlace): () => void {
    const key = keyOf(orgId, service);
    const subscriber: Subscriber = { sessionId: base.id, base, send };
    let set = this.#subscribers.get(key);
    if (!set) {
      set = new Set();
      this.#subscribers.set(key, set);
    }
    set.add(subscriber);
    this.#push(subscriber, first);
    return () => {
      set.delete(subscriber);
      if (set.size === 0) this.#subscribers.delete(key);
    };
  }
}
