import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { oneOf, readForm } from '#lib/server/forms.ts';
import { execute } from '#lib/server/graphql.ts';

const METHODS = ['SELF_ASSESSED', 'COMPUTED', 'SURVEY'] as const;
const DONE = ['copied', 'published', 'saved', 'added', 'removed'] as const;

const PAGE = graphql(`
  query CriteriaSetPage($id: ID!) {
    criteriaSet(id: $id) {
      id
      year
      level
      name
      maxPoints
      publishedAt
      canEdit
      canCopy
      criteria {
        id
        code
        nameVi
        nameEn
        maxPoints
        method
        area {
          id
          name
        }
        children {
          id
          code
          nameVi
          nameEn
          maxPoints
          method
        }
      }
    }
    reformAreas {
      id
      name
    }
  }
`);

const RefusalFields = graphql(`
  fragment CriteriaRefusalFields on Error {
    message
    ... on InvalidInputError {
      issues {
        field
        message
      }
    }
    ... on CalendarRefusedError {
      field
    }
    ... on NotFoundError {
      field
    }
  }
`);

const COPY = graphql(
  `
    mutation CopyCriteriaSet($input: CopyCriteriaSetInput!) {
      result: copyCriteriaSet(input: $input) {
        __typename
        ... on CriteriaSet {
          id
        }
        ...CriteriaRefusalFields
      }
    }
  `,
  [RefusalFields],
);

const PUBLISH = graphql(
  `
    mutation PublishCriteriaSet($id: ID!) {
      result: publishCriteriaSet(id: $id) {
        __typename
        ... on CriteriaSet {
          id
        }
        ...CriteriaRefusalFields
      }
    }
  `,
  [RefusalFields],
);

const UPDATE = graphql(
  `
    mutation UpdateCriterion($input: UpdateCriterionInput!) {
      result: updateCriterion(input: $input) {
        __typename
        ... on CriteriaSet {
          id
        }
        ...CriteriaRefusalFields
      }
    }
  `,
  [RefusalFields],
);

const ADD = graphql(
  `
    mutation AddCriterion($input: AddCriterionInput!) {
      result: addCriterion(input: $input) {
        __typename
        ... on CriteriaSet {
          id
        }
        ...CriteriaRefusalFields
      }
    }
  `,
  [RefusalFields],
);

const REMOVE = graphql(
  `
    mutation RemoveCriterion($id: ID!) {
      result: removeCriterion(id: $id) {
        __typename
        ... on CriteriaSet {
          id
        }
        ...CriteriaRefusalFields
      }
    }
  `,
  [RefusalFields],
);

export const load: PageServerLoad = async (event) => {
  const { criteriaSet: set, reformAreas } = await execute(event, PAGE, { id: event.params.id });
  if (!set) error(404, 'Not found');
  const params = event.url.searchParams;
  const all = set.criteria.flatMap((criterion) => [criterion, ...criterion.children]);
  const done = params.get('done');
  return {
    set,
    areas: reformAreas,
    editing: set.canEdit ? (all.find((c) => c.id === params.get('edit')) ?? null) : null,
    removing: set.canEdit ? (all.find((c) => c.id === params.get('remove')) ?? null) : null,
    confirmPublish: set.canEdit && params.get('confirm') === 'publish',
    done: DONE.find((value) => value === done) ?? null,
  };
};

interface Refused {
  __typename: string;
  message?: string;
  field?: string | null;
  issues?: readonly { field: string; message: string }[];
}

type FormName = 'copy' | 'publish' | 'edit' | 'add' | 'remove';

/** A refused change: the form again with what was typed and each message next to its field. */
function refused(form: FormName, values: Record<string, string>, result: Refused) {
  const fields: Record<string, string> = {};
  for (const issue of result.issues ?? []) fields[issue.field] = issue.message;
  if (!result.issues && result.field) fields[result.field] = result.message ?? '';
  const message = Object.values(fields).includes(result.message ?? '') ? '' : (result.message ?? '');
  return fail(400, { form, values, message, fields });
}

const back = (event: RequestEvent, id: string, done: (typeof DONE)[number]) =>
  redirect(303, `/admin/criteria/${encodeURIComponent(id)}?done=${done}`);

/**
 * A number typed in a form ("1,5" in Vietnamese is 1.5). Text that is no number is sent as -1, so
 * the API answers it with its own message about maximum points, next to the field.
 */
function points(value: string): number {
  const parsed = value.trim() === '' ? NaN : Number(value.trim().replace(',', '.'));
  return Number.isFinite(parsed) ? parsed : -1;
}

export const actions: Actions = {
  copy: async (event) => {
    const form = await readForm<'toYear'>(event.request);
    const { result } = await execute(event, COPY, {
      input: { fromId: event.params.id ?? '', toYear: Number.parseInt(form.toYear, 10) || 0 },
    });
    if (result.__typename !== 'CriteriaSet') return refused('copy', { ...form }, result);
    back(event, result.id, 'copied');
  },
  publish: async (event) => {
    const { result } = await execute(event, PUBLISH, { id: event.params.id ?? '' });
    if (result.__typename !== 'CriteriaSet') return refused('publish', {}, result);
    back(event, result.id, 'published');
  },
  edit: async (event) => {
    const form = await readForm<'id' | 'nameVi' | 'nameEn' | 'maxPoints' | 'method'>(event.request);
    const { result } = await execute(event, UPDATE, {
      input: {
        id: form.id,
        nameVi: form.nameVi,
        nameEn: form.nameEn,
        maxPoints: points(form.maxPoints),
        method: oneOf(METHODS, form.method, 'SELF_ASSESSED'),
      },
    });
    if (result.__typename !== 'CriteriaSet') return refused('edit', { ...form }, result);
    back(event, result.id, 'saved');
  },
  add: async (event) => {
    const form = await readForm<
      'parentId' | 'areaId' | 'code' | 'nameVi' | 'nameEn' | 'maxPoints' | 'method'
    >(event.request);
    const { result } = await execute(event, ADD, {
      input: {
        criteriaSetId: event.params.id ?? '',
        parentId: form.parentId || null,
        areaId: form.areaId || null,
        code: form.code.trim(),
        nameVi: form.nameVi,
        nameEn: form.nameEn,
        maxPoints: points(form.maxPoints),
        method: oneOf(METHODS, form.method, 'SELF_ASSESSED'),
      },
    });
    if (result.__typename !== 'CriteriaSet') return refused('add', { ...form }, result);
    back(event, result.id, 'added');
  },
  remove: async (event) => {
    const form = await readForm<'id'>(event.request);
    const { result } = await execute(event, REMOVE, { id: form.id });
    if (result.__typename !== 'CriteriaSet') return refused('remove', { ...form }, result);
    back(event, result.id, 'removed');
  },
};
