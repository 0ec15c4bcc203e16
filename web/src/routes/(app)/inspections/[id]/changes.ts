// The changes an inspector makes on the inspection page, each read from its form by ONE function
// into a plain object that carries its client-chosen IDs. The page's form actions send them
// (+page.server.ts); an offline queue can keep the same objects and send them later with the same
// mutations below: a change sent twice carries the same IDs, so the API applies it once
// (requestId = the Temporal Update ID; findingId = the finding's own ID; a photo's clientId lets
// POST /evidence answer a re-sent file with the row it already has). Browser-safe: no server code.
import { CommandErrorFields } from '#lib/fragments.ts';
import { graphql, type VariablesOf } from '#lib/graphql.ts';

export const CHECKLIST_RESULTS = ['PASS', 'FAIL', 'NOT_APPLICABLE'] as const;
export type ChecklistResultValue = (typeof CHECKLIST_RESULTS)[number];
export const SEVERITIES = ['CRITICAL', 'MAJOR', 'MINOR', 'OBSERVATION'] as const;
export type SeverityValue = (typeof SEVERITIES)[number];

/** A photo or file chosen with a change, with the ID its upload is recognised by. */
export interface ChangeFile {
  clientId: string;
  file: File;
}

/** A checklist item's result, note and photos. */
export interface ChecklistResultChange {
  kind: 'checklistResult';
  /** The change's ID: the mutation's requestId. */
  id: string;
  inspectionId: string;
  checklistItemId: string;
  /** Null when the form named no valid result (the API refuses it and says so). */
  result: ChecklistResultValue | null;
  note: string;
  /** Files uploaded earlier (a refused send of this form) and kept with it. */
  evidenceIds: string[];
  files: ChangeFile[];
  /**
   * The item's result and note the form showed (its hidden baseResult / baseNote): the server
   * refuses the change if someone recorded another value since. Null for a form without them.
   */
  base: { result: ChecklistResultValue | null; note: string | null } | null;
}

/** A finding, with its own client-chosen ID. */
export interface FindingChange {
  kind: 'finding';
  /** The change's ID: the mutation's requestId. */
  id: string;
  findingId: string;
  inspectionId: string;
  severity: SeverityValue | null;
  description: string;
  checklistItemId: string | null;
  requiresCorrection: boolean;
  evidenceIds: string[];
  files: ChangeFile[];
}

export type InspectionChange = ChecklistResultChange | FindingChange;

const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

const oneOf = <Value extends string>(values: readonly Value[], value: string): Value | null =>
  values.find((candidate) => candidate === value) ?? null;

/** A fresh UUID where the form sent none (a form rendered before its ID was given). */
const idOr = (value: string): string => value || crypto.randomUUID();

/**
 * The n-th file of a change gets an upload ID derived from the change's ID (the last three hex
 * digits replaced by n), so the same form sent again uploads nothing twice. Still a UUID of the
 * same version and variant.
 */
export const fileClientId = (changeId: string, index: number): string =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(changeId)
    ? `${changeId.slice(0, -3)}${index.toString(16).padStart(3, '0')}`
    : crypto.randomUUID();

/** The chosen files of a form (an empty file field still sends a part with no name and no bytes). */
function filesOf(form: FormData, names: string[], changeId: string): ChangeFile[] {
  const files = names
    .flatMap((name) => form.getAll(name))
    .filter((value): value is File => typeof value !== 'string' && (value.size > 0 || value.name !== ''));
  return files.map((file, index) => ({ clientId: fileClientId(changeId, index), file }));
}

const evidenceIdsOf = (form: FormData): string[] =>
  form.getAll('evidenceId').filter((id): id is string => typeof id === 'string' && id !== '');

/** A checklist item's form: the button pressed names the result. */
export function checklistResultChange(inspectionId: string, form: FormData): ChecklistResultChange {
  const id = idOr(text(form, 'requestId'));
  return {
    kind: 'checklistResult',
    id,
    inspectionId,
    checklistItemId: text(form, 'checklistItemId'),
    result: oneOf(CHECKLIST_RESULTS, text(form, 'result')),
    note: text(form, 'note').trim(),
    evidenceIds: evidenceIdsOf(form),
    files: filesOf(form, ['photo'], id),
    base: form.has('baseResult')
      ? {
          result: oneOf(CHECKLIST_RESULTS, text(form, 'baseResult')),
          note: text(form, 'baseNote').trim() || null,
        }
      : null,
  };
}

/** The finding form. An observation never requires correction. */
export function findingChange(inspectionId: string, form: FormData): FindingChange {
  const id = idOr(text(form, 'requestId'));
  const severity = oneOf(SEVERITIES, text(form, 'severity'));
  return {
    kind: 'finding',
    id,
    findingId: idOr(text(form, 'findingId')),
    inspectionId,
    severity,
    description: text(form, 'description').trim(),
    checklistItemId: text(form, 'checklistItemId') || null,
    requiresCorrection: severity !== 'OBSERVATION' && text(form, 'requiresCorrection') === 'on',
    evidenceIds: evidenceIdsOf(form),
    files: filesOf(form, ['file', 'photo'], id),
  };
}

/** What the inspection's page needs back after a change (it loads the whole page again). */
export const RECORD_CHECKLIST_RESULT = graphql(
  `
    mutation RecordChecklistResult($input: RecordChecklistResultInput!) {
      result: recordChecklistResult(input: $input) {
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

export const RECORD_FINDING = graphql(
  `
    mutation RecordFinding($input: RecordFindingInput!) {
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

/** The input of recordChecklistResult, once the change's files are uploaded (their IDs). */
export function checklistResultInput(
  change: ChecklistResultChange & { result: ChecklistResultValue },
  uploadedIds: string[],
): VariablesOf<typeof RECORD_CHECKLIST_RESULT>['input'] {
  return {
    requestId: change.id,
    inspectionId: change.inspectionId,
    checklistItemId: change.checklistItemId,
    result: change.result,
    note: change.note || null,
    evidenceIds: [...change.evidenceIds, ...uploadedIds],
    ...(change.base ? { base: change.base } : {}),
  };
}

/** The input of recordFinding, once the change's files are uploaded (their IDs). */
export function findingInput(
  change: FindingChange & { severity: SeverityValue },
  uploadedIds: string[],
): VariablesOf<typeof RECORD_FINDING>['input'] {
  return {
    requestId: change.id,
    findingId: change.findingId,
    inspectionId: change.inspectionId,
    severity: change.severity,
    description: change.description,
    checklistItemId: change.checklistItemId,
    requiresCorrection: change.requiresCorrection,
    evidenceIds: [...change.evidenceIds, ...uploadedIds],
  };
}

/** The fields of POST /evidence for one file of a change (the upload route's multipart form). */
export function uploadForm(inspectionId: string, file: ChangeFile): FormData {
  const body = new FormData();
  body.append('inspectionId', inspectionId);
  body.append('clientId', file.clientId);
  body.append('file', file.file, file.file.name);
  return body;
}
