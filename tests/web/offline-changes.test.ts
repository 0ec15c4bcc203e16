// The offline queue's rules that need no browser: how the server's answers are read (sent,
// refused for good, try again, sign in again), how an uploaded photo replaces its local reference,
// the sending order, the pause after a failed send, and which paths the service worker keeps.
// The queue itself (IndexedDB, the service worker, sending) runs in Chromium in
// tests/e2e/offline.test.ts.
import { describe, expect, it } from 'vitest';
import {
  baseFor,
  freshChange,
  graphqlOutcome,
  inSendingOrder,
  keptMine,
  keptTheirs,
  nextCreatedAt,
  retryDelayMs,
  uploadOutcome,
  withoutPhoto,
  withUploadedPhoto,
  type ChecklistResultChange,
  type FindingChange,
  type QueuedChange,
} from '../../web/src/lib/offline/changes.ts';
import { inspectionPageOf, neverCached } from '../../web/src/lib/offline/inspection-pages.ts';
import { commandRequest } from '../../web/src/lib/offline/send.ts';

const findingFields = (photoIds: string[], evidenceIds: string[]) => ({
  severity: 'MAJOR' as const,
  description: 'Bảng niêm yết thủ tục thiếu phí, lệ phí',
  checklistItemId: null,
  requiresCorrection: true,
  evidenceIds,
  photoIds,
});
const finding = (photoIds: string[], evidenceIds: string[] = []): FindingChange => {
  const base = freshChange('insp-1', 'user-1', 10);
  return {
    ...base,
    kind: 'finding',
    payload: { findingId: base.id, ...findingFields(photoIds, evidenceIds) },
  };
};

