#!/usr/bin/env node
// The `shouhu` command. The source is TypeScript run by Node's type stripping (on by default
// from Node 22.18 and 24); older 22.x releases get the flag by a re-exec.
import { spawnSync } from 'node:child_process';

if (!process.features.typescript) {
  const child = spawnSync(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings=ExperimentalWarning', ...process.execArgv, process.argv[1], ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(child.status ?? 1);
}
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
