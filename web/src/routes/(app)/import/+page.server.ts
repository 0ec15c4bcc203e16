import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { graphql } from '#lib/graphql.ts';
import { m } from '#lib/paraglide/messages.js';
import { execute } from '#lib/server/graphql.ts';

// Import from a spreadsheet: choose what, upload (the form action forwards the file to
// /import/upload, the API's route, which stores the dry run), then `/import?batch=<id>` lists the
// problems by row and column or offers to apply the rows; confirming applies them once.

const PLANS = graphql(`
  query ImportPlans {
    importPlans {
      id
      title
      year
    }
  }
`);

const BATCH = graphql(`
  query ImportBatchPage($id: ID!) {
    importBatch(id: $id) {
      __typename
      ... on ImportBatch {
        id
        kind
        status
        fileName
        rowCount
        problems {
          row
          column
          columnHeader
          message
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const CONFIRM = graphql(`
  mutation ConfirmImport($batchId: ID!) {
    confirmImport(batchId: $batchId) {
      __typename
      ... on ImportResult {
        created
        passwords {
          email
          name
          oneTimePassword
        }
        batch {
          rowCount
          fileName
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

const DISCARD = graphql(`
  mutation DiscardImport($batchId: ID!) {
    discardImport(batchId: $batchId) {
      __typename
      ... on Error {
        message
      }
    }
  }
`);

type Kind = 'UNITS' | 'USERS' | 'TASKS';

const text = (value: FormDataEntryValue | null): string => (typeof value === 'string' ? value : '');

function kindsOf(event: RequestEvent): Kind[] {
  const roles = event.locals.user?.roles.map((r) => r.role) ?? [];
  const kinds: Kind[] = [];
  if (roles.includes('ADMIN')) kinds.push('USERS', 'UNITS');
  if (roles.includes('STEERING')) kinds.push('TASKS');
  return kinds;
}

export const load: PageServerLoad = async (event) => {
  const kinds = kindsOf(event);
  if (!kinds.length) error(403, m.xl_forbidden());
  const batchId = event.url.searchParams.get('batch');
  const [plans, batch] = await Promise.all([
    kinds.includes('TASKS') ? execute(event, PLANS).then((data) => data.importPlans) : Promise.resolve([]),
    batchId ? execute(event, BATCH, { id: batchId }).then((data) => data.importBatch) : Promise.resolve(null),
  ]);
  if (batch && batch.__typename !== 'ImportBatch') error(404, batch.message);
  // The plan page's link names its plan: the form opens on task assignments into it.
  const chosenPlan = event.url.searchParams.get('plan');
  return { kinds, plans, batch, chosenPlan };
};

type UploadAnswer = { batch: { id: string } } | { error: { message: string; field: string | null } };

export const actions: Actions = {
  upload: async (event) => {
    if (!kindsOf(event).length) error(403, m.xl_forbidden());
    const form = await event.request.formData();
    const kind = text(form.get('kind'));
    const body = new FormData();
    body.append('kind', kind);
    body.append('planId', text(form.get('planId')));
    const file = form.get('file');
    if (file && typeof file !== 'string') body.append('file', file, file.name);
    const response = await event.fetch('/import/upload', {
      method: 'POST',
      headers: { accept: 'application/json', 'accept-language': event.locals.locale },
      body,
    });
    if (response.status === 401)
      redirect(303, `/login?expired=1&next=${encodeURIComponent(event.url.pathname)}`);
    const answer = (await response.json()) as UploadAnswer;
    if ('error' in answer)
      return fail(response.status, { kind, field: answer.error.field, message: answer.error.message });
    redirect(303, `/import?batch=${encodeURIComponent(answer.batch.id)}`);
  },
  confirm: async (event) => {
    const form = await event.request.formData();
    const batchId = text(form.get('batchId'));
    const { confirmImport } = await execute(event, CONFIRM, { batchId });
    if (confirmImport.__typename !== 'ImportResult') return fail(400, { message: confirmImport.message });
    // The one-time passwords live in this answer only: never stored, never in a URL.
    return {
      applied: {
        created: confirmImport.created,
        fileName: confirmImport.batch.fileName,
        passwords: confirmImport.passwords,
      },
    };
  },
  discard: async (event) => {
    const form = await event.request.formData();
    const { discardImport } = await execute(event, DISCARD, { batchId: text(form.get('batchId')) });
    if (discardImport.__typename !== 'ImportBatch') return fail(400, { message: discardImport.message });
    redirect(303, '/import');
  },
};
