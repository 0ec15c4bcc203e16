import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { oneOf, readForm } from '#lib/server/forms.ts';
import { execute } from '#lib/server/graphql.ts';

const KINDS = ['HOLIDAY', 'WORKING_DAY'] as const;

const PAGE = graphql(`
  query HolidaysPage($year: Int!) {
    holidays(year: $year) {
      __typename
      ... on HolidayYear {
        year
        canEdit
        days {
          id
          date
          kind
          nameVi
          nameEn
        }
      }
      ... on InvalidInputError {
        message
      }
    }
  }
`);

const CalendarErrorFields = graphql(`
  fragment CalendarErrorFields on Error {
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

const ADD = graphql(
  `
    mutation AddHoliday($input: AddHolidayInput!) {
      addHoliday(input: $input) {
        __typename
        ... on Holiday {
          date
        }
        ...CalendarErrorFields
      }
    }
  `,
  [CalendarErrorFields],
);

const REMOVE = graphql(
  `
    mutation RemoveHoliday($id: ID!) {
      removeHoliday(id: $id) {
        __typename
        ... on Holiday {
          date
        }
        ...CalendarErrorFields
      }
    }
  `,
  [CalendarErrorFields],
);

/** Today's year in Vietnam. */
const thisYear = (): number => new Date(Date.now() + 7 * 60 * 60 * 1000).getUTCFullYear();

/** The year asked for in the address, or this year; the API says when it is out of range. */
function yearOf(url: URL): number {
  const asked = Number(url.searchParams.get('year'));
  return Number.isInteger(asked) && asked > 0 ? asked : thisYear();
}

export const load: PageServerLoad = async (event) => {
  const year = yearOf(event.url);
  const { holidays } = await execute(event, PAGE, { year });
  const today = new Date(Date.now() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const params = event.url.searchParams;
  if (holidays.__typename !== 'HolidayYear') {
    return {
      year,
      today,
      yearError: holidays.message,
      days: [],
      canEdit: false,
      removing: null,
      done: { added: null, removed: null },
    };
  }
  const removing = holidays.days.find((day) => day.id === params.get('remove')) ?? null;
  const done = { added: params.get('added'), removed: params.get('removed') };
  return {
    year,
    today,
    yearError: null,
    days: holidays.days,
    canEdit: holidays.canEdit,
    removing: holidays.canEdit ? removing : null,
    done,
  };
};

interface Refused {
  message?: string;
  field?: string | null;
  issues?: readonly { field: string; message: string }[];
}

/** A refusal's messages by field (date, kind, nameVi, nameEn); `message` for the whole form. */
function refusal(result: Refused) {
  const fields: Record<string, string> = {};
  for (const issue of result.issues ?? []) fields[issue.field.replace(/^input\./, '')] = issue.message;
  if (!result.issues && result.field) fields[result.field] = result.message ?? '';
  const message = Object.values(fields).includes(result.message ?? '') ? '' : (result.message ?? '');
  return { message, fields };
}

const back = (event: RequestEvent, year: string, query: string) =>
  redirect(303, `${event.url.pathname}?year=${encodeURIComponent(year)}&${query}`);

export const actions: Actions = {
  add: async (event) => {
    const form = await readForm<'date' | 'kind' | 'nameVi' | 'nameEn'>(event.request);
    const { addHoliday } = await execute(event, ADD, {
      input: {
        date: form.date,
        kind: oneOf(KINDS, form.kind, 'HOLIDAY'),
        nameVi: form.nameVi,
        nameEn: form.nameEn,
      },
    });
    if (addHoliday.__typename !== 'Holiday') {
      const values: Record<string, string> = { ...form };
      return fail(400, { form: 'add' as const, values, ...refusal(addHoliday) });
    }
    const date = addHoliday.date;
    back(event, date.slice(0, 4), `added=${date}`);
  },
  remove: async (event) => {
    const form = await readForm<'id' | 'year'>(event.request);
    const { removeHoliday } = await execute(event, REMOVE, { id: form.id });
    if (removeHoliday.__typename !== 'Holiday') {
      const values: Record<string, string> = { ...form };
      return fail(400, { form: 'remove' as const, values, ...refusal(removeHoliday) });
    }
    back(event, form.year, `removed=${removeHoliday.date}`);
  },
};
