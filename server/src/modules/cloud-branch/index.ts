import { nameLeaders } from '../../platform/bulletin-text.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { videoError } from './errors.ts';
import { QueueHub } from './queue.ts';
import { nameVideoSessions } from './repo.ts';
import { cloudBranchRoutes, promoteBookingsJob } from './routes.ts';
import { describePlace, listMyVideoRequests, listVideoDesk, trackVideoSession } from './service.ts';

/** The video queue and sessions of the cloud branch (C5). */
export const cloudBranchModule: ModuleManifest = {
  name: 'cloud-branch',
  tables: ['videoSessions', 'customerRecords'],
  recordNames: { video_session: nameVideoSessions },
  tags: [{ name: 'cloud branch', description: 'The video queue and sessions of the cloud branch (C5)' }],
  register: async (app, { config, database }) => {
    // The queue positions, kept live in every process for the customers following them.
    const template = config.VIDEO_ROOM_URL_TEMPLATE;
    const hub: QueueHub = new QueueHub((db, id) => describePlace(db, hub, template, id));
    const stop = await hub.start(database, (err) => app.log.warn({ err }, 'video queue could not load'));
    app.addHook('onClose', () => stop());
    await app.register(cloudBranchRoutes(hub, config));
  },
  jobs: () => ({ 'video.promote_bookings': promoteBookingsJob }),
  schedules: [{ type: 'video.promote_bookings', everyMs: 60_000 }],
  errors: videoError.catalogue,
  encryptedColumns: [
    { table: 'video_sessions', columns: ['mobile_enc', 'resident_id_enc', 'outcome_note_enc'] },
    { table: 'customer_records', columns: ['name_enc'] },
  ],
  trackers: { VS: trackVideoSession },
  myRequests: listMyVideoRequests,
  figures: { keys: ['joined', 'served'] },
  bulletin: (figures) => [
    {
      section: 'new_ways',
      text:
        `云网点视频服务让客户足不出户办理业务：期间${figures.total.joined ?? 0}人次排队，已服务${figures.total.served ?? 0}人次` +
        (nameLeaders(figures, 'served', '人次') ? `，其中${nameLeaders(figures, 'served', '人次')}。` : '。'),
    },
  ],
  desk: listVideoDesk,
};
