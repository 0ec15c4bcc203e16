import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '#lib/server/forms.ts';
import { formErrors, graphql } from '#lib/server/graphql.ts';

interface Units {
  units: { id: string; name: string; level: string }[];
}

export const load: PageServerLoad = async (event) => {
  const { units } = await graphql<Units>(event, '{ units { id name level } }');
  const issuing = new Set(event.locals.user?.roles.filter((r) => r.role === 'STEERING').map((r) => r.unitId));
  return { units: units.filter((unit) => issuing.has(unit.id)), requestId: crypto.randomUUID() };
};

interface CreatePlan {
  createPlan: {
    __typename: string;
    id?: string;
    message?: string;
    issues?: { field: string; message: string }[];
  };
}

export const actions: Actions = {
  default: async (event) => {
    const form = await readForm(event.request);
    const { createPlan } = await graphql<CreatePlan>(
      event,
      `
        mutation ($input: CreatePlanInput!) {
          createPlan(input: $input) {
            __typename
            ... on ReformPlan {
              id
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
          }
        }
      `,
      {
        input: {
          requestId: form.requestId,
          title: form.title ?? '',
          year: Number(form.year),
          issuingUnitId: form.issuingUnitId ?? '',
          cadence: form.cadence === 'HALF_YEARLY' ? 'HALF_YEARLY' : 'QUARTERLY',
        },
      },
    );
    if (createPlan.__typename !== 'ReformPlan') {
      const errors = formErrors(createPlan);
      // A request ID the API refused is used up: the next submission carries a fresh one.
      const values = errors.fields.requestId ? { ...form, requestId: crypto.randomUUID() } : form;
      return fail(400, { values, ...errors });
    }
    redirect(303, `/plans/${createPlan.id}`);
  },
};
