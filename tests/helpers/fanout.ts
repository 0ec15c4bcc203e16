// Shared by the fan-out crash test and the fan-out benchmark: a draft plan with many tasks,
// a worker process that can be killed, and polling.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { PrismaClient } from '../../prisma/client.ts';
import { root } from '../../scripts/lib/paths.ts';

export interface PlanSeed {
  issuingUnitId: string;
  createdById: string;
  areaId: string;
  unitIds: string[];
}

/** A DRAFT plan with `count` tasks spread over `unitIds`, written in bulk. */
export async function draftPlanWithTasks(
  prisma: PrismaClient,
  seed: PlanSeed,
  count: number,
): Promise<string> {
  const plan = await prisma.reformPlan.create({
    data: {
      year: 2027,
      title: `Kế hoạch CCHC toàn tỉnh (${count} nhiệm vụ)`,
      issuingUnitId: seed.issuingUnitId,
      createdById: seed.createdById,
    },
  });
  for (let start = 0; start < count; start += 5000) {
    await prisma.task.createMany({
      data: Array.from({ length: Math.min(5000, count - start) }, (_, offset) => {
        const index = start + offset;
        return {
          id: randomUUID(),
          planId: plan.id,
          areaId: seed.areaId,
          assigneeUnitId: seed.unitIds[index % seed.unitIds.length]!,
          title: `Nhiệm vụ số ${index + 1}`,
          dueDate: new Date('2027-12-31T00:00:00.000Z'),
          createdById: seed.createdById,
        };
      }),
    });
  }
  return plan.id;
}

/** Starts tests/helpers/worker-process.ts and resolves once it polls. */
export function spawnWorker(env: {
  databaseUrl: string;
  address: string;
  taskQueue: string;
}): Promise<ChildProcess> {
  const child = spawn(
    path.join(root, 'node_modules/.bin/tsx'),
    [path.join(root, 'tests/helpers/worker-process.ts')],
    {
      env: {
        ...process.env,
        DATABASE_URL: env.databaseUrl,
        TEMPORAL_ADDRESS: env.address,
        RT_TASK_QUEUE: env.taskQueue,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) resolve(child);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => reject(new Error(`The worker process exited with ${code}:\n${output}`)));
  });
}

/** Kills a worker process at once, as a crash would, and waits until it is gone. */
export async function killWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // tsx runs the script in a child of its own: kill the whole tree.
  spawn('pkill', ['-KILL', '-P', String(child.pid)]).once('exit', () => child.kill('SIGKILL'));
  await exited;
}

/** Polls `check` until it returns true; throws with `what` after `timeoutMs`. */
export async function waitUntil(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000} s.`);
}
