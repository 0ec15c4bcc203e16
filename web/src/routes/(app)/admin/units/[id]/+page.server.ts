import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { m } from '#lib/paraglide/messages.js';
import { readForm } from '#lib/server/forms.ts';
import { execute } from '#lib/server/graphql.ts';
import { AdminErrorFields, adminFormErrors } from '../../forms.ts';
import { CREATE_UNIT, PARENT_CHOICES, isUnitLevel, parentChoices } from '../queries.ts';

const UNIT = graphql(`
  query AdminUnit($id: ID!) {
    adminUnit(id: $id) {
      id
      name
      code
      level
      depth
      mergedAt
      parent {
        id
        name
        code
        administered
      }
      mergedInto {
        id
        name
        administered
      }
      children {
        id
        name
        code
        level
      }
      people {
        id
        role
        user {
          id
          name
          email
          active
        }
      }
    }
  }
`);

const SIBLINGS = graphql(`
  query AdminUnitSiblings($id: ID!) {
    adminUnit(id: $id) {
      children {
        id
        name
        code
      }
    }
  }
`);

const UPDATE_UNIT = graphql(
  `
    mutation AdminUpdateUnit($input: UpdateUnitInput!) {
      updateUnit(input: $input) {
        __typename
        ...AdminErrorFields
      }
    }
  `,
  [AdminErrorFields],
);

const MOVE_UNIT = graphql(
  `
    mutation AdminMoveUnit($input: MoveUnitInput!) {
      moveUnit(input: $input) {
        __typename
        ...AdminErrorFields
      }
    }
  `,
  [AdminErrorFields],
);

export const load: PageServerLoad = async (event) => {
  const { adminUnit: unit } = await execute(event, UNIT, { id: event.params.id });
  if (!unit) error(404, m.adm_none_found());
  // A merger usually joins units under the same parent: those are the successors offered.
  const siblings =
    unit.parent?.administered && !unit.mergedInto
      ? ((await execute(event, SIBLINGS, { id: unit.parent.id })).adminUnit?.children ?? []).filter(
          (sibling) => sibling.id !== unit.id,
        )
      : [];
  const choices = unit.mergedInto
    ? []
    : parentChoices(await execute(event, PARENT_CHOICES)).filter((choice) => choice.id !== unit.id);
  const params = event.url.searchParams;
  return {
    unit,
    siblings,
    choices,
    notice: params.has('created')
      ? m.adm_created_unit({ name: unit.name })
      : params.has('saved')
        ? m.adm_saved()
        : params.has('moved')
          ? m.adm_moved()
          : null,
    merged: params.has('merged')
      ? {
          from: params.get('merged') ?? '',
          tasks: Number(params.get('tasks') ?? 0),
          corrective: Number(params.get('corrective') ?? 0),
          done: params.get('done') === '1',
        }
      : null,
  };
};

export const actions: Actions = {
  update: async (event) => {
    const form = await readForm<'name' | 'code' | 'level'>(event.request);
    const { updateUnit } = await execute(event, UPDATE_UNIT, {
      input: {
        id: event.params.id,
        name: form.name,
        code: form.code,
        level: isUnitLevel(form.level) ? form.level : null,
      },
    });
    if (updateUnit.__typename !== 'AdminUnit') {
      return fail(400, { form: 'update', values: form, ...adminFormErrors(updateUnit, ['name', 'code']) });
    }
    redirect(303, `/admin/units/${event.params.id}?saved`);
  },
  move: async (event) => {
    const form = await readForm<'parentId'>(event.request);
    const { moveUnit } = await execute(event, MOVE_UNIT, {
      input: { id: event.params.id, parentId: form.parentId },
    });
    if (moveUnit.__typename !== 'AdminUnit') {
      return fail(400, { form: 'move', values: form, ...adminFormErrors(moveUnit, ['parentId']) });
    }
    redirect(303, `/admin/units/${event.params.id}?moved`);
  },
  create: async (event) => {
    const form = await readForm<'name' | 'code' | 'level'>(event.request);
    const { createUnit } = await execute(event, CREATE_UNIT, {
      input: {
        name: form.name,
        code: form.code,
        level: isUnitLevel(form.level) ? form.level : 'COMMUNE',
        parentId: event.params.id,
      },
    });
    if (createUnit.__typename !== 'AdminUnit') {
      return fail(400, { form: 'create', values: form, ...adminFormErrors(createUnit, ['name', 'code']) });
    }
    redirect(303, `/admin/units/${createUnit.id}?created`);
  },
};
