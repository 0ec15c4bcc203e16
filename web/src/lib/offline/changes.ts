// What the inspection page keeps while it cannot reach the server: each change an inspector
// makes (a checklist result, a finding, a photo), with the UUID it got when it was made. The UUID
// is what makes sending it again harmless (docs/offline.md): a checklist result's UUID is its
// mutation's requestId (the Temporal Update ID), a finding's is its findingId and requestId, a
// photo's is the upload's clientId. Pure code: the queue (queue.ts) stores these, the sender
// (send.ts) turns the server's answers into the outcomes below.

export type ChecklistResultValue = 'PASS' | 'FAIL' | 'NOT_APPLICABLE';
export type FindingSeverityValue = 'CRITICAL' | 'MAJOR' | 'MINOR' | 'OBSERVATION';

interface ChangeBase {
  /** crypto.randomUUID() when the inspector made the change; the store's key. */
  id: string;
  inspectionId: string;
  /** Who made it: it is sent only while this person is signed in. */
  userId: string;
  /** Milliseconds; changes are sent in this order (unique per browser, see nextCreatedAt). */
  createdAt: number;
  /** Sends that did not reach an answer (network down, server error). */
  attempts: number;
  /** The last send's problem, in the page's language. */
  lastError: string | null;
  /** Refused by the API with a typed error: kept and shown, not sent again until retried. */
  failed: boolean;
  /** After a network failure, the earliest time of the next automatic try (ms). */
  nextAttemptAt: number;
}

/** A photo taken offline: uploaded (POST /evidence, clientId = id) before the change naming it. */
export interface PhotoChange extends ChangeBase {
  kind: 'photo';
  photo: Blob;
  fileName: string;
}

/** The photos a change names: uploaded ones by evidence ID, waiting ones by their photo change ID. */
export interface PhotoRefs {
  evidenceIds: string[];
  photoIds: string[];
}

/** A checklist item's result and note (its photos only add up, so they never conflict). */
export interface ChecklistValue {
  result: ChecklistResultValue | null;
  note: string | null;
}

/**
 * What the server said the item holds when it refused a change made on another value (the API's
 * ChecklistItemChangedError): someone recorded it since. The inspector keeps theirs or mine.
 */
export interface ChecklistConflict extends ChecklistValue {
  recordedByName: string | null;
  /** ISO 8601. */
  recordedAt: string | null;
}

export interface ChecklistResultChange extends ChangeBase {
  kind: 'checklistResult';
  payload: PhotoRefs & {
    checklistItemId: string;
    result: ChecklistResultValue;
    note: string | null;
    /**
     * The item's value this change was made on (sent as the mutation's `base`): the server
     * applies the change only if the item still holds it, or holds this change's value already.
     * Absent in changes queued by older versions of the page: sent without it.
     */
    base?: ChecklistValue | null;
  };
  /** Refused because the item holds another value now (also `failed`): what it holds. */
  conflict?: ChecklistConflict | null;
}

export interface FindingChange extends ChangeBase {
  kind: 'finding';
  payload: PhotoRefs & {
    /** The finding's own ID (the row's key): the change's UUID when the page queues it. */
    findingId: string;
    severity: FindingSeverityValue;
    description: string;
    checklistItemId: string | null;
    requiresCorrection: boolean;
  };
}

export type QueuedChange = PhotoChange | ChecklistResultChange | FindingChange;
export type CommandChange = ChecklistResultChange | FindingChange;

let lastCreatedAt = 0;

/** Now, but later than any change made before in this page: the sending order is never a tie. */
export function nextCreatedAt(now = Date.now(), latestStored = 0): number {
  lastCreatedAt = Math.max(now, lastCreatedAt + 1, latestStored + 1);
  return lastCreatedAt;
}

/** The fields every new change starts with. */
export function freshChange(inspectionId: string, userId: string, createdAt: number) {
  return {
    id: crypto.randomUUID(),
    inspectionId,
    userId,
    createdAt,
    attempts: 0,
    lastError: null,
    failed: false,
    nextAttemptAt: 0,
  };
}

/** Creation order (ID as tie-break for changes stored by older code). */
export const inSendingOrder = (a: QueuedChange, b: QueuedChange): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A change after its photo was uploaded: the local reference replaced by the evidence ID. */
export function withUploadedPhoto<C extends CommandChange>(
  change: C,
  photoId: string,
  evidenceId: string,
): C {
  if (!change.payload.photoIds.includes(photoId)) return change;
  return {
    ...change,
    payload: {
      ...change.payload,
      photoIds: change.payload.photoIds.filter((id) => id !== photoId),
      evidenceIds: change.payload.evidenceIds.includes(evidenceId)
        ? change.payload.evidenceIds
        : [...change.payload.evidenceIds, evidenceId],
    },
  };
}

/** A change after the inspector discarded one of its photos before it was sent. */
export function withoutPhoto<C extends CommandChange>(change: C, photoId: string): C {
  if (!change.payload.photoIds.includes(photoId)) return change;
  return {
    ...change,
    payload: { ...change.payload, photoIds: change.payload.photoIds.filter((id) => id !== photoId) },
  };
}

/**
 * The value a new change of an item is made on: the value set by this person's latest queued
 * change of the item (changes are applied in order, so it holds by the time the new one
 * arrives); the item's value the server gave in a conflict, when that change was refused for
 * one; else what the page shows of the item. Changes refused for another reason are passed over
 * (they will not be applied as they are).
 */
