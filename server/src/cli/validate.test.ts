import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../platform/files.ts';
import { runValidate, UsageError } from './validate.ts';

const BIN = fileURLToPath(new URL('../../bin/shouhu.js', import.meta.url));

async function validate(args: string[], input: string | Buffer) {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c) => chunks.push(c));
  const code = await runValidate(args, Readable.from([Buffer.from(input)]), stdout);
  const lines = Buffer.concat(chunks)
    .toString('utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { code, lines };
}

describe('shouhu validate', () => {
  it('prints one JSON line per value, with line numbers that match the file', async () => {
    const { code, lines } = await validate(
      ['--type', 'resident-id'],
      '360426199101010071\r\n\n45883019880120031x\n360426199101010072\n12345',
    );
    expect(code).toBe(1);
    expect(lines).toEqual([
      { line: 1, value: '360426199101010071', valid: true, normalized: '360426199101010071' },
      { line: 3, value: '45883019880120031x', valid: true, normalized: '45883019880120031X' },
      { line: 4, value: '360426199101010072', valid: false, reason: 'checksum' },
      { line: 5, value: '12345', valid: false, reason: 'length' },
    ]);
  });

  it('exits 0 when every value is valid', async () => {
    const { code, lines } = await validate(['--type', 'uscc'], '91110000600037341L\n91310110666007217T\n');
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
  });

  it('escapes values safely in its JSON output', async () => {
    const { lines } = await validate(['--type', 'mobile'], '"quoted"\\ \u0001\n');
    expect(lines[0]).toEqual({ line: 1, value: '"quoted"\\ \u0001', valid: false, reason: 'format' });
  });

  it('reads one column of a UTF-8 CSV by its header name', async () => {
    const csv = '\uFEFF姓名,手机号码\n张三,138 1234 5678\n"李四, 王五",12345\n';
    const { code, lines } = await validate(['--type', 'mobile', '--column', '手机号码'], csv);
    expect(code).toBe(1);
    expect(lines).toEqual([
      { line: 2, value: '138 1234 5678', valid: true, normalized: '13812345678' },
      { line: 3, value: '12345', valid: false, reason: 'length' },
    ]);
  });

  it('detects a GB18030 CSV, as Excel on Chinese Windows saves it', async () => {
    const csv = iconv.encode(
      '序号,统一社会信用代码,企业名称\r\n1,91310110666007217T,上海某某有限公司\r\n2,91350211M00013FA1N,福建某某公司\r\n',
      'gb18030',
    );
    expect(detectEncoding(csv)).toBe('gb18030');
    const { lines } = await validate(['--type', 'uscc', '--column', '统一社会信用代码'], csv);
    expect(lines.map((l) => [l.line, l.valid])).toEqual([
      [2, true],
      [3, false],
    ]);
  });

  it('refuses bad usage', async () => {
    await expect(validate([], 'x')).rejects.toThrow(UsageError);
    await expect(validate(['--type', 'passport'], 'x')).rejects.toThrow(/Unknown --type passport/);
    await expect(validate(['--type', 'mobile', '--column', '手机'], '姓名,电话\n张三,13812345678\n')).rejects.toThrow(
      /Column "手机" is not in the header/,
    );
    await expect(validate(['--type', 'mobile', '/no/such/file.txt'], '')).rejects.toThrow(/File not found/);
    await expect(validate(['--type', 'mobile', '--colour', 'x'], '')).rejects.toThrow(UsageError);
  });

  it('runs as a command: exit 0, 1 and 2, from a file or standard input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shouhu-validate-'));
    const file = join(dir, 'ids.txt');
    writeFileSync(file, '360426199101010071\n');
    const ok = spawnSync(process.execPath, [BIN, 'validate', '--type', 'resident-id', file], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ line: 1, valid: true });
    const bad = spawnSync(process.execPath, [BIN, 'validate', '--type', 'resident-id', '-'], { input: '123\n', encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ reason: 'length' });
    const usage = spawnSync(process.execPath, [BIN, 'validate', '--type', 'nothing'], { input: '', encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Unknown --type nothing');
    expect(usage.stdout).toBe('');
  });
});
