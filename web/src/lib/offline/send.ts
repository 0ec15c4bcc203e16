// Sends one queued change from the page itself, as any client of the API would: photos to
// POST /evidence (multipart, with the photo's UUID as clientId), commands to /graphql (JSON, so
// Yoga's CSRF rule is met; the session cookie goes along, same origin). Every send carries the
// change's own UUID, so a send whose answer was lost can simply be made again (docs/offline.md).
import { print } from 'graphql';
import { CommandErrorFields } from '../fragments.ts';
import { graphql, type VariablesOf } from '../graphql.ts';
import {
  graphqlOutcome,
  uploadOutcome,
  type ChecklistResultChange,
  type FindingChange,
  type PhotoChange,
  type QueuedChange,
  type SendOutcome,
} from './changes.ts';

/** The commands a queued change becomes (typed against api/schema.graphql like every page's). */
export const RECORD_CHECKLIST_RESULT = graphql(
  `
    mutation OfflineRecordChecklistResult($input: RecordChecklistResultInput!) {
      result: recordChecklistResult(input: $input) {
        __typename
        ... on Inspection {
          id
        }
        ...CommandErrorFields
        ... on ChecklistItemChangedError {
          currentResult
          currentNote
          recordedByName
          recordedAt
        }
      }
    }
  `,
  [CommandErrorFields],
);

export const RECORD_FINDING = graphql(
  `
    mutation OfflineRecordFinding($input: RecordFindingInput!) {
      result: recordFinding(input: $input) {
        __typename
        ... on Inspection {
          id
        }
        ...CommandErrorFields
      }
    }
  `,
  [CommandErrorFields],
);

const printed = {
  checklistResult: print(RECORD_CHECKLIST_RESULT),
  finding: print(RECORD_FINDING),
};

/** The mutation and its variables for a queued command; the change's UUID is the requestId. */
export function commandRequest(
  change: ChecklistResultChange | FindingChange,
):
  | { query: string; variables: VariablesOf<typeof RECORD_CHECKLIST_RESULT> }
  | { query: string; variables: VariablesOf<typeof RECORD_FINDING> } {
  if (change.kind === 'checklistResult') {
    const { checklistItemId, result, note, evidenceIds, base } = change.payload;
    return {
      query: printed.checklistResult,
      variables: {
        input: {
          requestId: change.id,
          inspectionId: change.inspectionId,
          checklistItemId,
          result,
          note,
          evidenceIds,
          // The value it was made on; a change queued by an older page has none.
          ...(base ? { base: { result: base.result, note: base.note } } : {}),
        },
      },
    };
  }
  const { findingId, severity, description, checklistItemId, requiresCorrection, evidenceIds } =
    change.payload;
  return {
    query: printed.finding,
    variables: {
      input: {
        requestId: change.id,
        findingId,
        inspectionId: change.inspectionId,
        severity,
        description,
        checklistItemId,
        requiresCorrection,
        evidenceIds,
      },
    },
  };
}

async function json<T>(response: Response): Promise<T | null> {
  try {
    return (await response.json()) as T;
  } catch {
    return null;
  }
}

async function uploadPhoto(change: PhotoChange, locale: string): Promise<SendOutcome> {
  const body = new FormData();
  body.append('inspectionId', change.inspectionId);
  body.append('clientId', change.id);
  body.append('file', change.photo, change.fileName);
  const response = await fetch('/evidence', {
    method: 'POST',
    headers: { accept: 'application/json', 'accept-language': locale },
    body,
  });
  return uploadOutcome(response.status, await json(response));
}

async function sendCommand(
  change: ChecklistResultChange | FindingChange,
  locale: string,
): Promise<SendOutcome> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': locale },
    body: JSON.stringify(commandRequest(change)),
  });
  return graphqlOutcome(response.status, await json(response), 'Inspection');
}

/**
 * Sends one change. A fetch that throws (offline, connection reset) is a change to send again;
 * so is anything that is not a clear answer from the API.
 */
export async function send(change: QueuedChange, locale: string): Promise<SendOutcome> {
  try {
    return change.kind === 'photo' ? await uploadPhoto(change, locale) : await sendCommand(change, locale);
  } catch (error) {
    return { kind: 'retry', message: error instanceof Error ? error.message : String(error) };
  }
}
