import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { CommandErrorFields } from '#lib/fragments.ts';
import { graphql } from '#lib/graphql.ts';
import { oneOf, readForm } from '#lib/server/forms.ts';
import { execute, formErrors, type Refusal } from '#lib/server/graphql.ts';
import { PLAN_PAGE_QUERY } from '#lib/queries.ts';

/** Confirmation messages after a redirect (`?done=`), so a reload does not send the form again. */
const DONE = ['edited', 'deleted', 'planSaved', 'bulk', 'phases', 'advanced', 'issued'] as const;

/** The unit levels a bulk assignment can name (a province is never under another unit). */
const BULK_LEVELS = ['COMMUNE', 'TOWN', 'WARD', 'DISTRICT', 'DEPARTMENT', 'AGENCY'] as const;

export const load: PageServerLoad = async (event) => {
  // Polled with invalidate('app:plan') while the plan's tasks are being sent to the units.
  event.depends('app:plan');
  // `after` pages through the plan's tasks, 200 at a time.
  const after = event.url.searchParams.get('after');
  const data = await execute(event, PLAN_PAGE_QUERY, {
    id: event.params.id,
    after,
  });
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

const CREATE_TASK = graphql(
  `
    mutation CreateTask($input: CreateTaskInput!) {
      createTask(input: $input) {
        __typename
        ...CommandErrorFields
        ... on Task {
          id
          assigneeUnit {
            name
          }
        }
      }
    }
  `,
  [CommandErrorFields],
);

const ISSUE_PLAN = graphql(
  `
    mutation IssuePlan($planId: ID!) {
      issuePlan(planId: $planId) {
        __typename
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const DELETE_DRAFT_TASK = graphql(
  `
    mutation DeleteDraftTask($taskId: ID!) {
      deleteDraftTask(taskId: $taskId) {
        __typename
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const UPDATE_DRAFT_PLAN = graphql(
  `
    mutation UpdateDraftPlan($input: UpdateDraftPlanInput!) {
      updateDraftPlan(input: $input) {
        __typename
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const BULK_ASSIGN_PREVIEW = graphql(
  `
    query BulkAssignPreview($input: BulkAssignTasksInput!) {
      bulkAssignPreview(input: $input) {
        __typename
        ...CommandErrorFields
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
  [CommandErrorFields],
);

const BULK_ASSIGN = graphql(
  `
    mutation BulkAssignTasks($input: BulkAssignTasksInput!) {
      bulkAssignTasks(input: $input) {
        __typename
        ...CommandErrorFields
        ... on BulkAssignment {
          count
        }
      }
    }
  `,
  [CommandErrorFields],
);

const SCHEDULE_PHASES = graphql(
  `
    mutation SchedulePlanPhases($input: SchedulePlanPhasesInput!) {
      schedulePlanPhases(input: $input) {
        __typename
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const ADVANCE_PHASE = graphql(
  `
    mutation AdvancePlanPhase($input: AdvancePlanPhaseInput!) {
      advancePlanPhase(input: $input) {
        __typename
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

type FormName = 'assign' | 'plan' | 'bulk' | 'schedule' | 'delete' | 'issue' | 'advance';

/** A refused form: what was typed comes back with the messages by field (a NotFoundError names its field). */
function refused(form: FormName, values: Record<string, string>, result: Refusal) {
  const errors = formErrors(result);
  if (result.field) errors.fields[result.field] = result.message ?? '';
  // A message shown next to its field is not repeated above the form.
  const message = result.field || result.issues?.length ? '' : errors.message;
  return fail(400, {
    form,
    values: { ...values },
    message,
    fields: errors.fields,
  });
}

/** A whole number for an Int field; anything else becomes 0, which the API refuses with its message. */
const whole = (value: string | undefined, fallback: number) => {
  if (!value) return fallback;
  const number = Number(value);
  return Number.isInteger(number) ? number : 0;
};

const PHASES = ['DRAFT', 'ISSUED', 'ASSESSMENT', 'APPRAISAL', 'PUBLISHED', 'CLOSED'] as const;

const back = (event: RequestEvent, done: string, extra = '') =>
  redirect(303, `${event.url.pathname}?done=${done}${extra}`);

/** The bulk assignment's input, from its form (the same for the preview and the assignment). */
const bulkInput = (event: RequestEvent, form: Record<string, string>) => ({
  requestId: form.requestId || null,
  planId: event.params.id ?? '',
  parentUnitId: form.parentUnitId ?? '',
  level: oneOf(BULK_LEVELS, form.level, 'COMMUNE'),
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
    const { createTask } = await execute(event, CREATE_TASK, {
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
    });
    if (createTask.__typename !== 'Task') {
      const failure = refused('assign', form, createTask);
      // A request ID the API refused is used up: the next submission carries a fresh one.
      if (failure.data.fields.requestId) failure.data.values.requestId = crypto.randomUUID();
      return failure;
    }
    return { assigned: createTask.assigneeUnit?.name ?? '' };
  },

  issue: async (event) => {
    const { issuePlan } = await execute(event, ISSUE_PLAN, {
      planId: event.params.id,
    });
    if (issuePlan.__typename !== 'ReformPlan') return refused('issue', {}, issuePlan);
    back(event, 'issued');
  },

  deleteTask: async (event) => {
    const form = await readForm(event.request);
    const { deleteDraftTask } = await execute(event, DELETE_DRAFT_TASK, {
      taskId: form.taskId ?? '',
    });
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
    const { updateDraftPlan } = await execute(event, UPDATE_DRAFT_PLAN, {
      input: {
        planId: event.params.id,
        title: form.title ?? '',
        cadence: form.cadence === 'HALF_YEARLY' ? 'HALF_YEARLY' : 'QUARTERLY',
      },
    });
    if (updateDraftPlan.__typename !== 'ReformPlan') return refused('plan', form, updateDraftPlan);
    back(event, 'planSaved');
  },

  /** First step: how many tasks, for which units; nothing is written. */
  bulkPreview: async (event) => {
    const form = await readForm(event.request);
    const { bulkAssignPreview } = await execute(event, BULK_ASSIGN_PREVIEW, {
      input: bulkInput(event, form),
    });
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
    const { bulkAssignTasks } = await execute(event, BULK_ASSIGN, {
      input: bulkInput(event, form),
    });
    if (bulkAssignTasks.__typename !== 'BulkAssignment') {
      const failure = refused('bulk', form, bulkAssignTasks);
      if (failure.data.fields.requestId) failure.data.values.requestId = crypto.randomUUID();
      return failure;
    }
    back(event, 'bulk', `&count=${bulkAssignTasks.count ?? 0}`);
  },

  schedule: async (event) => {
    const form = await readForm(event.request);
    const { schedulePlanPhases } = await execute(event, SCHEDULE_PHASES, {
      input: {
        planId: event.params.id,
        assessmentOpens: form.assessmentOpens || null,
        appraisalOpens: form.appraisalOpens || null,
        publishedOn: form.publishedOn || null,
        closesOn: form.closesOn || null,
      },
    });
    if (schedulePlanPhases.__typename !== 'ReformPlan') return refused('schedule', form, schedulePlanPhases);
    back(event, 'phases');
  },

  advance: async (event) => {
    const form = await readForm(event.request);
    const { advancePlanPhase } = await execute(event, ADVANCE_PHASE, {
      input: {
        planId: event.params.id,
        from: oneOf(PHASES, form.from, 'DRAFT'),
      },
    });
    if (advancePlanPhase.__typename !== 'ReformPlan') return refused('advance', form, advancePlanPhase);
    back(event, 'advanced');
  },
};