export function baseFor(
  changes: readonly QueuedChange[],
  checklistItemId: string,
  shown: ChecklistValue,
): ChecklistValue {
  const ofItem = changes
    .filter(
      (change): change is ChecklistResultChange =>
        change.kind === 'checklistResult' && change.payload.checklistItemId === checklistItemId,
    )
    .sort(inSendingOrder);
  for (const change of ofItem.reverse()) {
    if (change.conflict) return { result: change.conflict.result, note: change.conflict.note };
    if (change.failed) continue;
    return { result: change.payload.result, note: change.payload.note };
  }
  return { result: shown.result, note: shown.note || null };
}

/**
 * "Keep mine" after a conflict: the same result, note and photos as a NEW change (a fresh UUID:
 * the refused one's Update ID is answered with its refusal), made on the value the item holds
 * now, so the server applies it knowingly, and sent after everything queued before.
 */
export function keptMine(change: ChecklistResultChange, createdAt: number): ChecklistResultChange {
  const { conflict, ...rest } = change;
  return {
    ...rest,
    ...freshChange(change.inspectionId, change.userId, createdAt),
    payload: {
      ...change.payload,
      base: conflict ? { result: conflict.result, note: conflict.note } : (change.payload.base ?? null),
    },
  };
}

/**
 * "Keep theirs" after a conflict: nothing of mine is recorded over theirs; but photos are never
 * a conflict (they only add up), so a change with photos becomes their value again with my
 * photos. Null: nothing is left to send (the change is discarded).
 */
export function keptTheirs(change: ChecklistResultChange, createdAt: number): ChecklistResultChange | null {
  const { conflict } = change;
  const photos = change.payload.evidenceIds.length + change.payload.photoIds.length;
  if (!conflict?.result || photos === 0) return null;
  const theirs = { result: conflict.result, note: conflict.note };
  const { conflict: _conflict, ...rest } = change;
  return {
    ...rest,
    ...freshChange(change.inspectionId, change.userId, createdAt),
    payload: { ...change.payload, ...theirs, base: theirs },
  };
}

/** Seconds between automatic tries after the n-th failed send: 30 s, 1, 2, 4 min, then 5 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}

/** What one send came to. */
export type SendOutcome =
  /** The server holds the change (now, or from an earlier send of the same ID). */
  | { kind: 'applied'; evidenceId?: string }
  /**
   * The API refused it with a typed error: shown with this message, not sent again by itself;
   * `conflict` when the item holds another value than the change was made on.
   */
  | { kind: 'refused'; message: string; conflict?: ChecklistConflict }
  /** No answer (offline, server or Temporal unavailable): sent again later. */
  | { kind: 'retry'; message: string }
  /** The session ended: nothing more is sent until the person signs in again. */
  | { kind: 'signIn'; message: string };

interface GraphQLAnswer {
  data?: {
    result?: {
      __typename?: string;
      message?: string;
      issues?: { message: string }[];
      currentResult?: ChecklistResultValue | null;
      currentNote?: string | null;
      recordedByName?: string | null;
      recordedAt?: string | null;
    } | null;
  } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Refusals of the request itself (limits, origin, input): sending it again would not help. */
const REFUSED_REQUEST_CODES = new Set([
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'QUERY_TOO_EXPENSIVE',
  'PAGE_TOO_LARGE',
  'TOO_MANY_ALIASES',
  'REPEATED_FIELD',
  'LIST_TOO_LONG',
  'PAYLOAD_TOO_LARGE',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
]);

/**
 * The outcome of a command's answer from /graphql (`result: <mutation>` with __typename):
 * `expected` is the type of a success (Inspection). An error type in the result is the API's
 * typed refusal (its message, and each field's problem), except ServiceUnavailableError, which
 * says the workflow service could not be reached: that is sent again.
 */
export function graphqlOutcome(status: number, answer: GraphQLAnswer | null, expected: string): SendOutcome {
  const error = answer?.errors?.[0];
  const code = error?.extensions?.code;
  if (status === 401 || code === 'UNAUTHENTICATED') {
    return { kind: 'signIn', message: error?.message ?? `HTTP ${status}` };
  }
  const result = answer?.data?.result;
  if (result?.__typename === expected) return { kind: 'applied' };
  if (result?.__typename === 'ServiceUnavailableError') {
    return { kind: 'retry', message: result.message ?? result.__typename };
  }
  if (result?.__typename === 'ChecklistItemChangedError') {
    return {
      kind: 'refused',
      message: result.message ?? result.__typename,
      conflict: {
        result: result.currentResult ?? null,
        note: result.currentNote ?? null,
        recordedByName: result.recordedByName ?? null,
        recordedAt: result.recordedAt ?? null,
      },
    };
  }
  if (result?.__typename?.endsWith('Error')) {
    const messages = [result.message, ...(result.issues ?? []).map((issue) => issue.message)].filter(
      (text): text is string => !!text,
    );
    return { kind: 'refused', message: [...new Set(messages)].join(' ') || result.__typename };
  }
  if (code && REFUSED_REQUEST_CODES.has(code)) return { kind: 'refused', message: error.message };
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return { kind: 'refused', message: error?.message ?? `HTTP ${status}` };
  }
  // 5xx, an unexpected (masked) error, or an answer that is not GraphQL: tried again later.
  return { kind: 'retry', message: error?.message ?? `HTTP ${status}` };
}

interface UploadAnswer {
  evidence?: { id: string }[];
  error?: { code: string; message: string };
}

/** The outcome of POST /evidence: 201 with the (first) row for this clientId, or a refusal. */
export function uploadOutcome(status: number, answer: UploadAnswer | null): SendOutcome {
  const evidenceId = answer?.evidence?.[0]?.id;
  if (status >= 200 && status < 300 && evidenceId) return { kind: 'applied', evidenceId };
  const message = answer?.error?.message ?? `HTTP ${status}`;
  if (status === 401) return { kind: 'signIn', message };
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return { kind: 'refused', message };
  return { kind: 'retry', message };
}
