// `npm test`: installs what the suites need (Temporal binaries into .tools/, Debian's
// Chromium when running as root without one), builds the web app for the browser test, and
// runs every suite with Vitest, which ends with a "N passed, N failed" line.
import './lib/node-version.ts';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findOrInstall, temporalCli, temporalTestServer } from './lib/tools.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command: string, args: string[]): number {
  return spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;
}

function ensureChromium(): void {
  if (existsSync(chromiumPath)) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log("Installing Debian's chromium for the browser tests…");
    run('apt-get', ['update', '-qq']);
    if (run('apt-get', ['install', '-y', '-qq', 'chromium']) === 0) return;
  }
  console.error(
    `No Chromium at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
  );
  process.exit(1);
}

findOrInstall(temporalCli);
findOrInstall(temporalTestServer);
ensureChromium();
if (run('npm', ['run', 'build', '--silent']) !== 0) process.exit(1);
process.exit(run('npx', ['vitest', 'run', ...process.argv.slice(2)]));