describe('answers from /graphql', () => {
  it('the expected type is applied, whether new or recognised', () => {
    const answer = { data: { result: { __typename: 'Inspection' } } };
    expect(graphqlOutcome(200, answer, 'Inspection')).toEqual({ kind: 'applied' });
  });

  it('a typed refusal is kept with its message and each field problem, once each', () => {
    const wrongStatus = { data: { result: { __typename: 'CommandRejectedError', message: 'Đã kết thúc' } } };
    expect(graphqlOutcome(200, wrongStatus, 'Inspection')).toEqual({
      kind: 'refused',
      message: 'Đã kết thúc',
    });
    const invalid = {
      data: {
        result: {
          __typename: 'InvalidInputError',
          message: 'Not a photo.',
          issues: [{ message: 'Not a photo.' }, { message: 'Too long.' }],
        },
      },
    };
    expect(graphqlOutcome(200, invalid, 'Inspection')).toEqual({
      kind: 'refused',
      message: 'Not a photo. Too long.',
    });
    const notFound = { data: { result: { __typename: 'NotFoundError', message: 'No such inspection.' } } };
    expect(graphqlOutcome(200, notFound, 'Inspection').kind).toBe('refused');
  });

  it('the workflow service unavailable, a server error, a masked error or no JSON: sent again', () => {
    const unavailable = { data: { result: { __typename: 'ServiceUnavailableError', message: 'Try later' } } };
    expect(graphqlOutcome(200, unavailable, 'Inspection')).toEqual({ kind: 'retry', message: 'Try later' });
    expect(graphqlOutcome(502, null, 'Inspection')).toEqual({ kind: 'retry', message: 'HTTP 502' });
    const masked = { data: null, errors: [{ message: 'Unexpected error.' }] };
    expect(graphqlOutcome(200, masked, 'Inspection')).toEqual({
      kind: 'retry',
      message: 'Unexpected error.',
    });
    expect(graphqlOutcome(429, null, 'Inspection').kind).toBe('retry');
  });

  it('an ended session waits for the person to sign in again', () => {
    const answer = { errors: [{ message: 'Sign in', extensions: { code: 'UNAUTHENTICATED' } }] };
    expect(graphqlOutcome(200, answer, 'Inspection')).toEqual({ kind: 'signIn', message: 'Sign in' });
  });

  it('a request the API refuses as such (origin, limits) is not sent again', () => {
    const foreign = { errors: [{ message: 'Other site', extensions: { code: 'FORBIDDEN' } }] };
    expect(graphqlOutcome(403, foreign, 'Inspection').kind).toBe('refused');
    const tooLarge = { errors: [{ message: 'Too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] };
    expect(graphqlOutcome(413, tooLarge, 'Inspection').kind).toBe('refused');
  });
});

describe('answers from POST /evidence', () => {
  it('201 gives the evidence ID (the first row again for a re-sent clientId)', () => {
    expect(uploadOutcome(201, { evidence: [{ id: 'ev-1' }] })).toEqual({
      kind: 'applied',
      evidenceId: 'ev-1',
    });
  });

  it('a refused file is kept with the message; 401 waits for sign-in; 5xx is sent again', () => {
    const notImage = { error: { code: 'UNSUPPORTED_TYPE', message: 'Không phải ảnh' } };
    expect(uploadOutcome(415, notImage)).toEqual({ kind: 'refused', message: 'Không phải ảnh' });
    expect(uploadOutcome(409, { error: { code: 'WRONG_STATUS', message: 'Closed' } }).kind).toBe('refused');
    expect(uploadOutcome(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in' } }).kind).toBe(
      'signIn',
    );
    expect(uploadOutcome(503, null)).toEqual({ kind: 'retry', message: 'HTTP 503' });
    // 201 without an ID is not an answer to trust.
    expect(uploadOutcome(201, { evidence: [] }).kind).toBe('retry');
  });
});

describe('photos and the changes that name them', () => {
  it('an uploaded photo is named by its evidence ID from then on, once', () => {
    const change = finding(['photo-a', 'photo-b'], ['ev-0']);
    const after = withUploadedPhoto(change, 'photo-a', 'ev-a');
    expect(after.payload).toMatchObject({ photoIds: ['photo-b'], evidenceIds: ['ev-0', 'ev-a'] });
    // The same upload answered twice (a re-sent clientId) changes nothing more.
    expect(withUploadedPhoto(after, 'photo-a', 'ev-a').payload.evidenceIds).toEqual(['ev-0', 'ev-a']);
    expect(withUploadedPhoto(change, 'photo-x', 'ev-x')).toBe(change);
    expect(change.payload.photoIds).toEqual(['photo-a', 'photo-b']);
  });

  it('a discarded photo leaves the change, which goes without it', () => {
    expect(withoutPhoto(finding(['photo-a']), 'photo-a').payload).toMatchObject({
      photoIds: [],
      evidenceIds: [],
    });
  });
});

describe('order and pauses', () => {
  it('changes made in the same millisecond still have an order, after anything stored', () => {
    const first = nextCreatedAt(1000);
    const second = nextCreatedAt(1000);
    expect(second).toBeGreaterThan(first);
    expect(nextCreatedAt(1000, 5_000_000_000_000)).toBe(5_000_000_000_001);
  });

  it('sending order is creation order', () => {
    const a = { ...finding([]), createdAt: 3 } as QueuedChange;
    const b = { ...finding([]), createdAt: 1 } as QueuedChange;
    const c = { ...finding([]), createdAt: 2 } as QueuedChange;
    expect([a, b, c].sort(inSendingOrder).map((change) => change.createdAt)).toEqual([1, 2, 3]);
  });

  it('the pause after failed sends grows from 30 s to at most 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 12].map(retryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 300_000, 300_000,
    ]);
  });
});

describe('what is sent', () => {
  it("a finding's UUID is its findingId and its requestId", () => {
    const change = finding([], ['ev-1']);
    const { variables } = commandRequest(change);
    expect(variables.input).toMatchObject({
      requestId: change.id,
      findingId: change.id,
      inspectionId: 'insp-1',
      severity: 'MAJOR',
      evidenceIds: ['ev-1'],
    });
  });

  it("a checklist result's UUID is its requestId", () => {
    const change: QueuedChange = {
      ...freshChange('insp-1', 'user-1', 1),
      kind: 'checklistResult',
      payload: { checklistItemId: 'item-1', result: 'FAIL', note: 'Thiếu', evidenceIds: [], photoIds: [] },
    };
    expect(commandRequest(change).variables.input).toEqual({
      requestId: change.id,
      inspectionId: 'insp-1',
      checklistItemId: 'item-1',
      result: 'FAIL',
      note: 'Thiếu',
      evidenceIds: [],
    });
    // With the value it was made on (changes queued by older pages have none: sent without).
    const based = { ...change, payload: { ...change.payload, base: { result: null, note: null } } };
    expect(commandRequest(based).variables.input).toMatchObject({ base: { result: null, note: null } });
  });
});

const result = (
  fields: Partial<ChecklistResultChange['payload']> & { checklistItemId?: string },
  extra: Partial<ChecklistResultChange> = {},
): ChecklistResultChange => ({
  ...freshChange('insp-1', 'user-1', nextCreatedAt()),
  kind: 'checklistResult',
  payload: {
    checklistItemId: 'item-1',
    result: 'FAIL',
    note: null,
    evidenceIds: [],
    photoIds: [],
    ...fields,
  },
  ...extra,
});
const theirs = {
  result: 'PASS' as const,
  note: 'Đã niêm yết đủ',
  recordedByName: 'Hoàng Thị Kiểm',
  recordedAt: '2026-12-03T02:15:00.000Z',
};

describe('conflicts: a checklist result carries the value it was made on', () => {
  it('the base is what the page shows, or the value of this device’s latest change of the item', () => {
    const shown = { result: null, note: '' };
    expect(baseFor([], 'item-1', shown)).toEqual({ result: null, note: null });
    const first = result({ result: 'FAIL', note: 'Thiếu sổ' });
    const otherItem = result({ checklistItemId: 'item-2', result: 'PASS' });
    const finding_ = finding([]);
    expect(baseFor([first, otherItem, finding_], 'item-1', shown)).toEqual({
      result: 'FAIL',
      note: 'Thiếu sổ',
    });
    const second = result({ result: 'NOT_APPLICABLE', note: null });
    // Whatever order the queue was read in, the latest change counts.
    expect(baseFor([second, first], 'item-1', shown)).toEqual({ result: 'NOT_APPLICABLE', note: null });
    // A change refused for another reason will not be applied: passed over.
    const refused = result({ result: 'PASS' }, { failed: true, lastError: 'Closed' });
    expect(baseFor([first, refused], 'item-1', shown)).toEqual({ result: 'FAIL', note: 'Thiếu sổ' });
    // A change refused in a conflict: the item holds the value the server gave.
    const conflicted = result({ result: 'FAIL' }, { failed: true, conflict: theirs });
    expect(baseFor([first, conflicted], 'item-1', shown)).toEqual({ result: 'PASS', note: 'Đã niêm yết đủ' });
  });

  it('a ChecklistItemChangedError is a refusal that keeps the item’s current value, who and when', () => {
    const answer = {
      data: {
        result: {
          __typename: 'ChecklistItemChangedError',
          message: 'Since you opened the page, Hoàng Thị Kiểm recorded “Pass”…',
          currentResult: 'PASS' as const,
          currentNote: 'Đã niêm yết đủ',
          recordedByName: 'Hoàng Thị Kiểm',
          recordedAt: '2026-12-03T02:15:00.000Z',
        },
      },
    };
    expect(graphqlOutcome(200, answer, 'Inspection')).toEqual({
      kind: 'refused',
      message: 'Since you opened the page, Hoàng Thị Kiểm recorded “Pass”…',
      conflict: theirs,
    });
  });

  it('“keep mine” is a new change (new UUID, sent last) of the same values and photos, made on theirs', () => {
    const mine = result(
      { result: 'FAIL', note: 'Chưa niêm yết', evidenceIds: ['ev-1'], base: { result: null, note: null } },
      { failed: true, lastError: 'Since you opened…', attempts: 2, conflict: theirs },
    );
    const again = keptMine(mine, mine.createdAt + 100);
    expect(again.id).not.toBe(mine.id);
    expect(again).toMatchObject({
      kind: 'checklistResult',
      inspectionId: 'insp-1',
      userId: 'user-1',
      createdAt: mine.createdAt + 100,
      failed: false,
      lastError: null,
      attempts: 0,
      payload: {
        checklistItemId: 'item-1',
        result: 'FAIL',
        note: 'Chưa niêm yết',
        evidenceIds: ['ev-1'],
        base: { result: 'PASS', note: 'Đã niêm yết đủ' },
      },
    });
    expect('conflict' in again).toBe(false);
    expect(commandRequest(again).variables.input).toMatchObject({
      requestId: again.id,
      result: 'FAIL',
      base: { result: 'PASS', note: 'Đã niêm yết đủ' },
    });
  });

  it('“keep theirs” drops mine, but still sends my photos on their value (photos never conflict)', () => {
    const withoutPhotos = result({ result: 'FAIL' }, { failed: true, conflict: theirs });
    expect(keptTheirs(withoutPhotos, 99)).toBeNull();
    const withPhoto = result(
      { result: 'FAIL', note: 'Chưa niêm yết', evidenceIds: ['ev-1'] },
      { failed: true, conflict: theirs },
    );
    const kept = keptTheirs(withPhoto, withPhoto.createdAt + 1)!;
    expect(kept.id).not.toBe(withPhoto.id);
    expect(kept.payload).toEqual({
      checklistItemId: 'item-1',
      result: 'PASS',
      note: 'Đã niêm yết đủ',
      evidenceIds: ['ev-1'],
      photoIds: [],
      base: { result: 'PASS', note: 'Đã niêm yết đủ' },
    });
    expect(kept.failed).toBe(false);
  });
});

describe('what the service worker keeps', () => {
  it('an inspection page and its data, nothing else', () => {
    expect(inspectionPageOf('/inspections/abc')).toEqual({ id: 'abc', data: false });
    expect(inspectionPageOf('/inspections/abc/__data.json')).toEqual({ id: 'abc', data: true });
    for (const path of [
      '/inspections',
      '/inspections/new',
      '/inspections/overview',
      '/inspections/abc/minutes.pdf',
      '/tasks/abc',
    ]) {
      expect(inspectionPageOf(path), path).toBeNull();
    }
  });

  it('never the API, uploads, sign-in or sign-out', () => {
    for (const path of ['/graphql', '/evidence', '/evidence/ev-1', '/login', '/logout', '/locale']) {
      expect(neverCached(path), path).toBe(true);
    }
    expect(neverCached('/inspections/abc')).toBe(false);
    expect(neverCached('/graphqlx')).toBe(false);
  });
});
