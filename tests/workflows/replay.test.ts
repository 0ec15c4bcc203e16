// Replays the recorded histories (tests/workflows/histories/, written by `npm run histories`)
// against the current workflow code. A change to a workflow that would break a run already in
// production, unless it sits behind patched(), fails here with a non-determinism error.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import proto from '@temporalio/proto';

const { temporal } = proto;
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/lib/paths.ts';
import { workflowBundle } from '../helpers/temporal.ts';

const folder = path.join(root, 'tests/workflows/histories');
const files = readdirSync(folder).filter((file) => file.endsWith('.json'));

describe('recorded workflow histories', () => {
  it('cover every lifecycle that has been recorded', () => {
    const kinds = new Set(files.map((file) => file.split('-')[0]));
    expect([...kinds].sort()).toEqual(['corrective', 'inspection', 'plan', 'task']);
  });

  it.each(files)('%s replays against the current code', async (file) => {
    const history = temporal.api.history.v1.History.fromObject(
      JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as Record<string, unknown>,
    );
    const results = Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, [
      { workflowId: file.replace(/\.json$/, ''), history },
    ]);
    for await (const result of results) expect(result.error).toBeUndefined();
  });
});
