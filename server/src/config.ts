import { resolve } from 'node:path';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: 600, description: 'requests per minute per client address' }),
  AUTH_RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: 20, description: 'sign-in and code attempts per minute per client address' }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  MAX_EVENT_LOOP_DELAY_MS: Type.Integer({
    minimum: 100,
    default: 2000,
    description: 'above this event-loop delay the server answers 503 (service.unavailable) until it recovers',
  }),
  CORS_ORIGINS: Type.String({ default: '', description: 'comma-separated allowed origins; empty = no cross-origin access' }),
  WORKER: Type.Boolean({ default: true, description: 'run the job worker inside the server process' }),
  SEED_DEMO: Type.Optional(
    Type.Boolean({ description: 'seed demo data into an empty database on start; default on for the embedded database only' }),
  ),
  TRUST_PROXY: Type.Boolean({ default: false }),
  AUDIT_RETENTION_DAYS: Type.Integer({
    minimum: 184,
    default: 184,
    description: 'audit events are kept at least this long (never less than 184)',
  }),
  AUDIT_CHECKPOINT_FILE: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'where signed checkpoints of the audit trail are appended, apart from the database (default DATA_DIR/audit-checkpoints.jsonl); ship it off the host',
    }),
  ),
  MFA_ROLES: Type.String({ default: 'regulator,institution_admin', description: 'roles that must use a second factor' }),
  DEMO_SKIP_MFA: Type.Optional(
    Type.Boolean({
      description: 'demo users may sign in without a second factor (with a warning); default on for the embedded database only',
    }),
  ),
  DEV_OUTBOX: Type.Optional(
    Type.Boolean({
      description: 'show sent SMS and e-mail at /api/v1/dev/outbox, to loopback callers only; default on for the embedded database only',
    }),
  ),
  VIDEO_ROOM_URL_TEMPLATE: Type.Optional(
    Type.String({
      pattern: '^https?://.*\\{room\\}',
      description:
        'the video meeting service the cloud branch sends customers and agents to: {room} is replaced by an unguessable room name, {role} by customer or agent; unset, no video service is used and agents call the customer',
    }),
  ),
  BENCH_ROUTES: Type.Boolean({
    default: false,
    description: 'adds POST /bench/insert (one row, one commit), the baseline of the benchmarks; never in production',
  }),
  OUTBOUND_ALLOWED_HOSTS: Type.String({
    default: '',
    description:
      'host names and CIDR ranges on private or loopback networks that webhooks and gateways may reach (e.g. "smtp.bank.internal,10.20.0.0/16"); empty = public addresses only',
  }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  /** Redis shared by several server processes (rate limits hold across them); unset: each process counts alone. */
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  /** An HTTP SMS gateway: each message is POSTed as JSON {to, text, id}, signed like webhooks. Unset: the outbox. */
  SMS_GATEWAY_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** Sent as "Authorization: Bearer …" to the gateway. */
  SMS_GATEWAY_KEY: Type.Optional(Type.String({ minLength: 8 })),
  /** Signs each request (X-Shouhu-Signature: HMAC-SHA256 of "timestamp.body"), so the gateway can check it is us. */
  SMS_GATEWAY_SECRET: Type.Optional(Type.String({ minLength: 16 })),
  SMTP_FROM: Type.String({ default: 'Shouhu <noreply@shouhu.local>' }),
  PII_KEYS: Type.Optional(Type.String({ description: 'id:base64key,... (32-byte AES keys)' })),
  PII_ACTIVE_KEY: Type.Optional(Type.String()),
  PII_HMAC_KEY: Type.Optional(Type.String()),
  PII_KEYS_FILE: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'where the generated key file is kept when PII_KEYS is not set (default DATA_DIR/keys.json); keep it out of data backups',
    }),
  ),
  PUBLIC_BASE_URL: Type.Optional(
    Type.String({
      pattern: '^https?://[^/]+',
      description: 'the address the public reaches the platform at, for links in feeds (default http://localhost:PORT)',
    }),
  ),
  METRICS_TOKEN: Type.Optional(
    Type.String({
      minLength: 24,
      description: 'a bearer token that may read /metrics from another host; without it only callers on this machine may',
    }),
  ),
});

export type Config = Omit<Static<typeof ConfigSchema>, 'SEED_DEMO' | 'DEMO_SKIP_MFA'> & {
  SEED_DEMO: boolean;
  DEMO_SKIP_MFA: boolean;
  dataDir: string;
  devOutbox: boolean;
  auditCheckpointFile: string;
  publicBaseUrl: string;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads configuration from the environment; throws naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, raw)) as Static<typeof ConfigSchema>;
  const [problem] = Value.Errors(ConfigSchema, config);
  if (problem) {
    const name =
      problem.instancePath.replace(/^\//, '') || String((problem.params as { requiredProperties?: string[] }).requiredProperties ?? '');
    // The value itself is not repeated: DATABASE_URL may hold a password.
    throw new ConfigError(`Invalid environment variable ${name}: ${problem.message} / 环境变量 ${name} 的值无效`);
  }
  if (!Number.isInteger(config.PORT)) throw new ConfigError('Invalid environment variable PORT');
  // What shows codes or lets anyone in with the published password is on by default only on the
  // embedded database (a laptop, a demo); on PostgreSQL only when asked for.
  const embedded = !config.DATABASE_URL;
  return {
    ...config,
    SEED_DEMO: config.SEED_DEMO ?? embedded,
    DEMO_SKIP_MFA: config.DEMO_SKIP_MFA ?? embedded,
    dataDir: resolve(config.DATA_DIR),
    publicBaseUrl: (config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, ''),
    auditCheckpointFile: resolve(config.AUDIT_CHECKPOINT_FILE ?? `${config.DATA_DIR}/audit-checkpoints.jsonl`),
    devOutbox: config.DEV_OUTBOX ?? embedded,
  };
}
