import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

/**
 * pino options: JSON lines, pretty on a terminal. Requests are logged by path only: a query
 * string can carry personal data, and headers carry cookies and tokens.
 */
export function createLoggerOptions(level: string, pretty = Boolean(process.stdout.isTTY)): LoggerOptions {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], censor: '[redacted]' },
    serializers: {
      req: (req: FastifyRequest) => ({ id: req.id, method: req.method, path: req.url.split('?')[0], ip: req.ip }),
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  };
}
