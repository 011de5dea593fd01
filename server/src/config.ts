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
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  CORS_ORIGINS: Type.String({ default: '', description: 'comma-separated allowed origins; empty = no cross-origin access' }),
  WORKER: Type.Boolean({ default: true, description: 'run the job worker inside the server process' }),
  SEED_DEMO: Type.Boolean({ default: true, description: 'seed demo data into an empty database on start' }),
  TRUST_PROXY: Type.Boolean({ default: false }),
});

export type Config = Static<typeof ConfigSchema> & { dataDir: string };

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
  return { ...config, dataDir: resolve(config.DATA_DIR) };
}
