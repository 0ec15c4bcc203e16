// A worker in a process of its own, so a test or benchmark can kill it (SIGKILL) mid-work and
// start another. Reads DATABASE_URL, TEMPORAL_ADDRESS and RT_TASK_QUEUE; prints "ready" once
// it polls.
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createPrismaClient } from '../../prisma/client.ts';
import { createWorker } from '../../workflows/src/worker.ts';

const databaseUrl = process.env.DATABASE_URL;
const address = process.env.TEMPORAL_ADDRESS;
const taskQueue = process.env.RT_TASK_QUEUE;
if (!databaseUrl || !address || !taskQueue) {
  throw new Error('Set DATABASE_URL, TEMPORAL_ADDRESS and RT_TASK_QUEUE for the worker process.');
}
Runtime.install({ logger: new DefaultLogger('ERROR') });
const connection = await NativeConnection.connect({ address });
const client = new Client({ connection: await Connection.connect({ address }) });
const prisma = createPrismaClient(databaseUrl, { poolSize: 20 });
const worker = await createWorker({ connection, namespace: 'default', prisma, client, taskQueue });
const running = worker.run();
console.log('ready');
await running;
await prisma.$disconnect();
