import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../../prisma/client.ts';
import { createCalendarActivities } from './calendar.ts';
import { createCorrectiveActivities } from './corrective.ts';
import { createInspectionActivities } from './inspection.ts';
import { createOrganisationActivities } from './organisation.ts';
import { createPlanActivities } from './plan.ts';
import { createTaskActivities, type Clock } from './task.ts';

export type { RecordProgressInput } from './task.ts';

export interface ActivityDependencies {
  prisma: PrismaClient;
  clock?: Clock;
  /** The client the plan's fan-out starts task workflows with. */
  temporal?: { client: Client; taskQueue: string };
}

/** Activities project workflow state into PostgreSQL; each write is idempotent by event ID. */
export function createActivities(deps: ActivityDependencies) {
  const clock = deps.clock ?? { now: () => new Date() };
  const temporal = deps.temporal ? { temporal: deps.temporal } : {};
  return {
    ...createTaskActivities({ prisma: deps.prisma, clock }),
    ...createPlanActivities({ prisma: deps.prisma, clock, ...temporal }),
    ...createOrganisationActivities({ prisma: deps.prisma, clock, ...temporal }),
    ...createInspectionActivities({ prisma: deps.prisma, clock, ...temporal }),
    ...createCorrectiveActivities({ prisma: deps.prisma, clock, ...temporal }),
    ...createCalendarActivities({ prisma: deps.prisma, ...temporal }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
