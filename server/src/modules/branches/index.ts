import { nameLeaders } from '../../platform/bulletin-text.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { perDistrictFor, seedBranches } from './demo.ts';
import { branchError } from './errors.ts';
import { BranchFinder } from './finder.ts';
import { countBranchFigures, nameBranches, nameChannels } from './repo.ts';
import { branchRoutes } from './routes.ts';
import { importBranchesJob } from './transfer.ts';

/** The branch network, hours adjustments and online channels, and the public finder (C1, C6). */
export const branchesModule: ModuleManifest = {
  name: 'branches',
  tables: ['branches', 'branchAdjustments', 'onlineChannels'],
  recordNames: { branch: nameBranches, channel: nameChannels },
  tags: [{ name: 'branches', description: 'Branch network, hours adjustments, online channels (C1, C6)' }],
  register: async (app, { database }) => {
    // The public finder's in-memory index follows changes from every process.
    const finder = new BranchFinder();
    const stop = await finder.start(database, (err) => app.log.warn({ err }, 'branch finder could not load'));
    app.addHook('onClose', () => stop());
    await app.register(branchRoutes(finder));
  },
  jobs: () => ({ 'branches.import': importBranchesJob }),
  errors: branchError.catalogue,
  seed: (db, _keys, options) =>
    options.branches === false
      ? Promise.resolve(0)
      : seedBranches(db, options.branchCount === undefined ? undefined : perDistrictFor(options.branchCount)),
  figures: { keys: ['branches', 'adjusted', 'closed'], count: countBranchFigures },
  bulletin: (figures, { from, to }) => {
    const { total } = figures;
    const leaders = nameLeaders(figures, 'adjusted', '个');
    return [
      {
        section: 'basic_services',
        text:
          `${from}至${to}，全市${figures.byInstitution.length}家银行保险机构共有营业网点${total.branches ?? 0}个，` +
          `其中${total.adjusted ?? 0}个网点调整营业时间、${total.closed ?? 0}个网点暂停营业，其余网点正常营业；` +
          '暂停营业的网点均公示了就近可办理业务的网点和线上渠道。' +
          (leaders ? `调整网点较多的有${leaders}。` : ''),
      },
    ];
  },
};
