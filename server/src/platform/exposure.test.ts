import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../test/app.ts';
import { testDatabaseKind } from '../test/database.ts';
import { loadKeyRing } from './pii/keys.ts';

describe(`smaller exposures (${testDatabaseKind})`, () => {
  let t: TestApp;
  const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789';
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://shouhu.example.org/', METRICS_TOKEN });
  });
  afterAll(() => t.close());

  it('tells browsers and proxies not to keep answers that carry personal data', async () => {
    const staff = await signInAs(t.app, 'boc.admin');
    for (const url of ['/api/v1/auth/me', '/api/v1/home-visits', '/api/v1/users']) {
      expect((await t.app.inject({ url, headers: staff })).headers['cache-control'], url).toBe('no-store');
    }
    const track = await t.app.inject('/api/v1/public/track/HV-20300101-000001?mobile=13912345678');
    expect(track.headers['cache-control']).toBe('no-store');
    // A public page for everyone stays cacheable.
    expect((await t.app.inject('/api/v1/zones')).headers['cache-control']).toBeUndefined();
  });

  it('builds the Atom feed’s links from configuration, not from the Host header', async () => {
    const atom = await t.app.inject({ url: '/api/v1/public/notices/feed.atom', headers: { host: 'evil.example.com' } });
    expect(atom.body).toContain('https://shouhu.example.org/notices');
    expect(atom.body).not.toContain('evil.example.com');
  });

  it('shows /metrics only on this machine or with its token', async () => {
    expect((await t.app.inject('/metrics')).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/metrics', remoteAddress: '10.9.8.7' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.1' } })).statusCode).toBe(401);
    const wrong = await t.app.inject({ url: '/metrics', remoteAddress: '10.9.8.7', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const right = await t.app.inject({ url: '/metrics', remoteAddress: '10.9.8.7', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('http_requests_total');
  });

  it('keeps the generated key file where PII_KEYS_FILE says, out of the data folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shouhu-keys-'));
    try {
      const file = join(dir, 'secrets', 'shouhu-keys.json');
      const { ring, generated } = loadKeyRing({ PII_KEYS_FILE: file }, join(dir, 'data'));
      expect(generated).toBe(true);
      expect(ring.file).toBe(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(() => statSync(join(dir, 'data', 'keys.json'))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
