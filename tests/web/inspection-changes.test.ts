// The inspection page's changes as its forms post them (web/src/routes/(app)/inspections/[id]/
// changes.ts): the pressed button's result, the client-chosen IDs, files with upload IDs derived
// from the change's ID (so the same form sent again uploads nothing twice), and an observation
// that never requires correction.
import { describe, expect, it } from 'vitest';
import {
  checklistResultChange,
  checklistResultInput,
  fileClientId,
  findingChange,
  findingInput,
  uploadForm,
} from '../../web/src/routes/(app)/inspections/[id]/changes.ts';

const requestId = '7b0e6b3c-52f1-4c4e-9a57-2d9a4f0c1e00';
const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'anh.png', { type: 'image/png' });

function posted(fields: Record<string, string | string[]>, files: Record<string, File[]> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
  for (const [name, list] of Object.entries(files)) for (const file of list) form.append(name, file);
  // A file field left empty still sends a part with no name and no bytes.
  form.append('photo', new File([], ''));
  return form;
}

describe('checklistResultChange', () => {
  it('reads the item, the pressed result, the trimmed note, kept uploads and the photo', () => {
    const change = checklistResultChange(
      'insp-1',
      posted(
        {
          requestId,
          checklistItemId: 'item-2',
          result: 'FAIL',
          note: '  3 hồ sơ trễ hạn ',
          evidenceId: ['ev-1'],
        },
        { photo: [png()] },
      ),
    );
    expect(change).toMatchObject({
      kind: 'checklistResult',
      id: requestId,
      inspectionId: 'insp-1',
      checklistItemId: 'item-2',
      result: 'FAIL',
      note: '3 hồ sơ trễ hạn',
      evidenceIds: ['ev-1'],
    });
    expect(change.files).toHaveLength(1);
    expect(change.files[0]!.clientId).toBe('7b0e6b3c-52f1-4c4e-9a57-2d9a4f0c1000');
    expect(checklistResultInput({ ...change, result: 'FAIL' }, ['ev-2'])).toEqual({
      requestId,
      inspectionId: 'insp-1',
      checklistItemId: 'item-2',
      result: 'FAIL',
      note: '3 hồ sơ trễ hạn',
      evidenceIds: ['ev-1', 'ev-2'],
    });
  });

  it('reads the value the form showed (hidden baseResult, baseNote) and sends it as the base', () => {
    const change = checklistResultChange(
      'insp-1',
      posted({ requestId, checklistItemId: 'i', result: 'FAIL', baseResult: 'PASS', baseNote: ' Đủ ' }),
    );
    expect(change.base).toEqual({ result: 'PASS', note: 'Đủ' });
    expect(checklistResultInput({ ...change, result: 'FAIL' }, []).base).toEqual({
      result: 'PASS',
      note: 'Đủ',
    });
    const empty = checklistResultChange(
      'insp-1',
      posted({ requestId, checklistItemId: 'i', result: 'FAIL', baseResult: '', baseNote: '' }),
    );
    expect(empty.base).toEqual({ result: null, note: null });
    // A form without them (rendered by an older page): no base, applied as before.
    const none = checklistResultChange('insp-1', posted({ requestId, checklistItemId: 'i', result: 'FAIL' }));
    expect(none.base).toBeNull();
    expect('base' in checklistResultInput({ ...none, result: 'FAIL' }, [])).toBe(false);
  });

  it('names no result for a value that is not one, and sends no note when it is empty', () => {
    const change = checklistResultChange(
      'insp-1',
      posted({ requestId, checklistItemId: 'i', result: 'MAYBE' }),
    );
    expect(change.result).toBeNull();
    expect(change.files).toEqual([]);
    expect(checklistResultInput({ ...change, result: 'PASS' }, []).note).toBeNull();
  });
});

describe('findingChange', () => {
  it('keeps the client-chosen finding ID and its files, each with its own upload ID', () => {
    const change = findingChange(
      'insp-1',
      posted(
        {
          requestId,
          findingId: 'f0f0f0f0-1111-4222-8333-444455556666',
          severity: 'MAJOR',
          description: ' Trả kết quả trễ hạn ',
          checklistItemId: 'item-2',
          requiresCorrection: 'on',
        },
        { photo: [png()], file: [png(), png()] },
      ),
    );
    expect(change).toMatchObject({
      kind: 'finding',
      findingId: 'f0f0f0f0-1111-4222-8333-444455556666',
      severity: 'MAJOR',
      description: 'Trả kết quả trễ hạn',
      checklistItemId: 'item-2',
      requiresCorrection: true,
    });
    expect(change.files.map((file) => file.clientId)).toEqual(
      [0, 1, 2].map((n) => fileClientId(requestId, n)),
    );
    expect(new Set(change.files.map((file) => file.clientId)).size).toBe(3);
    expect(findingInput({ ...change, severity: 'MAJOR' }, ['a', 'b', 'c'])).toMatchObject({
      requestId,
      findingId: 'f0f0f0f0-1111-4222-8333-444455556666',
      evidenceIds: ['a', 'b', 'c'],
    });
  });

  it('an observation never requires correction; no item is null', () => {
    const change = findingChange(
      'insp-1',
      posted({
        requestId,
        findingId: 'x',
        severity: 'OBSERVATION',
        description: 'd',
        requiresCorrection: 'on',
      }),
    );
    expect(change.requiresCorrection).toBe(false);
    expect(change.checklistItemId).toBeNull();
  });

  it('a form without IDs (rendered before they were given) gets fresh ones', () => {
    const change = findingChange('insp-1', posted({ severity: 'MINOR', description: 'd' }));
    expect(change.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(change.findingId).toMatch(/^[0-9a-f-]{36}$/);
    expect(change.findingId).not.toBe(change.id);
  });
});

describe('uploads', () => {
  it('the same change and file number give the same upload ID; a non-UUID change a random one', () => {
    expect(fileClientId(requestId, 5)).toBe(fileClientId(requestId, 5));
    expect(fileClientId(requestId, 5)).not.toBe(fileClientId(requestId, 6));
    expect(fileClientId('not-a-uuid', 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
  });

  it('POST /evidence gets the inspection, the upload ID and the file', () => {
    const file = png();
    const body = uploadForm('insp-1', { clientId: fileClientId(requestId, 0), file });
    expect(body.get('inspectionId')).toBe('insp-1');
    expect(body.get('clientId')).toBe(fileClientId(requestId, 0));
    expect((body.get('file') as File).name).toBe('anh.png');
  });
});
