import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { CommandErrorFields } from '#lib/fragments.ts';
import { graphql, type ResultOf } from '#lib/graphql.ts';
import { m } from '#lib/paraglide/messages.js';
import { oneOf } from '#lib/server/forms.ts';
import { execute, executeOrRefused, formErrors } from '#lib/server/graphql.ts';

const KINDS = ['ANNOUNCED', 'SELF', 'SURPRISE'] as const;

const OPTIONS = graphql(`
  query PlannerOptions {
    units {
      id
      name
      parentId
    }
    checklistTemplates {
      id
      topic
      name
      items
    }
  }
`);

const CANDIDATES = graphql(`
  query PlannerCandidates($targetUnitId: ID!) {
    inspectorCandidates(targetUnitId: $targetUnitId) {
      id
      name
      unitName
    }
  }
`);

const PLAN = graphql(
  `
    mutation PlanInspection($input: PlanInspectionInput!) {
      result: planInspection(input: $input) {
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

/** The planner's fields as typed (a GET of the form keeps them when the people are shown). */
export interface PlannerValues {
  kind: (typeof KINDS)[number];
  targetUnitId: string;
  title: string;
  scheduledOn: string;
  windowStart: string;
  windowEnd: string;
  inspectorIds: string[];
  leadInspectorId: string;
  templateId: string;
  adhoc: string;
}

function readValues(fields: { get(name: string): unknown; getAll(name: string): unknown[] }): PlannerValues {
  const text = (name: string) => {
    const value = fields.get(name);
    return typeof value === 'string' ? value : '';
  };
  return {
    kind: oneOf(KINDS, text('kind'), 'ANNOUNCED'),
    targetUnitId: text('targetUnitId').trim(),
    title: text('title'),
    scheduledOn: text('scheduledOn'),
    windowStart: text('windowStart'),
    windowEnd: text('windowEnd'),
    inspectorIds: fields
      .getAll('inspectorIds')
      .filter((id): id is string => typeof id === 'string' && id !== ''),
    leadInspectorId: text('leadInspectorId'),
    templateId: text('templateId'),
    adhoc: text('adhoc'),
  };
}

/** Who may plan: the steering committee and inspectors; anyone else is told so. */
function mayPlan(event: RequestEvent): void {
  const roles = event.locals.user?.roles ?? [];
  if (!roles.some((r) => r.role === 'STEERING' || r.role === 'INSPECTOR')) error(403, m.planner_forbidden());
}

/** The people who may inspect the target, or a message when the API refuses the target. */
async function candidatesFor(event: RequestEvent, targetUnitId: string) {
  if (!targetUnitId) return { candidates: [], targetError: null };
  const result = await executeOrRefused(event, CANDIDATES, { targetUnitId });
  if (result.refused) return { candidates: [], targetError: result.refused.message };
  return { candidates: result.data.inspectorCandidates, targetError: null };
}

export const load: PageServerLoad = async (event) => {
  mayPlan(event);
  // Without JavaScript the form is sent by GET to show the people for the chosen unit (with
  // JavaScript the page does the same when the unit changes): what was typed comes back.
  const values = readValues(event.url.searchParams);
  const [{ units, checklistTemplates }, { candidates, targetError }] = await Promise.all([
    execute(event, OPTIONS),
    candidatesFor(event, values.targetUnitId),
  ]);
  return {
    values,
    targetError,
    units: unitTree(units),
    templates: checklistTemplates,
    candidates,
    requestId: crypto.randomUUID(),
    today: new Date(Date.now() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10),
  };
};

/** The planner's field for an API field name (`checklist`: the lines typed). */
const FIELD_OF: Record<string, string> = { checklist: 'adhoc', 'input.checklist': 'adhoc' };

export const actions: Actions = {
  default: async (event) => {
    mayPlan(event);
    const posted = await event.request.formData();
    const values = readValues(posted);
    const requestId = typeof posted.get('requestId') === 'string' ? (posted.get('requestId') as string) : '';
    // The ad hoc lines, in the order typed; the API puts the template's items before them.
    const lines = values.adhoc
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const surprise = values.kind === 'SURPRISE';
    const { result } = await execute(event, PLAN, {
      input: {
        requestId: requestId || null,
        kind: values.kind,
        targetUnitId: values.targetUnitId,
        title: values.title,
        scheduledOn: surprise ? null : values.scheduledOn || null,
        windowStart: surprise ? values.windowStart || null : null,
        windowEnd: surprise ? values.windowEnd || null : null,
        inspectorIds: values.inspectorIds,
        leadInspectorId: values.leadInspectorId || values.inspectorIds[0] || null,
        templateId: values.templateId || null,
        checklist: lines,
      },
    });
    if (result.__typename !== 'Inspection') {
      const errors = formErrors(result);
      const fields: Record<string, string> = {};
      for (const [field, message] of Object.entries(errors.fields)) {
        fields[FIELD_OF[field] ?? field.replace(/^input\./, '')] = message;
      }
      // A unit or person that is gone: said next to its field.
      if (result.__typename === 'NotFoundError' && result.field) {
        fields[result.field.replace(/^input\./, '')] = result.message ?? '';
      }
      const message = Object.values(fields).includes(errors.message) ? '' : errors.message;
      const { candidates } = await candidatesFor(event, values.targetUnitId);
      // Nothing was planned: the corrected form is a new request.
      return fail(400, { values, fields, message, candidates, requestId: crypto.randomUUID() });
    }
    redirect(303, `/inspections/${result.id}`);
  },
};

/** Units in tree order (as the API lists them) with their depth, for an indented select. */
function unitTree(units: ResultOf<typeof OPTIONS>['units']) {
  const depth = new Map<string, number>();
  return units.map((unit) => {
    const level = unit.parentId && depth.has(unit.parentId) ? depth.get(unit.parentId)! + 1 : 0;
    depth.set(unit.id, level);
    return { id: unit.id, name: unit.name, depth: level };
  });
}
