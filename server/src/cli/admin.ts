import { parseArgs } from 'node:util';
import { ORGANIZATION_KINDS, type OrganizationKind } from '@shouhu/common';
import type { Config } from '../config.ts';
import { migrateToLatest } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { ENCRYPTED_COLUMNS } from '../modules/index.ts';
import { createOrganization, listOrganizations } from '../modules/organizations/service.ts';
import { readCheckpointFile, takeAuditCheckpoint } from '../platform/audit/checkpoints.ts';
import { verifyAuditTrail } from '../platform/audit/verify.ts';
import type { Context } from '../platform/context.ts';
import { listOutbox } from '../platform/notify/service.ts';
import { addKeyToFile, deriveAuditKey, loadKeyRing } from '../platform/pii/keys.ts';
import { rotateKeys } from '../platform/pii/rotate.ts';
import { openCommandDatabase } from './database.ts';
import { UsageError } from './validate.ts';

type Out = (line: string) => void;

async function withPlatform<T>(config: Config, fn: (ctx: Context) => Promise<T>): Promise<T> {
  const database = await openCommandDatabase(config, { create: false });
  try {
    await migrateToLatest(database.db);
    const { ring } = loadKeyRing(config, config.dataDir);
    // The command line acts as the platform operator: audited as the system actor "cli".
    return await fn({ db: database.db, keys: ring, auditKey: deriveAuditKey(ring), actor: { type: 'system', name: 'cli' } });
  } finally {
    await database.close();
  }
}

/**
 * `shouhu audit verify [--checkpoints FILE]`: exit 0 when the trail is intact, 1 with every break
 * listed; checked against the checkpoints in the database and in the file kept apart (or the one
 * named). `shouhu audit checkpoint`: takes a signed checkpoint now.
 */
export function runAuditCommand(args: string[], config: Config, out: Out): Promise<number> {
  const usage = 'Usage: shouhu audit verify [--checkpoints FILE] | shouhu audit checkpoint';
  if (args[0] === 'checkpoint') {
    return withPlatform(config, async (ctx) => {
      const checkpoint = await takeAuditCheckpoint(ctx.db, ctx.auditKey, config.auditCheckpointFile);
      out(`Checkpoint ${checkpoint.id} taken at ${checkpoint.takenAt}, appended to ${config.auditCheckpointFile}`);
      return 0;
    });
  }
  if (args[0] !== 'verify') throw new UsageError(usage);
  const at = args.indexOf('--checkpoints');
  const file = at >= 0 ? args[at + 1] : config.auditCheckpointFile;
  if (!file) throw new UsageError(usage);
  return withPlatform(config, async (ctx) => {
    const { checkpoints, unreadableLines } = readCheckpointFile(file);
    const { checked, problems } = await verifyAuditTrail(ctx.db, ctx.auditKey, { checkpoints });
    for (const line of unreadableLines) out(`✗ checkpoint_invalid: line ${line} of ${file} is not a checkpoint`);
    for (const p of problems) out(`✗ ${p.kind}: ${p.message}`);
    problems.push(...unreadableLines.map((line) => ({ chain: -1, seq: 0, kind: 'checkpoint_invalid' as const, message: `line ${line}` })));
    out(
      problems.length === 0
        ? `Audit trail intact: ${checked} events checked.`
        : `Audit trail broken: ${problems.length} problem(s) in ${checked} events.`,
    );
    return problems.length === 0 ? 0 : 1;
  });
}

/**
 * `shouhu keys rotate`: with the key file, adds a new key and makes it active first; with keys
 * from the environment, re-encrypts to PII_ACTIVE_KEY. Either way resumable: run it again after
 * an interruption.
 */
export function runKeysCommand(args: string[], config: Config, out: Out): Promise<number> {
  if (args[0] !== 'rotate') throw new UsageError('Usage: shouhu keys rotate [--resume]');
  const resume = args.includes('--resume');
  return withPlatform(config, async (ctx) => {
    const ring = ctx.keys.source === 'file' && !resume ? addKeyToFile(ctx.keys) : ctx.keys;
    out(`Active key: ${ring.activeKeyId}`);
    const counts = await rotateKeys(ctx.db, ring, ENCRYPTED_COLUMNS, {
      onProgress: (table, done) => out(`  ${table}: ${done} rows re-encrypted`),
    });
    out(`Done: ${JSON.stringify(counts)}`);
    return 0;
  });
}

/** `shouhu org list` and `shouhu org add --code … --kind … --name-zh … --name-en … [--uscc …] [--parent CODE]`. */
export function runOrgCommand(args: string[], config: Config, out: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    return withPlatform(config, async (ctx) => {
      for (const o of await listOrganizations(ctx.db, {}))
        out(`${o.code.padEnd(24)} ${o.kind.padEnd(12)} ${o.nameZh} / ${o.nameEn}${o.uscc ? `  ${o.uscc}` : ''}`);
      return 0;
    });
  }
  if (sub !== 'add')
    throw new UsageError(
      'Usage: shouhu org list | shouhu org add --code CODE --kind KIND --name-zh NAME --name-en NAME [--uscc CODE] [--parent CODE]',
    );
  const { values } = parseArgs({
    args: rest,
    options: {
      code: { type: 'string' },
      kind: { type: 'string' },
      'name-zh': { type: 'string' },
      'name-en': { type: 'string' },
      uscc: { type: 'string' },
      parent: { type: 'string' },
    },
    strict: true,
  });
  for (const required of ['code', 'kind', 'name-zh', 'name-en'] as const)
    if (!values[required]) throw new UsageError(`Missing --${required}`);
  if (!ORGANIZATION_KINDS.includes(values.kind as OrganizationKind))
    throw new UsageError(`--kind must be one of ${ORGANIZATION_KINDS.join(', ')}`);
  return withPlatform(config, async (ctx) => {
    const parent = values.parent
      ? await ctx.db.selectFrom('organizations').select('id').where('code', '=', values.parent).executeTakeFirst()
      : undefined;
    if (values.parent && !parent) throw new UsageError(`No organisation with code ${values.parent}`);
    try {
      const org = await createOrganization(ctx, {
        code: values.code as string,
        kind: values.kind as OrganizationKind,
        nameZh: values['name-zh'] as string,
        nameEn: values['name-en'] as string,
        uscc: values.uscc ?? null,
        parentId: parent?.id ?? null,
      });
      out(`Created ${org.code} (${org.id})`);
      return 0;
    } catch (err) {
      if (err instanceof AppError) throw new UsageError(`${err.code}: ${err.message} ${err.details ? JSON.stringify(err.details) : ''}`);
      throw err;
    }
  });
}

/** `shouhu outbox`: the latest SMS and e-mail, in full (development; the codes people were sent). */
export function runOutboxCommand(_args: string[], config: Config, out: Out): Promise<number> {
  return withPlatform(config, async (ctx) => {
    const items = await listOutbox(ctx.db, ctx.keys, 20);
    if (items.length === 0) out('The outbox is empty.');
    for (const m of items)
      out(`${m.createdAt}  ${m.channel.padEnd(5)} ${m.state.padEnd(6)} to ${m.recipient}: ${m.subject ? `${m.subject} — ` : ''}${m.body}`);
    return 0;
  });
}
