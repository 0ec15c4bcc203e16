import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '#lib/server/forms.ts';
import { formErrors, graphql } from '#lib/server/graphql.ts';
import { PLAN_PAGE_QUERY } from '#lib/queries.ts';

interface PlanPage {
  plan: {
    id: string;
    title: string;
    year: number;
    status: string;
    cadence: 'QUARTERLY' | 'HALF_YEARLY';
    completion: number | null;
    issuingDone: number;
    issuingTotal: number;
    issuingUnit: { id: string; name: string };
    viewerCanAssign: boolean;
    viewerCanEdit: boolean;
    nextPhase: string | null;
    schedule: { assessmentOpens: string; appraisalOpens: string; publishedOn: string; closesOn: string };
    assignableUnits: { id: string; name: string; level: string }[];
    unitProgress: {
      unit: { id: string; name: string };
      taskCount: number;
      completed: number;
      overdue: number;
      progress: number | null;
    }[];
    tasks: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: {
        node: {
          id: string;
          title: string;
          status: string;
          progress: number;
          dueDate: string;
          assigneeUnit: { name: string };
        };
      }[];
    };
  } | null;
  reformAreas: { id: string; name: string }[];
}

/** Confirmation messages after a redirect (`?done=`), so a reload does not send the form again. */
const DONE = ['edited', 'deleted', 'planSaved', 'bulk', 'phases', 'advanced', 'issued'] as const;

/** The unit levels a bulk assignment can name (a province is never under another unit). */
const BULK_LEVELS = ['COMMUNE', 'TOWN', 'WARD', 'DISTRICT', 'DEPARTMENT', 'AGENCY'] as const;

export const load: PageServerLoad = async (event) => {
  // Polled with invalidate('app:plan') while the plan's tasks are being sent to the units.
  event.depends('app:plan');
  // `after` pages through the plan's tasks, 200 at a time.
  const after = event.url.searchParams.get('after');
  const data = await graphql<PlanPage>(event, PLAN_PAGE_QUERY, { id: event.params.id, after });
  if (!data.plan) error(404, 'Not found');
  const plan = data.plan;
  const params = event.url.searchParams;
  const done = params.get('done');
  const confirm = params.get('confirm');
  // The task whose deletion is being confirmed (a link on its row), if it is on this page.
  const deleting =
    plan.viewerCanEdit && plan.status === 'DRAFT'
      ? (plan.tasks.edges.find((edge) => edge.node.id === params.get('delete'))?.node ?? null)
      : null;
  return {
    ...data,
    plan,
    // The API says where createTask can succeed (the committee of the issuing unit), and to which units.
    canAssign: plan.viewerCanAssign,
    requestId: crypto.randomUUID(),
    // One ID per bulk form: carried through the preview to the assignment, so a repeat is one request.
    bulkRequestId: crypto.randomUUID(),
    done: done && (DONE as readonly string[]).includes(done) ? done : null,
    doneCount: Number(params.get('count')) || 0,
    confirm: plan.viewerCanEdit && (confirm === 'issue' || confirm === 'advance') ? confirm : null,
    deleting,
    levels: BULK_LEVELS,
  };
};

interface Result {
  __typename: string;
  message?: string;
  issues?: { field: string; message: string }[];
  field?: string | null;
  count?: number;
  alreadyAssigned?: number;
  units?: { id: string; name: string }[];
}

const RESULT = `
  __typename
  ... on Error {
    message
  }
  ... on InvalidInputError {
    issues {
      field
      message
    }
  }
  ... on NotFoundError {
    field
  }
`;

type FormName = 'assign' | 'plan' | 'bulk' | 'schedule' | 'delete' | 'issue' | 'advance';

/** A refused form: what was typed comes back with the messages by field (a NotFoundError names its field). */
function refused(form: FormName, values: Record<string, string>, result: Result) {
  const errors = formErrors(result);
  if (result.field) errors.fields[result.field] = result.message ?? '';
  // A message shown next to its field is not repeated above the form.
  const message = result.field || result.issues?.length ? '' : errors.message;
  return fail(400, { form, values: { ...values }, message, fields: errors.fields });
}

/** A whole number for an Int field; anything else becomes 0, which the API refuses with its message. */
const whole = (value: string | undefined, fallback: number) => {
  if (!value) return fallback;
  const number = Number(value);
  return Number.isInteger(number) ? number : 0;
};

const PHASES = ['DRAFT', 'ISSUED', 'ASSESSMENT', 'APPRAISAL', 'PUBLISHED', 'CLOSED'];

const back = (event: RequestEvent, done: string, extra = '') =>
  redirect(303, `${event.url.pathname}?done=${done}${extra}`);

/** The bulk assignment's input, from its form (the same for the preview and the assignment). */
const bulkInput = (event: RequestEvent, form: Record<string, string>) => ({
  requestId: form.requestId || null,
  planId: event.params.id,
  parentUnitId: form.parentUnitId ?? '',
  level: (BULK_LEVELS as readonly string[]).includes(form.level ?? '') ? form.level : 'COMMUNE',
  areaId: form.areaId ?? '',
  title: form.title ?? '',
  description: form.description ?? '',
  dueDate: form.dueDate ?? '',
  weight: whole(form.weight, 1),
  indicatorTarget: form.indicatorTarget || null,
});

