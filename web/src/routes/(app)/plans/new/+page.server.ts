import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { t } from '#lib/i18n.ts';
import { readForm } from '#lib/server/forms.ts';
import { formErrors, graphql } from '#lib/server/graphql.ts';

interface Units {
  units: { id: string; name: string; level: string }[];
}

export const load: PageServerLoad = async (event) => {
  const issuing = new Set(event.locals.user?.roles.filter((r) => r.role === 'STEERING').map((r) => r.unitId));
  // Only the steering committee creates plans: anyone else opening the address is told so, not
  // shown a form that createPlan would refuse.
  if (issuing.size === 0) error(403, t(event.locals.locale, 'plan.new.forbidden'));
  const { units } = await graphql<Units>(event, '{ units { id name level } }');
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
    if (!event.locals.user?.roles.some((r) => r.role === 'STEERING')) {
      error(403, t(event.locals.locale, 'plan.new.forbidden'));
    }
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
