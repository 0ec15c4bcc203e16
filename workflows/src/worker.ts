// The worker process: runs workflow and activity code for the reform-tracker task queue.
// `npm run worker` starts one; run as many as the load needs.
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { createPrismaClient, type PrismaClient } from '../../prisma/client.ts';
import { createActivities } from './activities/index.ts';
import { TASK_QUEUE } from './contracts.ts';
import { temporalSettingsFromEnv } from './connection.ts';
import { outboxFromEnv } from './outbox.ts';

export const workflowsPath = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

export interface WorkerDependencies {
  connection: NativeConnection;
  namespace: string;
  prisma: PrismaClient;
  /** The client the plan's fan-out starts task workflows with. */
  client: Client;
  taskQueue?: string;
  /** Pre-built bundle (tests build it once per file); otherwise bundled from source. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export function createWorker(deps: WorkerDependencies): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue ?? TASK_QUEUE,
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath }),
    activities: createActivities({
      prisma: deps.prisma,
      temporal: { client: deps.client, taskQueue: deps.taskQueue ?? TASK_QUEUE },
    }),
  });
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('Set DATABASE_URL to the PostgreSQL database the worker writes to.');
  const settings = temporalSettingsFromEnv();
  Runtime.install({
    logger: new DefaultLogger(process.env.RT_WORKER_LOG_LEVEL === 'INFO' ? 'INFO' : 'WARN'),
  });
  const connection = await NativeConnection.connect({
    address: settings.address,
    ...(settings.tls !== undefined ? { tls: settings.tls } : {}),
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
  });
  const prisma = createPrismaClient(databaseUrl);
  const client = new Client({
    connection: await Connection.connect({
      address: settings.address,
      ...(settings.tls !== undefined ? { tls: settings.tls } : {}),
      ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    }),
    namespace: settings.namespace,
  });
  const worker = await createWorker({ connection, namespace: settings.namespace, prisma, client });
  const outbox = outboxFromEnv(prisma);
  const stopOutbox = outbox?.start();
  console.log(
    outbox
      ? 'E-mail outbox: sending through SMTP_URL every 15 s.'
      : 'E-mail outbox: SMTP_URL is not set, so e-mails stay queued (in-app notifications still appear).',
  );
  console.log(`Worker polling task queue "${TASK_QUEUE}" on ${settings.address} (${settings.namespace}).`);
  // Worker.run() shuts down gracefully on SIGINT/SIGTERM once in-flight tasks finish.
  await worker.run();
  await stopOutbox?.();
  await prisma.$disconnect();
  await client.connection.close();
  await connection.close();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