export const actions: Actions = {
  assign: async (event) => {
    const form = await readForm(event.request);
    const { createTask } = await graphql<{ createTask: Result & { assigneeUnit?: { name: string } } }>(
      event,
      `
        mutation ($input: CreateTaskInput!) {
          createTask(input: $input) {
            ${RESULT}
            ... on Task {
              id
              assigneeUnit {
                name
              }
            }
          }
        }
      `,
      {
        input: {
          requestId: form.requestId,
          planId: event.params.id,
          areaId: form.areaId ?? '',
          assigneeUnitId: form.assigneeUnitId ?? '',
          title: form.title ?? '',
          description: form.description ?? '',
          dueDate: form.dueDate ?? '',
          indicatorTarget: form.indicatorTarget || null,
          weight: whole(form.weight, 1),
        },
      },
    );
    if (createTask.__typename !== 'Task') {
      const failure = refused('assign', form, createTask);
      // A request ID the API refused is used up: the next submission carries a fresh one.
      if (failure.data.fields.requestId) failure.data.values.requestId = crypto.randomUUID();
      return failure;
    }
    return { assigned: createTask.assigneeUnit?.name ?? '' };
  },

  issue: async (event) => {
    const { issuePlan } = await graphql<{ issuePlan: Result }>(
      event,
      `mutation ($planId: ID!) { issuePlan(planId: $planId) { ${RESULT} } }`,
      { planId: event.params.id },
    );
    if (issuePlan.__typename !== 'ReformPlan') return refused('issue', {}, issuePlan);
    back(event, 'issued');
  },

  deleteTask: async (event) => {
    const form = await readForm(event.request);
    const { deleteDraftTask } = await graphql<{ deleteDraftTask: Result }>(
      event,
      `mutation ($taskId: ID!) { deleteDraftTask(taskId: $taskId) { ${RESULT} } }`,
      { taskId: form.taskId ?? '' },
    );
    if (deleteDraftTask.__typename !== 'ReformPlan') {
      return fail(400, {
        form: 'delete' as const,
        values: { ...form },
        message: deleteDraftTask.message ?? '',
        fields: {},
      });
    }
    back(event, 'deleted');
  },

  editPlan: async (event) => {
    const form = await readForm(event.request);
    const { updateDraftPlan } = await graphql<{ updateDraftPlan: Result }>(
      event,
      `mutation ($input: UpdateDraftPlanInput!) { updateDraftPlan(input: $input) { ${RESULT} } }`,
      {
        input: {
          planId: event.params.id,
          title: form.title ?? '',
          cadence: form.cadence === 'HALF_YEARLY' ? 'HALF_YEARLY' : 'QUARTERLY',
        },
      },
    );
    if (updateDraftPlan.__typename !== 'ReformPlan') return refused('plan', form, updateDraftPlan);
    back(event, 'planSaved');
  },

  /** First step: how many tasks, for which units; nothing is written. */
  bulkPreview: async (event) => {
    const form = await readForm(event.request);
    const { bulkAssignPreview } = await graphql<{ bulkAssignPreview: Result }>(
      event,
      `
        query ($input: BulkAssignTasksInput!) {
          bulkAssignPreview(input: $input) {
            ${RESULT}
            ... on BulkAssignPreview {
              count
              alreadyAssigned
              units {
                id
                name
              }
            }
          }
        }
      `,
      { input: bulkInput(event, form) },
    );
    if (bulkAssignPreview.__typename !== 'BulkAssignPreview') return refused('bulk', form, bulkAssignPreview);
    return {
      form: 'bulk' as const,
      values: { ...form },
      preview: {
        count: bulkAssignPreview.count ?? 0,
        alreadyAssigned: bulkAssignPreview.alreadyAssigned ?? 0,
        units: bulkAssignPreview.units ?? [],
      },
    };
  },

  /** "Change": back to the first step with what was typed. */
  bulkChange: async (event) => {
    const form = await readForm(event.request);
    return { form: 'bulk' as const, values: { ...form } };
  },

  /** Second step: the tasks are written, with the request ID the preview carried. */
  bulkAssign: async (event) => {
    const form = await readForm(event.request);
    const { bulkAssignTasks } = await graphql<{ bulkAssignTasks: Result }>(
      event,
      `
        mutation ($input: BulkAssignTasksInput!) {
          bulkAssignTasks(input: $input) {
            ${RESULT}
            ... on BulkAssignment {
              count
            }
          }
        }
      `,
      { input: bulkInput(event, form) },
    );
    if (bulkAssignTasks.__typename !== 'BulkAssignment') {
      const failure = refused('bulk', form, bulkAssignTasks);
      if (failure.data.fields.requestId) failure.data.values.requestId = crypto.randomUUID();
      return failure;
    }
    back(event, 'bulk', `&count=${bulkAssignTasks.count ?? 0}`);
  },

  schedule: async (event) => {
    const form = await readForm(event.request);
    const { schedulePlanPhases } = await graphql<{ schedulePlanPhases: Result }>(
      event,
      `mutation ($input: SchedulePlanPhasesInput!) { schedulePlanPhases(input: $input) { ${RESULT} } }`,
      {
        input: {
          planId: event.params.id,
          assessmentOpens: form.assessmentOpens || null,
          appraisalOpens: form.appraisalOpens || null,
          publishedOn: form.publishedOn || null,
          closesOn: form.closesOn || null,
        },
      },
    );
    if (schedulePlanPhases.__typename !== 'ReformPlan') return refused('schedule', form, schedulePlanPhases);
    back(event, 'phases');
  },

  advance: async (event) => {
    const form = await readForm(event.request);
    const { advancePlanPhase } = await graphql<{ advancePlanPhase: Result }>(
      event,
      `mutation ($input: AdvancePlanPhaseInput!) { advancePlanPhase(input: $input) { ${RESULT} } }`,
      { input: { planId: event.params.id, from: PHASES.includes(form.from ?? '') ? form.from : 'DRAFT' } },
    );
    if (advancePlanPhase.__typename !== 'ReformPlan') return refused('advance', form, advancePlanPhase);
    back(event, 'advanced');
  },
};
