import { Client, Connection } from '@temporalio/client';
import { createPrismaClient } from '../../prisma/client.ts';
import type { TemporalSettings } from '../../workflows/src/connection.ts';
import { TASK_QUEUE, planWorkflowId } from '../../workflows/src/contracts.ts';

/**
 * Makes sure every plan past DRAFT and not yet CLOSED has its workflow: plans written by the
 * demo data (or restored from a backup) are taken over, and the workflow starts the task
 * workflows their tasks lack. Idempotent: a running plan workflow is left as it is.
 */
export async function ensurePlanWorkflows(databaseUrl: string, settings: TemporalSettings): Promise<number> {
  const prisma = createPrismaClient(databaseUrl, { poolSize: 2 });
  const connection = await Connection.connect({
    address: settings.address,
    ...(settings.tls !== undefined ? { tls: settings.tls } : {}),
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
  });
  try {
    const client = new Client({ connection, namespace: settings.namespace });
    const plans = await prisma.reformPlan.findMany({
      where: { status: { notIn: ['DRAFT', 'CLOSED'] } },
      select: { id: true },
    });
    for (const plan of plans) {
      await client.workflow.start('planWorkflow', {
        taskQueue: TASK_QUEUE,
        workflowId: planWorkflowId(plan.id),
        args: [{ planId: plan.id }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    }
    return plans.length;
  } finally {
    await connection.close();
    await prisma.$disconnect();
  }
}
