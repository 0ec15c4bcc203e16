import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { CommandErrorFields } from '#lib/fragments.ts';
import { graphql } from '#lib/graphql.ts';
import { m } from '#lib/paraglide/messages.js';
import { readForm } from '#lib/server/forms.ts';
import { execute, formErrors } from '#lib/server/graphql.ts';

const UNITS = graphql(`
  query NewPlanUnits {
    units {
      id
      name
      level
    }
  }
`);

const CREATE_PLAN = graphql(
  `
    mutation CreatePlan($input: CreatePlanInput!) {
      createPlan(input: $input) {
        __typename
        ... on ReformPlan {
          id
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

export const load: PageServerLoad = async (event) => {
  const issuing = new Set(event.locals.user?.roles.filter((r) => r.role === 'STEERING').map((r) => r.unitId));
  // Only the steering committee creates plans: anyone else opening the address is told so, not
  // shown a form that createPlan would refuse.
  if (issuing.size === 0) error(403, m.plan_new_forbidden());
  const { units } = await execute(event, UNITS);
  return {
    units: units.filter((unit) => issuing.has(unit.id)),
    requestId: crypto.randomUUID(),
  };
};

export const actions: Actions = {
  default: async (event) => {
    if (!event.locals.user?.roles.some((r) => r.role === 'STEERING')) {
      error(403, m.plan_new_forbidden());
    }
    const form = await readForm(event.request);
    const { createPlan } = await execute(event, CREATE_PLAN, {
      input: {
        requestId: form.requestId,
        title: form.title ?? '',
        year: Number(form.year),
        issuingUnitId: form.issuingUnitId ?? '',
        cadence: form.cadence === 'HALF_YEARLY' ? 'HALF_YEARLY' : 'QUARTERLY',
      },
    });
    if (createPlan.__typename !== 'ReformPlan') {
      const errors = formErrors(createPlan);
      // A request ID the API refused is used up: the next submission carries a fresh one.
      const values = errors.fields.requestId ? { ...form, requestId: crypto.randomUUID() } : form;
      return fail(400, { values, ...errors });
    }
    redirect(303, `/plans/${createPlan.id}`);
  },
};
