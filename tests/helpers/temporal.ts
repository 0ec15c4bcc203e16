import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  DefaultLogger,
  Runtime,
  Worker,
  bundleWorkflowCode,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { inject } from 'vitest';
import { createActivities } from '../../workflows/src/activities/index.ts';
import { workflowsPath } from '../../workflows/src/worker.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

// Worker state changes are noise in test output; warnings and errors still show.
Runtime.install({ logger: new DefaultLogger('WARN') });

/** Temporal's time-skipping test server, from the binary global setup found or installed. */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = inject('temporalTestServerPath');
  return TestWorkflowEnvironment.createTimeSkipping(
    path ? { server: { executable: { type: 'existing-path', path } } } : {},
  );
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The workflow bundle, built once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath,
    logger: {
      log: () => undefined,
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (m) => console.error(m),
    },
  });
  return bundle;
}

export interface WorkflowHarness {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  /** Stops the worker, the test server and drops the database. */
  stop(): Promise<void>;
}

/**
 * A time-skipping test server, a fresh database and a worker on `taskQueue` running the real
 * workflows and activities (with a Temporal client, for the activities that start workflows).
 */
export async function startWorkflowHarness(taskQueue: string): Promise<WorkflowHarness> {
  const [env, db] = await Promise.all([createTimeSkippingEnv(), createTestDatabase()]);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ prisma: db.prisma, temporal: { client: env.client, taskQueue } }),
  });
  const running = worker.run();
  return {
    env,
    db,
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await db.drop();
    },
  };
}
