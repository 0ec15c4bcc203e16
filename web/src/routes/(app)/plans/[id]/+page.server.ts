import { error, fail } from '@sveltejs/kit';
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
    completion: number | null;
    issuingDone: number;
    issuingTotal: number;
    issuingUnit: { id: string; name: string };
    viewerCanAssign: boolean;
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

export const load: PageServerLoad = async (event) => {
  // `after` pages through the plan's tasks, 200 at a time.
  const after = event.url.searchParams.get('after');
  const data = await graphql<PlanPage>(event, PLAN_PAGE_QUERY, { id: event.params.id, after });
  if (!data.plan) error(404, 'Not found');
  // The API says where createTask can succeed (the committee of the issuing unit), and to which units.
  return { ...data, plan: data.plan, canAssign: data.plan.viewerCanAssign, requestId: crypto.randomUUID() };
};

interface CreateTask {
  createTask: {
    __typename: string;
    id?: string;
    assigneeUnit?: { name: string };
    message?: string;
    issues?: { field: string; message: string }[];
    field?: string;
  };
}

export const actions: Actions = {
  assign: async (event) => {
    const form = await readForm(event.request);
    const { createTask } = await graphql<CreateTask>(
      event,
      `
        mutation ($input: CreateTaskInput!) {
          createTask(input: $input) {
            __typename
            ... on Task {
              id
              assigneeUnit {
                name
              }
            }
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
          weight: form.weight ? Number(form.weight) : 1,
        },
      },
    );
    if (createTask.__typename !== 'Task') {
      const errors = formErrors(createTask);
      if (createTask.field) errors.fields[createTask.field] = createTask.message ?? '';
      // A request ID the API refused is used up: the next submission carries a fresh one.
      const values = errors.fields.requestId ? { ...form, requestId: crypto.randomUUID() } : form;
      return fail(400, { values, ...errors });
    }
    return { assigned: createTask.assigneeUnit?.name ?? '' };
  },

  issue: async (event) => {
    const { issuePlan } = await graphql<{ issuePlan: { __typename: string; message?: string } }>(
      event,
      `
        mutation ($planId: ID!) {
          issuePlan(planId: $planId) {
            __typename
            ... on Error {
              message
            }
          }
        }
      `,
      { planId: event.params.id },
    );
    if (issuePlan.__typename !== 'ReformPlan') return fail(400, { issueError: issuePlan.message ?? '' });
    return { issued: true };
  },
};
