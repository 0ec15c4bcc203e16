// The authorization table: every GraphQL operation × role × scope → allowed or denied, each row
// run against the real API (yoga.fetch on the real schema, PostgreSQL, the Temporal test server
// and a worker). The rule it checks is written in docs/authorization.md. Every Query and Mutation
// field of api/schema.graphql must have rows here: an operation added later brings its rows.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { parse } from 'csv-parse/sync';
import { buildSchema, getNamedType, isInputObjectType, type GraphQLField } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvidenceHandlers } from '../../api/src/evidence/http.ts';
import { createSpreadsheetHandlers } from '../../api/src/spreadsheets/handlers.ts';
import { storeEvidenceFile } from '../../api/src/evidence/storage.ts';
import { hashPassword } from '../../api/src/passwords.ts';
import type { Role, UnitLevel } from '../../prisma/client.ts';
import { root } from '../../scripts/lib/paths.ts';
import { WorkingCalendar, vietnamDate } from '../../workflows/src/calendar.ts';
import {
  acceptTaskUpdate,
  correctiveRecordedUpdate,
  correctiveWorkflowId,
  inspectionWorkflowId,
  planWorkflowId,
  requestExtensionUpdate,
  submitTaskUpdate,
  taskWorkflowId,
} from '../../workflows/src/contracts.ts';
import { createApiHarness } from '../helpers/api.ts';

type Viewer = Role | 'anonymous';
const VIEWERS = ['ADMIN', 'STEERING', 'UNIT_HEAD', 'UNIT_STAFF', 'INSPECTOR', 'anonymous'] as const;
/**
 * Where the target lies for a viewer whose role is assigned at district D: D itself ("own"), a
 * commune under D ("subtree"), the other district E or its commune ("outside"); "any" for
 * operations without a target.
 */
type Scope = 'own' | 'subtree' | 'outside' | 'any';
const UNIT_SCOPES = ['own', 'subtree', 'outside'] as const;
type UnitScope = (typeof UNIT_SCOPES)[number];

const Y = 'allowed';
const N = 'denied';
type Mark = typeof Y | typeof N;

/**
 * The table. Each line: what is tried, on which scope, and the answer for a viewer holding that
 * one role at district D. Targets (fixture below):
 *  - plan: issued         a plan issued by D / by commune C1 / by district E
 *  - plan: draft          a DRAFT plan issued by D / C1 / E (each with one task of its issuer's)
 *  - plan: via a task     a plan issued by province P with one task for D / C1 / C3
 *  - task: issued plan    a task for D / C1 / C3 of P's plan (the figures plan)
 *  - task: own plan       a task for D / C1 of D's issued plan
 *  - task: draft          the task of D's / C1's / E's draft plan
 *  - ReformPlan.*         P's figures plan: the row / the share of completion of D / C1 / C3
 *  - createPlan           issuing unit D / C1 / E
 *  - createTask           D's issued plan for D / for C1; E's issued plan for C3
 *  - issuePlan            a fresh draft issued by D / C1 / E
 *  - updateDraftTask, deleteDraftTask, updateDraftPlan  the task of / a fresh draft issued by D / C1 / E
 *  - bulkAssignPreview, bulkAssignTasks  a fresh draft issued by D / C1 / E, for every unit of a
 *                         level under the issuer (communes of D, a ward of C1, communes of E)
 *  - schedulePlanPhases, advancePlanPhase  a fresh ISSUED plan (no workflow yet) of D / C1 / E
 *  - reportProgress       a task (with its workflow) for D / C1 / C3
 *  - Task.evidence, Evidence.downloadUrl (GET /evidence/<id>)  a file attached to a report on the
 *                         figures plan's task for D / C1 / C3
 *  - ReportProgressInput.evidenceIds (POST /evidence, the upload that gives the IDs)  as reportProgress
 *  - myWork               the open task for D / C1 / C3 of P's figures plan
 *  - reviewQueue          a SUBMITTED task with its completion report, of the plan issued by D / C1 / E
 *  - acceptTask … cancelTask  a fresh task (with its workflow) for D / C1 of D's issued plan, for
 *                         C3 of E's, brought to the status the command needs (see taskCommand)
 * Inspections and corrective actions (docs/authorization.md, "Inspections", "Corrective actions"),
 * all built through the API so their workflows run (createInspectionWorld). The province's
 * committee plans, and the province's inspector runs, the reading targets:
 *  - inspection(s)/inspectionCalendar/Inspection.timeline: announced  an ANNOUNCED inspection of D / C1 / C3
 *  - … : surprise         a SURPRISE of D / C1 / C3 not started: only STEERING / INSPECTOR strictly
 *                         above the target see it (D's own committee and inspector belong to D, so
 *                         the "own" row is all N); to everyone else it does not exist
 *  - inspection: surprise started  the same once started: the target sees it
 *  - ChecklistItem.evidence, Finding.evidence, GET /evidence/<id>: inspection  photos on an item
 *                         and a finding of the CLOSED inspection of D / C1 / C3 (below)
 *  - Inspection.evidence  the viewer's own upload (POST /evidence, as the viewer) / another
 *                         inspector's, on the SELF inspection of D in progress
 *  - POST /evidence: inspection  the inspection in progress of D (SELF) / C1 / C3 (below)
 *  - checklistTemplates   a template the province's committee saved; createChecklistTemplate: a new one
 *  - inspectorCandidates  target D / C1 / C3: the province's inspector / D's inspector is listed
 *  - planInspection       ANNOUNCED of D / C1 / C3; planInspection: self  SELF of D / C1 / C3
 *  - rescheduleInspection … closeInspection, cancelInspection  a fresh inspection, PLANNED or IN_PROGRESS
 *                         as the command needs: SELF of D and ANNOUNCED of C1, planned by D's
 *                         committee and run by D's inspector; ANNOUNCED of C3 from the province
 *  - cancelInspection / startInspection: surprise  a fresh hidden SURPRISE of D / C1 / C3 (the
 *                         province's); where hidden, byte for byte the answer for a made-up ID
 *  - correctiveAction(s), CorrectiveAction.timeline, findingsOverview (unitId D / C1 / C3),
 *    POST /evidence: corrective action  an OPEN action of the closed inspection of D (SELF, D's
 *                         inspector) / C1 (D's inspector) / C3 (the province's inspector)
 *  - CorrectiveAction.evidence  the viewer's own upload / another staff member's, on D's OPEN action
 *  - submitCorrection … decideCorrectiveExtension  a fresh action of that closed inspection,
 *                         answered or with an extension asked for by the unit's head first
 * "Allowed" means: a query returns the object (in the list, or counted in the figure); a command
 * returns its success type and wrote. "Denied" means: UNAUTHENTICATED without a session,
 * otherwise FORBIDDEN, NotFoundError, a CommandRejectedError saying who may send it
 * (InspectionNotAnInspector, ActorNotAllowed, CorrectiveWrongUnit, CorrectiveNotAnInspector),
 * null or left out; and a denied command wrote nothing. For inspection and corrective commands
 * the button (viewerCan) is offered exactly where the command is carried out.
 */
// prettier-ignore
const TABLE: [probe: ProbeName, scope: Scope, admin: Mark, steering: Mark, head: Mark, staff: Mark, inspector: Mark, anonymous: Mark][] = [
  // probe                     scope      ADMIN STEERING HEAD STAFF INSPECTOR anonymous
  ['me',                       'any',     Y,    Y,       Y,   Y,    Y,        N],
  ['reformAreas',              'any',     Y,    Y,       Y,   Y,    Y,        N],
  ['units',                    'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['units',                    'subtree', Y,    Y,       N,   N,    Y,        N],
  ['units',                    'outside', N,    N,       N,   N,    N,        N],
  ['plan: issued',             'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['plan: issued',             'subtree', Y,    Y,       N,   N,    Y,        N],
  ['plan: issued',             'outside', N,    N,       N,   N,    N,        N],
  ['plan: draft',              'own',     Y,    Y,       N,   N,    N,        N],
  ['plan: draft',              'subtree', Y,    Y,       N,   N,    N,        N],
  ['plan: draft',              'outside', N,    N,       N,   N,    N,        N],
  ['plan: via a task',         'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['plan: via a task',         'subtree', Y,    Y,       N,   N,    Y,        N],
  ['plan: via a task',         'outside', N,    N,       N,   N,    N,        N],
  ['plans: issued',            'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['plans: issued',            'subtree', Y,    Y,       N,   N,    Y,        N],
  ['plans: issued',            'outside', N,    N,       N,   N,    N,        N],
  ['plans: draft',             'own',     Y,    Y,       N,   N,    N,        N],
  ['plans: draft',             'subtree', Y,    Y,       N,   N,    N,        N],
  ['plans: draft',             'outside', N,    N,       N,   N,    N,        N],
  ['plans: via a task',        'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['plans: via a task',        'subtree', Y,    Y,       N,   N,    Y,        N],
  ['plans: via a task',        'outside', N,    N,       N,   N,    N,        N],
  ['task: issued plan',        'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['task: issued plan',        'subtree', Y,    Y,       N,   N,    Y,        N],
  ['task: issued plan',        'outside', N,    N,       N,   N,    N,        N],
  ['task: own plan',           'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['task: own plan',           'subtree', Y,    Y,       N,   N,    Y,        N],
  ['task: draft',              'own',     Y,    Y,       N,   N,    N,        N],
  ['task: draft',              'subtree', Y,    Y,       N,   N,    N,        N],
  ['task: draft',              'outside', N,    N,       N,   N,    N,        N],
  ['tasks: issued plan',       'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['tasks: issued plan',       'subtree', Y,    Y,       N,   N,    Y,        N],
  ['tasks: issued plan',       'outside', N,    N,       N,   N,    N,        N],
  ['tasks: draft',             'own',     N,    N,       N,   N,    N,        N],
  ['tasks: draft',             'subtree', N,    N,       N,   N,    N,        N],
  ['tasks: draft',             'outside', N,    N,       N,   N,    N,        N],
  ['myWork',                   'own',     N,    N,       Y,   Y,    N,        N],
  ['myWork',                   'subtree', N,    N,       N,   N,    N,        N],
  ['myWork',                   'outside', N,    N,       N,   N,    N,        N],
  ['reviewQueue',              'own',     N,    Y,       N,   N,    N,        N],
  ['reviewQueue',              'subtree', N,    Y,       N,   N,    N,        N],
  ['reviewQueue',              'outside', N,    N,       N,   N,    N,        N],
  ['ReformPlan.tasks',         'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['ReformPlan.tasks',         'subtree', Y,    Y,       N,   N,    Y,        N],
  ['ReformPlan.tasks',         'outside', N,    N,       N,   N,    N,        N],
  ['ReformPlan.unitProgress',  'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['ReformPlan.unitProgress',  'subtree', Y,    Y,       N,   N,    Y,        N],
  ['ReformPlan.unitProgress',  'outside', N,    N,       N,   N,    N,        N],
  ['ReformPlan.completion',    'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['ReformPlan.completion',    'subtree', Y,    Y,       N,   N,    Y,        N],
  ['ReformPlan.completion',    'outside', N,    N,       N,   N,    N,        N],
  // Dashboards: the figures plan's heat map under D / C1 / C3 (its task there counted); a unit
  // out of reach is NotFoundError. The unit page of D / C1 / C3: null out of reach.
  ['dashboard',                'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['dashboard',                'subtree', Y,    Y,       N,   N,    Y,        N],
  ['dashboard',                'outside', N,    N,       N,   N,    N,        N],
  ['unitPage',                 'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['unitPage',                 'subtree', Y,    Y,       N,   N,    Y,        N],
  ['unitPage',                 'outside', N,    N,       N,   N,    N,        N],
  // The task list filtered by unit D / C1 / C3 (the figures task of that unit): a filter never widens.
  ['tasks: by unit',           'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['tasks: by unit',           'subtree', Y,    Y,       N,   N,    Y,        N],
  ['tasks: by unit',           'outside', N,    N,       N,   N,    N,        N],
  // A unit's officials (D's head / C1's head / C3's head, or P's staff as the issuer of a plan the
  // viewer sees), by any path to the unit: `units`, a task's assignee unit, a plan's issuing unit.
  ['Unit.officials',           'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['Unit.officials',           'subtree', Y,    Y,       N,   N,    Y,        N],
  ['Unit.officials',           'outside', N,    N,       N,   N,    N,        N],
  // Timelines: the figures task of D / C1 / C3, the plan issued by D / C1 / E, reached directly,
  // through a list, or through the other object; as far as the task or plan itself.
  ['Task.timeline',            'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['Task.timeline',            'subtree', Y,    Y,       N,   N,    Y,        N],
  ['Task.timeline',            'outside', N,    N,       N,   N,    N,        N],
  ['ReformPlan.timeline',      'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['ReformPlan.timeline',      'subtree', Y,    Y,       N,   N,    Y,        N],
  ['ReformPlan.timeline',      'outside', N,    N,       N,   N,    N,        N],
  ['createPlan',               'own',     N,    Y,       N,   N,    N,        N],
  ['createPlan',               'subtree', N,    Y,       N,   N,    N,        N],
  ['createPlan',               'outside', N,    N,       N,   N,    N,        N],
  ['createTask',               'own',     N,    Y,       N,   N,    N,        N],
  ['createTask',               'subtree', N,    Y,       N,   N,    N,        N],
  ['createTask',               'outside', N,    N,       N,   N,    N,        N],
  ['issuePlan',                'own',     N,    Y,       N,   N,    N,        N],
  ['issuePlan',                'subtree', N,    Y,       N,   N,    N,        N],
  ['issuePlan',                'outside', N,    N,       N,   N,    N,        N],
  ['updateDraftTask',          'own',     N,    Y,       N,   N,    N,        N],
  ['updateDraftTask',          'subtree', N,    Y,       N,   N,    N,        N],
  ['updateDraftTask',          'outside', N,    N,       N,   N,    N,        N],
  ['deleteDraftTask',          'own',     N,    Y,       N,   N,    N,        N],
  ['deleteDraftTask',          'subtree', N,    Y,       N,   N,    N,        N],
  ['deleteDraftTask',          'outside', N,    N,       N,   N,    N,        N],
  ['updateDraftPlan',          'own',     N,    Y,       N,   N,    N,        N],
  ['updateDraftPlan',          'subtree', N,    Y,       N,   N,    N,        N],
  ['updateDraftPlan',          'outside', N,    N,       N,   N,    N,        N],
  ['bulkAssignPreview',        'own',     N,    Y,       N,   N,    N,        N],
  ['bulkAssignPreview',        'subtree', N,    Y,       N,   N,    N,        N],
  ['bulkAssignPreview',        'outside', N,    N,       N,   N,    N,        N],
  ['bulkAssignTasks',          'own',     N,    Y,       N,   N,    N,        N],
  ['bulkAssignTasks',          'subtree', N,    Y,       N,   N,    N,        N],
  ['bulkAssignTasks',          'outside', N,    N,       N,   N,    N,        N],
  ['schedulePlanPhases',       'own',     N,    Y,       N,   N,    N,        N],
  ['schedulePlanPhases',       'subtree', N,    Y,       N,   N,    N,        N],
  ['schedulePlanPhases',       'outside', N,    N,       N,   N,    N,        N],
  ['advancePlanPhase',         'own',     N,    Y,       N,   N,    N,        N],
  ['advancePlanPhase',         'subtree', N,    Y,       N,   N,    N,        N],
  ['advancePlanPhase',         'outside', N,    N,       N,   N,    N,        N],
  ['reportProgress',           'own',     N,    N,       Y,   Y,    N,        N],
  ['reportProgress',           'subtree', N,    N,       N,   N,    N,        N],
  ['reportProgress',           'outside', N,    N,       N,   N,    N,        N],
  ['Task.evidence',            'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['Task.evidence',            'subtree', Y,    Y,       N,   N,    Y,        N],
  ['Task.evidence',            'outside', N,    N,       N,   N,    N,        N],
  ['GET /evidence/<id>',       'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['GET /evidence/<id>',       'subtree', Y,    Y,       N,   N,    Y,        N],
  ['GET /evidence/<id>',       'outside', N,    N,       N,   N,    N,        N],
  ['POST /evidence',           'own',     N,    N,       Y,   Y,    N,        N],
  ['POST /evidence',           'subtree', N,    N,       N,   N,    N,        N],
  ['POST /evidence',           'outside', N,    N,       N,   N,    N,        N],
  ['acceptTask',               'own',     N,    N,       Y,   N,    N,        N],
  ['acceptTask',               'subtree', N,    N,       N,   N,    N,        N],
  ['acceptTask',               'outside', N,    N,       N,   N,    N,        N],
  ['submitTask',               'own',     N,    N,       Y,   N,    N,        N],
  ['submitTask',               'subtree', N,    N,       N,   N,    N,        N],
  ['submitTask',               'outside', N,    N,       N,   N,    N,        N],
  ['requestTaskExtension',     'own',     N,    N,       Y,   N,    N,        N],
  ['requestTaskExtension',     'subtree', N,    N,       N,   N,    N,        N],
  ['requestTaskExtension',     'outside', N,    N,       N,   N,    N,        N],
  ['reviewTask',               'own',     N,    Y,       N,   N,    N,        N],
  ['reviewTask',               'subtree', N,    Y,       N,   N,    N,        N],
  ['reviewTask',               'outside', N,    N,       N,   N,    N,        N],
  ['decideTaskExtension',      'own',     N,    Y,       N,   N,    N,        N],
  ['decideTaskExtension',      'subtree', N,    Y,       N,   N,    N,        N],
  ['decideTaskExtension',      'outside', N,    N,       N,   N,    N,        N],
  ['reassignTask',             'own',     Y,    Y,       N,   N,    N,        N],
  ['reassignTask',             'subtree', Y,    Y,       N,   N,    N,        N],
  ['reassignTask',             'outside', N,    N,       N,   N,    N,        N],
  ['cancelTask',               'own',     N,    Y,       N,   N,    N,        N],
  ['cancelTask',               'subtree', N,    Y,       N,   N,    N,        N],
  ['cancelTask',               'outside', N,    N,       N,   N,    N,        N],
  ['login',                    'any',     Y,    Y,       Y,   Y,    Y,        Y],
  ['logout',                   'any',     Y,    Y,       Y,   Y,    Y,        Y],
  ['logoutEverywhere',         'any',     Y,    Y,       Y,   Y,    Y,        N],
  // Notifications: "own" is the viewer's own, "subtree" the C1 head's, "outside" a C3 head's.
  ['notifications',            'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['notifications',            'subtree', N,    N,       N,   N,    N,        N],
  ['notifications',            'outside', N,    N,       N,   N,    N,        N],
  ['Viewer.unreadNotifications', 'own',   Y,    Y,       Y,   Y,    Y,        N],
  ['Viewer.unreadNotifications', 'subtree', N,  N,       N,   N,    N,        N],
  ['Viewer.unreadNotifications', 'outside', N,  N,       N,   N,    N,        N],
  ['markNotificationRead',     'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['markNotificationRead',     'subtree', N,    N,       N,   N,    N,        N],
  ['markNotificationRead',     'outside', N,    N,       N,   N,    N,        N],
  ['markAllNotificationsRead', 'any',     Y,    Y,       Y,   Y,    Y,        N],
  ['setLanguage',              'any',     Y,    Y,       Y,   Y,    Y,        N],
  ['changePassword',           'any',     Y,    Y,       Y,   Y,    Y,        N],
  // Inspections (docs/authorization.md, "Inspections"). Announced: ANNOUNCED of D / C1 / C3.
  ['inspection: announced',    'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['inspection: announced',    'subtree', Y,    Y,       N,   N,    Y,        N],
  ['inspection: announced',    'outside', N,    N,       N,   N,    N,        N],
  // A SURPRISE of D / C1 / C3 not started: only STEERING / INSPECTOR strictly above the target
  // (and its inspectors, here the province's). D's own committee and inspector belong to D.
  ['inspection: surprise',     'own',     N,    N,       N,   N,    N,        N],
  ['inspection: surprise',     'subtree', N,    Y,       N,   N,    Y,        N],
  ['inspection: surprise',     'outside', N,    N,       N,   N,    N,        N],
  // The same once started: the target sees it like any other.
  ['inspection: surprise started', 'own', Y,    Y,       Y,   Y,    Y,        N],
  ['inspection: surprise started', 'subtree', Y, Y,      N,   N,    Y,        N],
  ['inspection: surprise started', 'outside', N, N,      N,   N,    N,        N],
  ['inspections: announced',   'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['inspections: announced',   'subtree', Y,    Y,       N,   N,    Y,        N],
  ['inspections: announced',   'outside', N,    N,       N,   N,    N,        N],
  ['inspections: surprise',    'own',     N,    N,       N,   N,    N,        N],
  ['inspections: surprise',    'subtree', N,    Y,       N,   N,    Y,        N],
  ['inspections: surprise',    'outside', N,    N,       N,   N,    N,        N],
  ['inspectionCalendar: announced', 'own', Y,   Y,       Y,   Y,    Y,        N],
  ['inspectionCalendar: announced', 'subtree', Y, Y,     N,   N,    Y,        N],
  ['inspectionCalendar: announced', 'outside', N, N,     N,   N,    N,        N],
  ['inspectionCalendar: surprise', 'own', N,    N,       N,   N,    N,        N],
  ['inspectionCalendar: surprise', 'subtree', N, Y,      N,   N,    Y,        N],
  ['inspectionCalendar: surprise', 'outside', N, N,      N,   N,    N,        N],
  ['Inspection.timeline',      'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['Inspection.timeline',      'subtree', Y,    Y,       N,   N,    Y,        N],
  ['Inspection.timeline',      'outside', N,    N,       N,   N,    N,        N],
  ['Inspection.timeline: surprise', 'own', N,   N,       N,   N,    N,        N],
  ['Inspection.timeline: surprise', 'subtree', N, Y,     N,   N,    Y,        N],
  ['Inspection.timeline: surprise', 'outside', N, N,     N,   N,    N,        N],
  // Photos attached to a checklist item and to a finding of the closed inspection of D / C1 / C3.
  ['ChecklistItem.evidence',   'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['ChecklistItem.evidence',   'subtree', Y,    Y,       N,   N,    Y,        N],
  ['ChecklistItem.evidence',   'outside', N,    N,       N,   N,    N,        N],
  ['Finding.evidence',         'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['Finding.evidence',         'subtree', Y,    Y,       N,   N,    Y,        N],
  ['Finding.evidence',         'outside', N,    N,       N,   N,    N,        N],
  ['GET /evidence/<id>: inspection', 'own', Y,  Y,       Y,   Y,    Y,        N],
  ['GET /evidence/<id>: inspection', 'subtree', Y, Y,    N,   N,    Y,        N],
  ['GET /evidence/<id>: inspection', 'outside', N, N,    N,   N,    N,        N],
  // Unattached uploads on the SELF inspection of D in progress: one the viewer sent (POST /evidence:
  // its inspectors only), or one its other inspector sent.
  ['Inspection.evidence: own upload', 'any', N, N,       N,   N,    Y,        N],
  ['Inspection.evidence: another’s upload', 'any', N, N, N,   N,    N,        N],
  // Uploads for an inspection in progress: the SELF one of D and the announced one of C1 (both
  // run by D's inspector), the one of C3 (run by the province's inspector).
  ['POST /evidence: inspection', 'own',   N,    N,       N,   N,    Y,        N],
  ['POST /evidence: inspection', 'subtree', N,  N,       N,   N,    Y,        N],
  ['POST /evidence: inspection', 'outside', N,  N,       N,   N,    N,        N],
  ['checklistTemplates',       'any',     Y,    Y,       N,   N,    Y,        N],
  ['createChecklistTemplate',  'any',     N,    Y,       N,   N,    Y,        N],
  ['inspectorCandidates',      'own',     N,    Y,       N,   N,    Y,        N],
  ['inspectorCandidates',      'subtree', N,    Y,       N,   N,    Y,        N],
  ['inspectorCandidates',      'outside', N,    N,       N,   N,    N,        N],
  // ANNOUNCED of D / C1 / C3: only from strictly above the target.
  ['planInspection',           'own',     N,    N,       N,   N,    N,        N],
  ['planInspection',           'subtree', N,    Y,       N,   N,    Y,        N],
  ['planInspection',           'outside', N,    N,       N,   N,    N,        N],
  // SELF of D / C1 / C3: the target itself too.
  ['planInspection: self',     'own',     N,    Y,       N,   N,    Y,        N],
  ['planInspection: self',     'subtree', N,    Y,       N,   N,    Y,        N],
  ['planInspection: self',     'outside', N,    N,       N,   N,    N,        N],
  // Commands on a fresh inspection: SELF of D and ANNOUNCED of C1 with D's inspector as theirs,
  // ANNOUNCED of C3 with the province's inspector; its own inspectors only.
  ['rescheduleInspection',     'own',     N,    N,       N,   N,    Y,        N],
  ['rescheduleInspection',     'subtree', N,    N,       N,   N,    Y,        N],
  ['rescheduleInspection',     'outside', N,    N,       N,   N,    N,        N],
  ['startInspection',          'own',     N,    N,       N,   N,    Y,        N],
  ['startInspection',          'subtree', N,    N,       N,   N,    Y,        N],
  ['startInspection',          'outside', N,    N,       N,   N,    N,        N],
  ['recordChecklistResult',    'own',     N,    N,       N,   N,    Y,        N],
  ['recordChecklistResult',    'subtree', N,    N,       N,   N,    Y,        N],
  ['recordChecklistResult',    'outside', N,    N,       N,   N,    N,        N],
  ['recordFinding',            'own',     N,    N,       N,   N,    Y,        N],
  ['recordFinding',            'subtree', N,    N,       N,   N,    Y,        N],
  ['recordFinding',            'outside', N,    N,       N,   N,    N,        N],
  ['closeInspection',          'own',     N,    N,       N,   N,    Y,        N],
  ['closeInspection',          'subtree', N,    N,       N,   N,    Y,        N],
  ['closeInspection',          'outside', N,    N,       N,   N,    N,        N],
  // STEERING / INSPECTOR reaching the target's parent: not D's people for D's own SELF inspection.
  ['cancelInspection',         'own',     N,    N,       N,   N,    N,        N],
  ['cancelInspection',         'subtree', N,    Y,       N,   N,    Y,        N],
  ['cancelInspection',         'outside', N,    N,       N,   N,    N,        N],
  // The hidden SURPRISE of D / C1 / C3: D's people get the NotFoundError of a made-up ID.
  ['cancelInspection: surprise', 'own',   N,    N,       N,   N,    N,        N],
  ['cancelInspection: surprise', 'subtree', N,  Y,       N,   N,    Y,        N],
  ['cancelInspection: surprise', 'outside', N,  N,       N,   N,    N,        N],
  ['startInspection: surprise', 'own',    N,    N,       N,   N,    N,        N],
  ['startInspection: surprise', 'subtree', N,   N,       N,   N,    N,        N],
  ['startInspection: surprise', 'outside', N,   N,       N,   N,    N,        N],
  // Corrective actions (docs/authorization.md, "Corrective actions"): an OPEN action of D / C1 / C3
  // from the closed inspection of that unit (SELF of D and C1's by D's inspector, C3's by the province's).
  ['correctiveAction',         'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['correctiveAction',         'subtree', Y,    Y,       N,   N,    Y,        N],
  ['correctiveAction',         'outside', N,    N,       N,   N,    N,        N],
  ['correctiveActions',        'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['correctiveActions',        'subtree', Y,    Y,       N,   N,    Y,        N],
  ['correctiveActions',        'outside', N,    N,       N,   N,    N,        N],
  ['CorrectiveAction.timeline', 'own',    Y,    Y,       Y,   Y,    Y,        N],
  ['CorrectiveAction.timeline', 'subtree', Y,   Y,       N,   N,    Y,        N],
  ['CorrectiveAction.timeline', 'outside', N,   N,       N,   N,    N,        N],
  // Unattached uploads on D's OPEN action: one the viewer sent (head and staff of D only), or
  // one another staff member of D sent.
  ['CorrectiveAction.evidence: own upload', 'any', N, N, Y,   Y,    N,        N],
  ['CorrectiveAction.evidence: another’s upload', 'any', N, N, N, N, N,       N],
  ['POST /evidence: corrective action', 'own', N, N,     Y,   Y,    N,        N],
  ['POST /evidence: corrective action', 'subtree', N, N, N,   N,    N,        N],
  ['POST /evidence: corrective action', 'outside', N, N, N,   N,    N,        N],
  // Units under D / C1 / C3 with open findings: D's and C1's rows; C3 is out of reach.
  ['findingsOverview',         'own',     Y,    Y,       N,   N,    Y,        N],
  ['findingsOverview',         'subtree', Y,    Y,       N,   N,    Y,        N],
  ['findingsOverview',         'outside', N,    N,       N,   N,    N,        N],
  ['submitCorrection',         'own',     N,    N,       Y,   Y,    N,        N],
  ['submitCorrection',         'subtree', N,    N,       N,   N,    N,        N],
  ['submitCorrection',         'outside', N,    N,       N,   N,    N,        N],
  ['verifyCorrection',         'own',     N,    N,       N,   N,    Y,        N],
  ['verifyCorrection',         'subtree', N,    N,       N,   N,    Y,        N],
  ['verifyCorrection',         'outside', N,    N,       N,   N,    N,        N],
  ['rejectCorrection',         'own',     N,    N,       N,   N,    Y,        N],
  ['rejectCorrection',         'subtree', N,    N,       N,   N,    Y,        N],
  ['rejectCorrection',         'outside', N,    N,       N,   N,    N,        N],
  ['requestCorrectiveExtension', 'own',   N,    N,       Y,   N,    N,        N],
  ['requestCorrectiveExtension', 'subtree', N,  N,       N,   N,    N,        N],
  ['requestCorrectiveExtension', 'outside', N,  N,       N,   N,    N,        N],
  ['decideCorrectiveExtension', 'own',    N,    Y,       N,   N,    Y,        N],
  ['decideCorrectiveExtension', 'subtree', N,   Y,       N,   N,    Y,        N],
  ['decideCorrectiveExtension', 'outside', N,   N,       N,   N,    N,        N],
  // Administration: ADMIN over its subtree, nobody else (docs/authorization.md, "Administration").
  ['adminUnits',               'own',     Y,    N,       N,   N,    N,        N],
  ['adminUnits',               'subtree', Y,    N,       N,   N,    N,        N],
  ['adminUnits',               'outside', N,    N,       N,   N,    N,        N],
  ['adminUnit',                'own',     Y,    N,       N,   N,    N,        N],
  ['adminUnit',                'subtree', Y,    N,       N,   N,    N,        N],
  ['adminUnit',                'outside', N,    N,       N,   N,    N,        N],
  ['unitMergerPreview',        'own',     Y,    N,       N,   N,    N,        N],
  ['unitMergerPreview',        'subtree', Y,    N,       N,   N,    N,        N],
  ['unitMergerPreview',        'outside', N,    N,       N,   N,    N,        N],
  ['createUnit',               'own',     Y,    N,       N,   N,    N,        N],
  ['createUnit',               'subtree', Y,    N,       N,   N,    N,        N],
  ['createUnit',               'outside', N,    N,       N,   N,    N,        N],
  ['updateUnit',               'own',     Y,    N,       N,   N,    N,        N],
  ['updateUnit',               'subtree', Y,    N,       N,   N,    N,        N],
  ['updateUnit',               'outside', N,    N,       N,   N,    N,        N],
  ['moveUnit',                 'own',     Y,    N,       N,   N,    N,        N],
  ['moveUnit',                 'subtree', Y,    N,       N,   N,    N,        N],
  ['moveUnit',                 'outside', N,    N,       N,   N,    N,        N],
  ['mergeUnits',               'own',     Y,    N,       N,   N,    N,        N],
  ['mergeUnits',               'subtree', Y,    N,       N,   N,    N,        N],
  ['mergeUnits',               'outside', N,    N,       N,   N,    N,        N],
  ['adminUsers',               'own',     Y,    N,       N,   N,    N,        N],
  ['adminUsers',               'subtree', Y,    N,       N,   N,    N,        N],
  ['adminUsers',               'outside', N,    N,       N,   N,    N,        N],
  ['adminUser',                'own',     Y,    N,       N,   N,    N,        N],
  ['adminUser',                'subtree', Y,    N,       N,   N,    N,        N],
  ['adminUser',                'outside', N,    N,       N,   N,    N,        N],
  ['createUser',               'own',     Y,    N,       N,   N,    N,        N],
  ['createUser',               'subtree', Y,    N,       N,   N,    N,        N],
  ['createUser',               'outside', N,    N,       N,   N,    N,        N],
  ['resetUserPassword',        'own',     Y,    N,       N,   N,    N,        N],
  ['resetUserPassword',        'subtree', Y,    N,       N,   N,    N,        N],
  ['resetUserPassword',        'outside', N,    N,       N,   N,    N,        N],
  ['setUserActive',            'own',     Y,    N,       N,   N,    N,        N],
  ['setUserActive',            'subtree', Y,    N,       N,   N,    N,        N],
  ['setUserActive',            'outside', N,    N,       N,   N,    N,        N],
  ['assignRole',               'own',     Y,    N,       N,   N,    N,        N],
  ['assignRole',               'subtree', Y,    N,       N,   N,    N,        N],
  ['assignRole',               'outside', N,    N,       N,   N,    N,        N],
  ['removeRole',               'own',     Y,    N,       N,   N,    N,        N],
  ['removeRole',               'subtree', Y,    N,       N,   N,    N,        N],
  ['removeRole',               'outside', N,    N,       N,   N,    N,        N],
  // Holidays (docs/authorization.md, "Holidays and criteria sets"): every ADMIN reads them; only an
  // ADMIN of a top-level unit changes them, so D's administrator is refused (CalendarRefusedError).
  ['holidays',                 'any',     Y,    N,       N,   N,    N,        N],
  ['addHoliday',               'any',     N,    N,       N,   N,    N,        N],
  ['removeHoliday',            'own',     N,    N,       N,   N,    N,        N],
  ['removeHoliday',            'subtree', N,    N,       N,   N,    N,        N],
  ['removeHoliday',            'outside', N,    N,       N,   N,    N,        N],
  // Criteria sets: the same rule (every ADMIN reads; only a top-level ADMIN changes them). Holidays
  // and criteria sets belong to no unit: the operations that take an ID answer the same whatever
  // the scope (own / subtree / outside rows run the same probe).
  ['criteriaSets',             'any',     Y,    N,       N,   N,    N,        N],
  ['criteriaSet',              'own',     Y,    N,       N,   N,    N,        N],
  ['criteriaSet',              'subtree', Y,    N,       N,   N,    N,        N],
  ['criteriaSet',              'outside', Y,    N,       N,   N,    N,        N],
  ['copyCriteriaSet',          'own',     N,    N,       N,   N,    N,        N],
  ['copyCriteriaSet',          'subtree', N,    N,       N,   N,    N,        N],
  ['copyCriteriaSet',          'outside', N,    N,       N,   N,    N,        N],
  ['updateCriterion',          'own',     N,    N,       N,   N,    N,        N],
  ['updateCriterion',          'subtree', N,    N,       N,   N,    N,        N],
  ['updateCriterion',          'outside', N,    N,       N,   N,    N,        N],
  ['addCriterion',             'own',     N,    N,       N,   N,    N,        N],
  ['addCriterion',             'subtree', N,    N,       N,   N,    N,        N],
  ['addCriterion',             'outside', N,    N,       N,   N,    N,        N],
  ['removeCriterion',          'own',     N,    N,       N,   N,    N,        N],
  ['removeCriterion',          'subtree', N,    N,       N,   N,    N,        N],
  ['removeCriterion',          'outside', N,    N,       N,   N,    N,        N],
  ['publishCriteriaSet',       'own',     N,    N,       N,   N,    N,        N],
  ['publishCriteriaSet',       'subtree', N,    N,       N,   N,    N,        N],
  ['publishCriteriaSet',       'outside', N,    N,       N,   N,    N,        N],
  // Spreadsheets (docs/authorization.md, "Spreadsheets"). A batch: "own" the viewer's USERS batch
  // for D, "subtree" the viewer's TASKS batch for C1 in D's draft, "outside" someone else's.
  ['importBatch',              'own',     Y,    N,       N,   N,    N,        N],
  ['importBatch',              'subtree', N,    Y,       N,   N,    N,        N],
  ['importBatch',              'outside', N,    N,       N,   N,    N,        N],
  ['confirmImport',            'own',     Y,    N,       N,   N,    N,        N],
  ['confirmImport',            'subtree', N,    Y,       N,   N,    N,        N],
  ['confirmImport',            'outside', N,    N,       N,   N,    N,        N],
  ['discardImport',            'own',     Y,    N,       N,   N,    N,        N],
  ['discardImport',            'subtree', N,    Y,       N,   N,    N,        N],
  ['discardImport',            'outside', N,    N,       N,   N,    N,        N],
  ['importPlans',              'any',     N,    Y,       N,   N,    N,        N],
  // Uploads: a person for D / C1 / C3; a task for the issuer of a fresh draft of D / C1 / E.
  ['POST /import/upload: users', 'own',   Y,    N,       N,   N,    N,        N],
  ['POST /import/upload: users', 'subtree', Y,  N,       N,   N,    N,        N],
  ['POST /import/upload: users', 'outside', N,  N,       N,   N,    N,        N],
  ['POST /import/upload: tasks', 'own',   N,    Y,       N,   N,    N,        N],
  ['POST /import/upload: tasks', 'subtree', N,  Y,       N,   N,    N,        N],
  ['POST /import/upload: tasks', 'outside', N,  N,       N,   N,    N,        N],
  ['GET /import/templates/users.xlsx', 'any', Y, N,      N,   N,    N,        N],
  ['GET /import/templates/tasks.xlsx', 'any', N, Y,      N,   N,    N,        N],
  // Exports are their lists: the figures plan's task for D / C1 / C3 as in `tasks`; units and
  // people as in adminUnits / adminUsers.
  ['GET /export/tasks.csv',    'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['GET /export/tasks.csv',    'subtree', Y,    Y,       N,   N,    Y,        N],
  ['GET /export/tasks.csv',    'outside', N,    N,       N,   N,    N,        N],
  // The closed inspection of D / C1 / C3: its OPEN action and its findings, as in the lists.
  ['GET /export/corrective-actions.csv', 'own', Y, Y,    Y,   Y,    Y,        N],
  ['GET /export/corrective-actions.csv', 'subtree', Y, Y, N,  N,    Y,        N],
  ['GET /export/corrective-actions.csv', 'outside', N, N, N,  N,    N,        N],
  ['GET /export/findings.csv', 'own',     Y,    Y,       Y,   Y,    Y,        N],
  ['GET /export/findings.csv', 'subtree', Y,    Y,       N,   N,    Y,        N],
  ['GET /export/findings.csv', 'outside', N,    N,       N,   N,    N,        N],
  ['GET /export/units.csv',    'own',     Y,    N,       N,   N,    N,        N],
  ['GET /export/units.csv',    'subtree', Y,    N,       N,   N,    N,        N],
  ['GET /export/units.csv',    'outside', N,    N,       N,   N,    N,        N],
  ['GET /export/users.csv',    'own',     Y,    N,       N,   N,    N,        N],
  ['GET /export/users.csv',    'subtree', Y,    N,       N,   N,    N,        N],
  ['GET /export/users.csv',    'outside', N,    N,       N,   N,    N,        N],
];

// ---------------------------------------------------------------------------------------------
// The world: province P → district D (→ communes C1, C2) and district E (→ commune C3).

let api: Awaited<ReturnType<typeof createApiHarness>>;
let world: Awaited<ReturnType<typeof createWorld>>;

async function createWorld() {
  const { prisma } = api.db;
  const unit = async (
    code: string,
    name: string,
    level: UnitLevel,
    parent?: { id: string; path: string },
  ) => {
    const id = randomUUID();
    const path = `${parent?.path ?? '/'}${id}/`;
    return prisma.unit.create({ data: { id, code, name, level, parentId: parent?.id ?? null, path } });
  };
  const P = await unit('AZ', 'Tỉnh Thử Quyền', 'PROVINCE');
  const D = await unit('AZ-D', 'Huyện Đông', 'DISTRICT', P);
  const C1 = await unit('AZ-D-1', 'Xã Đông Một', 'COMMUNE', D);
  const C2 = await unit('AZ-D-2', 'Xã Đông Hai', 'COMMUNE', D);
  const E = await unit('AZ-E', 'Huyện Tây', 'DISTRICT', P);
  const C3 = await unit('AZ-E-3', 'Xã Tây Ba', 'COMMUNE', E);

  const passwordHash = await hashPassword(api.fixtures.password);
  const user = (key: string, name: string, role: Role, unitId: string) =>
    prisma.user.create({
      data: {
        email: `${key}@authz.demo`,
        name,
        passwordHash,
        locale: 'en',
        roles: { create: { role, unitId } },
      },
    });
  const users: Record<Role, { id: string; email: string }> = {
    ADMIN: await user('admin', 'Quản Trị Đông', 'ADMIN', D.id),
    STEERING: await user('steering', 'Chỉ Đạo Đông', 'STEERING', D.id),
    UNIT_HEAD: await user('head', 'Trưởng Đông', 'UNIT_HEAD', D.id),
    UNIT_STAFF: await user('staff', 'Cán Bộ Đông', 'UNIT_STAFF', D.id),
    INSPECTOR: await user('inspector', 'Thanh Tra Đông', 'INSPECTOR', D.id),
  };
  // The province's committee sets up the workflow-backed tasks; a commune head for the issue's case.
  const planner = await user('planner', 'Chỉ Đạo Tỉnh', 'STEERING', P.id);
  const communeHead = await user('communehead', 'Trưởng Xã Đông Một', 'UNIT_HEAD', C1.id);
  // Two assignments: the committee of district E, and the head of commune C1 (in district D).
  const twoRoles = await prisma.user.create({
    data: {
      email: 'tworoles@authz.demo',
      name: 'Hai Vai',
      passwordHash,
      locale: 'en',
      roles: {
        create: [
          { role: 'STEERING', unitId: E.id },
          { role: 'UNIT_HEAD', unitId: C1.id },
        ],
      },
    },
  });

  /** A plan row with task rows (no workflows: enough for reading). */
  const plan = async (
    title: string,
    issuer: { id: string },
    status: 'DRAFT' | 'ISSUED',
    tasks: { unit: { id: string }; progress?: number }[],
  ) => {
    const created = await prisma.reformPlan.create({
      data: {
        // UUIDs, like the IDs clients choose, so a client could send them as a requestId.
        id: randomUUID(),
        title,
        year: 2099, // far ahead: tasks due in its year are never past
        issuingUnitId: issuer.id,
        status,
        createdById: planner.id,
        issuedAt: status === 'ISSUED' ? new Date() : null,
        tasks: {
          create: tasks.map((task) => ({
            id: randomUUID(),
            areaId: api.fixtures.area.id,
            assigneeUnitId: task.unit.id,
            title: `${title}: nhiệm vụ`,
            dueDate: new Date('2099-06-30T00:00:00Z'),
            progress: task.progress ?? 0,
            status: task.progress ? 'IN_PROGRESS' : 'ASSIGNED',
            createdById: planner.id,
          })),
        },
      },
      include: { tasks: true },
    });
    const taskFor = (unitId: string) => created.tasks.find((task) => task.assigneeUnitId === unitId)!.id;
    return { id: created.id, taskFor };
  };
  const issued = {
    own: await plan('Kế hoạch của huyện Đông', D, 'ISSUED', []),
    subtree: await plan('Kế hoạch của xã Đông Một', C1, 'ISSUED', [{ unit: C1 }]),
    outside: await plan('Kế hoạch của huyện Tây', E, 'ISSUED', []),
  };
  const drafts = {
    own: await plan('Dự thảo của huyện Đông', D, 'DRAFT', [{ unit: D }]),
    subtree: await plan('Dự thảo của xã Đông Một', C1, 'DRAFT', [{ unit: C1 }]),
    outside: await plan('Dự thảo của huyện Tây', E, 'DRAFT', [{ unit: C3 }]),
  };
  const viaTask = {
    own: await plan('Kế hoạch tỉnh giao huyện Đông', P, 'ISSUED', [{ unit: D }]),
    subtree: await plan('Kế hoạch tỉnh giao xã Đông Một', P, 'ISSUED', [{ unit: C1 }]),
    outside: await plan('Kế hoạch tỉnh giao xã Tây Ba', P, 'ISSUED', [{ unit: C3 }]),
  };
  // Progress 10 / 30 / 90 (weight 1 each): every set of units gives a different completion.
  const figures = await plan('Kế hoạch CCHC tỉnh 2099', P, 'ISSUED', [
    { unit: D, progress: 10 },
    { unit: C1, progress: 30 },
    { unit: C3, progress: 90 },
  ]);

  const sessions = new Map<Viewer, string>();
  const signIn = async (email: string) => api.login(email);
  for (const role of VIEWERS) if (role !== 'anonymous') sessions.set(role, await signIn(users[role].email));
  const plannerSession = await signIn(planner.email);

  /** A task created through the API, so its workflow runs (reportProgress needs one). */
  const liveTask = async (planId: string, assigneeUnitId: string) => {
    const result = await api.gql<{ createTask: { __typename: string; id?: string } }>(
      CREATE_TASK,
      { input: taskInput({ planId, assigneeUnitId }) },
      { cookie: plannerSession },
    );
    if (result.data?.createTask.__typename !== 'Task') throw new Error(JSON.stringify(result));
    return result.data.createTask.id!;
  };
  const live = {
    own: await liveTask(issued.own.id, D.id),
    subtree: await liveTask(issued.own.id, C1.id),
    outside: await liveTask(issued.outside.id, C3.id),
  };

  return {
    units: { P, D, C1, C2, E, C3 },
    users,
    planner,
    plannerSession,
    communeHead,
    twoRoles,
    sessions,
    signIn,
    issued,
    drafts,
    viaTask,
    figures,
    live,
  };
}

// ---------------------------------------------------------------------------------------------
// Probes: how each line of the table is tried, and what counts as allowed.

interface Session {
  viewer: Viewer;
  cookie: string | undefined;
}
interface Seen {
  outcome: typeof Y | typeof N;
  /** For a denial: UNAUTHENTICATED, FORBIDDEN, NotFoundError or hidden (null, left out, not counted). */
  how: string;
  /** For commands: whether anything was written. */
  wrote?: boolean;
}
const allowed = (wrote?: boolean): Seen => ({
  outcome: Y,
  how: 'returned',
  ...(wrote === undefined ? {} : { wrote }),
});
const denied = (how: string, wrote?: boolean): Seen => ({
  outcome: N,
  how,
  ...(wrote === undefined ? {} : { wrote }),
});

/** The data of an answer, or the refusal it carries; any other error fails the test. */
async function ask<T>(
  session: Session,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ refused: 'UNAUTHENTICATED' | 'FORBIDDEN' } | { data: T }> {
  const result = await api.gql<T>(query, variables, session.cookie ? { cookie: session.cookie } : {});
  const code = result.errors?.[0]?.extensions?.code;
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') return { refused: code };
  if (result.errors?.length || !result.data) throw new Error(`unexpected answer: ${JSON.stringify(result)}`);
  return { data: result.data };
}

/** A command's answer: its success type, NotFoundError, or a refusal; anything else fails the test. */
async function command(
  session: Session,
  query: string,
  variables: Record<string, unknown>,
  success: string,
): Promise<{ outcome: typeof Y | typeof N; how: string }> {
  const result = await ask<Record<string, { __typename: string; message?: string }>>(
    session,
    query,
    variables,
  );
  if ('refused' in result) return { outcome: N, how: result.refused };
  const answer = Object.values(result.data)[0]!;
  if (answer.__typename === success) return { outcome: Y, how: 'returned' };
  if (answer.__typename === 'NotFoundError') return { outcome: N, how: 'NotFoundError' };
  throw new Error(`unexpected answer: ${JSON.stringify(answer)}`);
}

const contract = buildSchema(readFileSync(path.join(root, 'api', 'schema.graphql'), 'utf8'));
const queryFields = contract.getQueryType()!.getFields();
const mutationFields = contract.getMutationType()!.getFields();
/** Whether a field exists: an operation (`plan`) or a field of a type (`ReformPlan.completion`). */
function inSchema(field: string): boolean {
  const [typeName, name] = field.includes('.') ? field.split('.') : ['', field];
  if (!typeName) return field in queryFields || field in mutationFields;
  const type = contract.getType(typeName);
  return !!type && 'getFields' in type && name! in type.getFields();
}

/** Ids a list query returns, whether the field is a plain list or a connection (then its first page). */
async function listedIds(session: Session, field: string, args = ''): Promise<Seen | string[]> {
  const type = getNamedType(queryFields[field]!.type);
  const connection = 'getFields' in type && 'edges' in type.getFields();
  const allArgs = [connection ? 'first: 50' : '', args].filter(Boolean).join(', ');
  const selection = connection ? 'edges { node { id } }' : 'id';
  const result = await ask<Record<string, { id: string }[] | { edges: { node: { id: string } }[] }>>(
    session,
    `{ ${field}${allArgs ? `(${allArgs})` : ''} { ${selection} } }`,
  );
  if ('refused' in result) return denied(result.refused);
  const list = result.data[field]!;
  return Array.isArray(list) ? list.map((item) => item.id) : list.edges.map((edge) => edge.node.id);
}

async function listed(session: Session, field: string, id: string, args = ''): Promise<Seen> {
  const ids = await listedIds(session, field, args);
  if (!Array.isArray(ids)) return ids;
  return ids.includes(id) ? allowed() : denied('hidden');
}

async function planShown(session: Session, id: string): Promise<Seen> {
  const result = await ask<{ plan: { id: string } | null }>(
    session,
    `query($id: ID!) { plan(id: $id) { id } }`,
    {
      id,
    },
  );
  if ('refused' in result) return denied(result.refused);
  return result.data.plan?.id === id ? allowed() : denied('hidden');
}

async function taskShown(session: Session, id: string): Promise<Seen> {
  const result = await ask<{ task: { id: string } | null }>(
    session,
    `query($id: ID!) { task(id: $id) { id } }`,
    {
      id,
    },
  );
  if ('refused' in result) return denied(result.refused);
  return result.data.task?.id === id ? allowed() : denied('hidden');
}

const pick = <T>(scope: Scope, targets: Record<UnitScope, T>): T => {
  if (scope === 'any') throw new Error('this probe needs a unit scope');
  return targets[scope];
};
const unitOf = (scope: Scope) =>
  pick(scope, { own: world.units.D, subtree: world.units.C1, outside: world.units.C3 });

const CREATE_TASK = `mutation($input: CreateTaskInput!) {
  createTask(input: $input) { __typename ... on Task { id } ... on Error { message } }
}`;
const CREATE_PLAN = `mutation($input: CreatePlanInput!) {
  createPlan(input: $input) { __typename ... on ReformPlan { id } ... on Error { message } }
}`;

function taskInput(overrides: Record<string, unknown>) {
  return {
    requestId: randomUUID(),
    areaId: api.fixtures.area.id,
    title: 'Số hoá 100 % hồ sơ thủ tục hành chính',
    dueDate: '2099-06-30',
    ...overrides,
  };
}

/** Completion of the figures plan → the units whose tasks it counted (progress 10 / 30 / 90). */
const COUNTED: Record<string, UnitScope[]> = {
  '10': ['own'],
  '30': ['subtree'],
  '90': ['outside'],
  '20': ['own', 'subtree'],
  '50': ['own', 'outside'],
  '60': ['subtree', 'outside'],
  '43.3': ['own', 'subtree', 'outside'],
};

let reportedPercent = 0;

const EVIDENCE_ORIGIN = 'http://test';
const EVIDENCE_PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
let evidenceFolder: { dir: string; handlers: ReturnType<typeof createEvidenceHandlers> } | undefined;
/** The evidence routes over a storage folder of this test's own. */
function evidence() {
  if (!evidenceFolder) {
    const dir = mkdtempSync(path.join(tmpdir(), 'rt-authz-evidence-'));
    const handlers = createEvidenceHandlers({ prisma: api.db.prisma, dir, origin: EVIDENCE_ORIGIN });
    evidenceFolder = { dir, handlers };
  }
  return evidenceFolder;
}

const attached = new Map<Scope, Promise<{ taskId: string; evidenceId: string }>>();
/** A file attached to a progress report on the figures plan's task for D / C1 / C3 (rows). */
function attachedEvidence(scope: Scope): Promise<{ taskId: string; evidenceId: string }> {
  let found = attached.get(scope);
  if (!found) {
    const taskId = world.figures.taskFor(unitOf(scope).id);
    found = (async () => {
      const stored = await storeEvidenceFile(evidence().dir, EVIDENCE_PDF);
      const report = await api.db.prisma.progressReport.create({
        data: { taskId, authorId: world.planner.id, percent: 10, note: 'Có minh chứng' },
      });
      const row = await api.db.prisma.evidence.create({
        data: {
          sha256: stored.sha256,
          fileName: 'minh chứng.pdf',
          mimeType: 'application/pdf',
          sizeBytes: stored.sizeBytes,
          taskId,
          uploadedById: world.planner.id,
          progressReportId: report.id,
        },
      });
      return { taskId, evidenceId: row.id };
    })();
    attached.set(scope, found);
  }
  return found;
}

/** A fresh plan row issued by D / C1 / E with one task for its issuer (no workflow yet). */
async function freshPlan(scope: Scope, status: 'DRAFT' | 'ISSUED') {
  const issuer = pick(scope, { own: world.units.D, subtree: world.units.C1, outside: world.units.E });
  const plan = await api.db.prisma.reformPlan.create({
    data: {
      title: 'Kế hoạch để sửa',
      year: 2099,
      issuingUnitId: issuer.id,
      status,
      issuedAt: status === 'ISSUED' ? new Date() : null,
      createdById: world.planner.id,
      tasks: {
        create: {
          areaId: api.fixtures.area.id,
          assigneeUnitId: issuer.id,
          title: 'Rà soát thủ tục',
          dueDate: new Date('2099-06-30T00:00:00Z'),
          createdById: world.planner.id,
        },
      },
    },
    include: { tasks: true },
  });
  return { plan, issuer, taskId: plan.tasks[0]!.id };
}

let ward: Promise<{ id: string }> | undefined;
/**
 * The bulk assignment's units under the issuer: D's communes, E's commune, and for commune C1 a
 * ward under it, live only while the probe runs (the tree stays D, C1, C2 for the other tests).
 */
async function bulkLevel(scope: Scope, live: boolean): Promise<string> {
  if (scope !== 'subtree') return 'COMMUNE';
  const { C1 } = world.units;
  ward ??= api.db.prisma.unit.create({
    data: { code: 'AZ-D-1-W', name: 'Phường thử', level: 'WARD', parentId: C1.id, path: `${C1.path}ward/` },
  });
  await api.db.prisma.unit.update({
    where: { id: (await ward).id },
    data: { mergedIntoId: live ? null : C1.id },
  });
  return 'WARD';
}

const BULK_ANSWER = `__typename ... on Error { message }`;

async function bulkProbe(session: Session, scope: Scope, field: 'bulkAssignPreview' | 'bulkAssignTasks') {
  const { plan, issuer } = await freshPlan(scope, 'DRAFT');
  const level = await bulkLevel(scope, true);
  try {
    const seen = await command(
      session,
      `${field === 'bulkAssignTasks' ? 'mutation' : 'query'}($input: BulkAssignTasksInput!) {
        ${field}(input: $input) { ${BULK_ANSWER} }
      }`,
      {
        input: {
          requestId: randomUUID(),
          planId: plan.id,
          parentUnitId: issuer.id,
          level,
          areaId: api.fixtures.area.id,
          title: 'Niêm yết thủ tục',
          dueDate: '2099-09-30',
        },
      },
      field === 'bulkAssignTasks' ? 'BulkAssignment' : 'BulkAssignPreview',
    );
    const tasks = await api.db.prisma.task.count({ where: { planId: plan.id } });
    const workflow = await workflowExists(planWorkflowId(plan.id));
    // The preview writes nothing, whoever asks.
    if (field === 'bulkAssignPreview') {
      expect({ tasks, workflow }).toEqual({ tasks: 1, workflow: false });
      return seen;
    }
    return { ...seen, wrote: tasks > 1 || workflow };
  } finally {
    await bulkLevel(scope, false);
  }
}

const waiting = new Map<Scope, Promise<string>>();
/** A SUBMITTED task with its completion report in the plan issued by D / C1 / E (rows: reads need no workflow). */
function waitingForReview(scope: Scope): Promise<string> {
  let found = waiting.get(scope);
  if (!found) {
    const { plan, unit } = pick(scope, {
      own: { plan: world.issued.own, unit: world.units.D },
      subtree: { plan: world.issued.subtree, unit: world.units.C1 },
      outside: { plan: world.issued.outside, unit: world.units.C3 },
    });
    found = api.db.prisma.task
      .create({
        data: {
          planId: plan.id,
          areaId: api.fixtures.area.id,
          assigneeUnitId: unit.id,
          title: 'Chờ duyệt báo cáo hoàn thành',
          dueDate: new Date('2099-06-30T00:00:00Z'),
          status: 'SUBMITTED',
          progress: 100,
          createdById: world.planner.id,
          reports: { create: { authorId: world.users.UNIT_HEAD.id, percent: 100, isCompletion: true } },
        },
      })
      .then((task) => task.id);
    waiting.set(scope, found);
  }
  return found;
}

/** One audit event on a task or plan, written once per target (what the timeline probes look for). */
const auditOf = new Map<string, Promise<string>>();
function auditEventOn(entityType: 'Task' | 'ReformPlan', entityId: string): Promise<string> {
  let found = auditOf.get(entityId);
  if (!found) {
    found = api.db.prisma.auditEvent
      .create({
        data: {
          eventId: `authz-timeline-${entityId}`,
          actorId: world.planner.id,
          action: entityType === 'Task' ? 'task.progressReported' : 'plan.issued',
          entityType,
          entityId,
          before: { progress: 0, status: 'ASSIGNED' },
          after: { task: { progress: 10, status: 'IN_PROGRESS' } },
        },
      })
      .then((event) => event.id);
    auditOf.set(entityId, found);
  }
  return found;
}

/** The official looked for on a unit: D's and C1's heads; a head made for C3 and a staff member for P. */
let extraOfficials: Promise<{ C3: string; P: string }> | undefined;
async function officialOf(
  scope: Scope,
): Promise<{ unitId: string; userId: string; alsoUnitId?: string; alsoUserId?: string }> {
  extraOfficials ??= (async () => {
    const passwordHash = await hashPassword(api.fixtures.password);
    const make = (key: string, name: string, role: Role, unitId: string) =>
      api.db.prisma.user
        .create({
          data: { email: `${key}@authz.demo`, name, passwordHash, roles: { create: { role, unitId } } },
        })
        .then((user) => user.id);
    return {
      C3: await make('c3head', 'Trưởng Xã Tây Ba', 'UNIT_HEAD', world.units.C3.id),
      P: await make('pstaff', 'Cán Bộ Tỉnh', 'UNIT_STAFF', world.units.P.id),
    };
  })();
  const extra = await extraOfficials;
  return pick(scope, {
    own: { unitId: world.units.D.id, userId: world.users.UNIT_HEAD.id },
    subtree: { unitId: world.units.C1.id, userId: world.communeHead.id },
    // The other district's commune, and the province: an ancestor whose plans the viewers see.
    outside: {
      unitId: world.units.C3.id,
      userId: extra.C3,
      alsoUnitId: world.units.P.id,
      alsoUserId: extra.P,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Administration (docs/authorization.md, "Administration"): ADMIN inside the subtree of its unit.
// Targets for the ADMIN of district D: D itself ("own"), commune C1 ("subtree"), commune C3 of
// district E ("outside"); a command's fresh units, people and roles are made there for each row.

/** A fresh unit under `parent` (a row written directly: enough for the administrator's commands). */
async function freshUnit(parent: { id: string; path: string }, label: string) {
  const id = randomUUID();
  return api.db.prisma.unit.create({
    data: {
      id,
      code: `AZ-${label}-${id.slice(0, 8)}`,
      name: `Đơn vị thử ${label}`,
      level: 'AGENCY',
      parentId: parent.id,
      path: `${parent.path}${id}/`,
    },
  });
}

/** A fresh person holding `roles` on the scope's unit (D / C1 / C3). */
async function freshPerson(scope: Scope, roles: Role[] = ['UNIT_STAFF']) {
  const unitId = unitOf(scope).id;
  return api.db.prisma.user.create({
    data: {
      email: `p-${randomUUID().slice(0, 12)}@authz.demo`,
      name: 'Người Thử Quyền',
      passwordHash: 'not used',
      roles: { create: roles.map((role) => ({ role, unitId })) },
    },
    include: { roles: true },
  });
}

const ADMIN_ANSWER = `__typename ... on Error { message }`;

/** Runs an administrator's command; `wrote` is whether an audit event on `entityId` appeared. */
async function adminCommand(
  session: Session,
  query: string,
  variables: Record<string, unknown>,
  success: string,
  entityId: () => Promise<string> | string,
): Promise<Seen> {
  const before = await api.db.prisma.auditEvent.count({ where: { entityId: await entityId() } });
  const answer = await command(session, query, variables, success);
  const after = await api.db.prisma.auditEvent.count({ where: { entityId: await entityId() } });
  return { ...answer, wrote: after > before };
}

async function adminShown(session: Session, field: 'adminUnit' | 'adminUser', id: string): Promise<Seen> {
  const result = await ask<Record<string, { id: string } | null>>(
    session,
    `query($id: ID!) { ${field}(id: $id) { id } }`,
    { id },
  );
  if ('refused' in result) return denied(result.refused);
  return result.data[field]?.id === id ? allowed() : denied('hidden');
}

/** The head of D / C1 / C3 (a person of the table's world or the outsider of C3). */
async function personOf(scope: Scope): Promise<string> {
  if (scope === 'own') return world.users.UNIT_HEAD.id;
  if (scope === 'subtree') return world.communeHead.id;
  const outside = await api.db.prisma.roleAssignment.findFirst({
    where: { unitId: world.units.C3.id },
    select: { userId: true },
  });
  return outside?.userId ?? (await freshPerson('outside')).id;
}

const ADMIN_PROBES = {
  adminUnits: {
    field: 'adminUnits',
    run: (session, scope) => listed(session, 'adminUnits', unitOf(scope).id),
  },
  adminUnit: {
    field: 'adminUnit',
    run: (session, scope) => adminShown(session, 'adminUnit', unitOf(scope).id),
  },
  unitMergerPreview: {
    field: 'unitMergerPreview',
    run: async (session, scope) => {
      const [from, to] = [await freshUnit(unitOf(scope), 'MF'), await freshUnit(unitOf(scope), 'MT')];
      return command(
        session,
        `query($from: ID!, $to: ID!) { unitMergerPreview(fromUnitId: $from, toUnitId: $to) { ${ADMIN_ANSWER} } }`,
        { from: from.id, to: to.id },
        'MergerPreview',
      );
    },
  },
  createUnit: {
    field: 'createUnit',
    run: async (session, scope) => {
      const code = `AZ-NEW-${randomUUID().slice(0, 8)}`;
      const answer = await command(
        session,
        `mutation($input: CreateUnitInput!) { createUnit(input: $input) { ${ADMIN_ANSWER} } }`,
        { input: { name: 'Đơn vị mới', code, level: 'AGENCY', parentId: unitOf(scope).id } },
        'AdminUnit',
      );
      return { ...answer, wrote: (await api.db.prisma.unit.count({ where: { code } })) > 0 };
    },
  },
  updateUnit: {
    field: 'updateUnit',
    run: async (session, scope) => {
      const unit = unitOf(scope);
      return adminCommand(
        session,
        `mutation($input: UpdateUnitInput!) { updateUnit(input: $input) { ${ADMIN_ANSWER} } }`,
        { input: { id: unit.id, name: unit.name } },
        'AdminUnit',
        () => unit.id,
      );
    },
  },
  moveUnit: {
    field: 'moveUnit',
    run: async (session, scope) => {
      const [unit, parent] = [await freshUnit(unitOf(scope), 'MV'), await freshUnit(unitOf(scope), 'MP')];
      return adminCommand(
        session,
        `mutation($input: MoveUnitInput!) { moveUnit(input: $input) { ${ADMIN_ANSWER} } }`,
        { input: { id: unit.id, parentId: parent.id } },
        'AdminUnit',
        () => unit.id,
      );
    },
  },
  mergeUnits: {
    field: 'mergeUnits',
    run: async (session, scope) => {
      const [from, to] = [await freshUnit(unitOf(scope), 'GF'), await freshUnit(unitOf(scope), 'GT')];
      const answer = await command(
        session,
        `mutation($input: MergeUnitsInput!) { mergeUnits(input: $input) { ${ADMIN_ANSWER} } }`,
        { input: { fromUnitId: from.id, toUnitId: to.id, reason: 'Nghị quyết sáp nhập' } },
        'UnitMerger',
      );
      const after = await api.db.prisma.unit.findUniqueOrThrow({ where: { id: from.id } });
      return { ...answer, wrote: after.mergedIntoId === to.id };
    },
  },
  adminUsers: {
    field: 'adminUsers',
    run: async (session, scope) => listed(session, 'adminUsers', await personOf(scope)),
  },
  adminUser: {
    field: 'adminUser',
    run: async (session, scope) => adminShown(session, 'adminUser', await personOf(scope)),
  },
  createUser: {
    field: 'createUser',
    run: async (session, scope) => {
      const email = `new-${randomUUID().slice(0, 12)}@authz.demo`;
      const answer = await command(
        session,
        `mutation($input: CreateUserInput!) { createUser(input: $input) { ${ADMIN_ANSWER} } }`,
        { input: { name: 'Người Mới', email, role: 'UNIT_STAFF', unitId: unitOf(scope).id } },
        'IssuedPassword',
      );
      return { ...answer, wrote: (await api.db.prisma.user.count({ where: { email } })) > 0 };
    },
  },
  resetUserPassword: {
    field: 'resetUserPassword',
    run: async (session, scope) => {
      const user = await freshPerson(scope);
      return adminCommand(
        session,
        `mutation($id: ID!) { resetUserPassword(userId: $id) { ${ADMIN_ANSWER} } }`,
        { id: user.id },
        'IssuedPassword',
        () => user.id,
      );
    },
  },
  setUserActive: {
    field: 'setUserActive',
    run: async (session, scope) => {
      const user = await freshPerson(scope);
      return adminCommand(
        session,
        `mutation($id: ID!) { setUserActive(userId: $id, active: false) { ${ADMIN_ANSWER} } }`,
        { id: user.id },
        'AdminUser',
        () => user.id,
      );
    },
  },
  assignRole: {
    field: 'assignRole',
    run: async (session, scope) => {
      const user = await freshPerson(scope);
      return adminCommand(
        session,
        `mutation($input: AssignRoleInput!) { assignRole(input: $input) { ${ADMIN_ANSWER} } }`,
        { input: { userId: user.id, role: 'UNIT_HEAD', unitId: unitOf(scope).id } },
        'AdminUser',
        () => user.id,
      );
    },
  },
  removeRole: {
    field: 'removeRole',
    run: async (session, scope) => {
      const user = await freshPerson(scope, ['UNIT_STAFF', 'UNIT_HEAD']);
      const head = user.roles.find((assignment) => assignment.role === 'UNIT_HEAD')!;
      return adminCommand(
        session,
        `mutation($id: ID!) { removeRole(roleAssignmentId: $id) { ${ADMIN_ANSWER} } }`,
        { id: head.id },
        'AdminUser',
        () => user.id,
      );
    },
  },
} satisfies Record<string, Probe>;

/** A Monday–Friday from 2031 on that is in no test's calendar yet. */
async function freeWeekday(): Promise<string> {
  for (;;) {
    const date = new Date(
      Date.UTC(2031 + Math.floor(Math.random() * 60), 0, 1 + Math.floor(Math.random() * 365)),
    );
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    if (!(await api.db.prisma.holiday.findUnique({ where: { date } })))
      return date.toISOString().slice(0, 10);
  }
}

/** A holiday command: refused by the schema, or by the rule on who changes the calendar. */
async function calendarCommand(
  session: Session,
  query: string,
  variables: Record<string, unknown>,
  changed: () => Promise<boolean>,
  success = 'Holiday',
): Promise<Seen> {
  const result = await ask<Record<string, { __typename: string; reason?: string }>>(
    session,
    query,
    variables,
  );
  if ('refused' in result) return { outcome: N, how: result.refused, wrote: await changed() };
  const answer = Object.values(result.data)[0]!;
  if (answer.__typename === success) return { outcome: Y, how: 'returned', wrote: await changed() };
  if (answer.reason === 'NOT_CALENDAR_ADMIN')
    return { outcome: N, how: answer.reason, wrote: await changed() };
  throw new Error(`unexpected answer: ${JSON.stringify(answer)}`);
}

const CRITERIA_ANSWER = `__typename ... on CalendarRefusedError { reason }`;
let criteriaProbeYear = 0;
let criteriaProbeSet: Promise<{ id: string; criterionId: string }> | undefined;
/** An unpublished ward-level criteria set of 2029 with one criterion, made once. */
function criteriaSetForProbe(): Promise<{ id: string; criterionId: string }> {
  criteriaProbeSet ??= (async () => {
    const set = await api.db.prisma.criteriaSet.create({
      data: { year: 2029, level: 'WARD', name: 'Bộ tiêu chí thử quyền 2029', maxPoints: 100 },
    });
    const criterion = await api.db.prisma.criterion.create({
      data: {
        criteriaSetId: set.id,
        code: '1',
        nameVi: 'Tiêu chí thử',
        nameEn: 'Probe criterion',
        maxPoints: 10,
        method: 'SELF_ASSESSED',
        sortOrder: 1,
      },
    });
    return { id: set.id, criterionId: criterion.id };
  })();
  return criteriaProbeSet;
}

const CALENDAR_PROBES = {
  holidays: {
    field: 'holidays',
    run: async (session) => {
      const result = await ask<{ holidays: { __typename: string } }>(
        session,
        `{ holidays(year: 2030) { __typename } }`,
      );
      if ('refused' in result) return denied(result.refused);
      expect(result.data.holidays.__typename).toBe('HolidayYear');
      return allowed();
    },
  },
  addHoliday: {
    field: 'addHoliday',
    run: async (session) => {
      const date = await freeWeekday();
      return calendarCommand(
        session,
        `mutation($input: AddHolidayInput!) { addHoliday(input: $input) { __typename ... on CalendarRefusedError { reason } } }`,
        { input: { date, kind: 'HOLIDAY', nameVi: 'Nghỉ thử quyền', nameEn: 'Authorization test day' } },
        async () =>
          (await api.db.prisma.holiday.count({ where: { date: new Date(`${date}T00:00:00Z`) } })) > 0,
      );
    },
  },
  removeHoliday: {
    field: 'removeHoliday',
    run: async (session) => {
      const holiday = await api.db.prisma.holiday.create({
        data: { date: new Date(`${await freeWeekday()}T00:00:00Z`), nameVi: 'Giữ lại', nameEn: 'Kept' },
      });
      return calendarCommand(
        session,
        `mutation($id: ID!) { removeHoliday(id: $id) { __typename ... on CalendarRefusedError { reason } } }`,
        { id: holiday.id },
        async () => (await api.db.prisma.holiday.count({ where: { id: holiday.id } })) === 0,
      );
    },
  },
  criteriaSets: {
    field: 'criteriaSets',
    run: async (session) => {
      const { id } = await criteriaSetForProbe();
      const result = await ask<{ criteriaSets: { id: string }[] }>(session, `{ criteriaSets { id } }`);
      if ('refused' in result) return denied(result.refused);
      return result.data.criteriaSets.some((set) => set.id === id) ? allowed() : denied('hidden');
    },
  },
  criteriaSet: {
    field: 'criteriaSet',
    run: async (session) => {
      const { id } = await criteriaSetForProbe();
      const result = await ask<{ criteriaSet: { id: string } | null }>(
        session,
        `query($id: ID!) { criteriaSet(id: $id) { id } }`,
        { id },
      );
      if ('refused' in result) return denied(result.refused);
      return result.data.criteriaSet?.id === id ? allowed() : denied('hidden');
    },
  },
  copyCriteriaSet: {
    field: 'copyCriteriaSet',
    run: async (session) => {
      const { id } = await criteriaSetForProbe();
      const toYear = 2100 - (criteriaProbeYear++ % 90);
      return calendarCommand(
        session,
        `mutation($input: CopyCriteriaSetInput!) { copyCriteriaSet(input: $input) { ${CRITERIA_ANSWER} } }`,
        { input: { fromId: id, toYear } },
        async () => (await api.db.prisma.criteriaSet.count({ where: { year: toYear, level: 'WARD' } })) > 0,
        'CriteriaSet',
      );
    },
  },
  updateCriterion: {
    field: 'updateCriterion',
    run: async (session) => {
      const { criterionId } = await criteriaSetForProbe();
      return calendarCommand(
        session,
        `mutation($input: UpdateCriterionInput!) { updateCriterion(input: $input) { ${CRITERIA_ANSWER} } }`,
        { input: { id: criterionId, nameEn: 'Changed by the probe' } },
        async () =>
          (await api.db.prisma.criterion.findUniqueOrThrow({ where: { id: criterionId } })).nameEn ===
          'Changed by the probe',
        'CriteriaSet',
      );
    },
  },
  addCriterion: {
    field: 'addCriterion',
    run: async (session) => {
      const { id } = await criteriaSetForProbe();
      const code = `P${randomUUID().slice(0, 6)}`;
      return calendarCommand(
        session,
        `mutation($input: AddCriterionInput!) { addCriterion(input: $input) { ${CRITERIA_ANSWER} } }`,
        {
          input: {
            criteriaSetId: id,
            code,
            nameVi: 'Thêm',
            nameEn: 'Added',
            maxPoints: 0,
            method: 'COMPUTED',
          },
        },
        async () => (await api.db.prisma.criterion.count({ where: { criteriaSetId: id, code } })) > 0,
        'CriteriaSet',
      );
    },
  },
  removeCriterion: {
    field: 'removeCriterion',
    run: async (session) => {
      const { id } = await criteriaSetForProbe();
      const criterion = await api.db.prisma.criterion.create({
        data: {
          criteriaSetId: id,
          code: `R${randomUUID().slice(0, 6)}`,
          nameVi: 'Xoá',
          nameEn: 'Removed',
          maxPoints: 0,
          method: 'COMPUTED',
          sortOrder: 99,
        },
      });
      return calendarCommand(
        session,
        `mutation($id: ID!) { removeCriterion(id: $id) { ${CRITERIA_ANSWER} } }`,
        { id: criterion.id },
        async () => (await api.db.prisma.criterion.count({ where: { id: criterion.id } })) === 0,
        'CriteriaSet',
      );
    },
  },
  publishCriteriaSet: {
    field: 'publishCriteriaSet',
    run: async (session) => {
      const { id } = await criteriaSetForProbe();
      return calendarCommand(
        session,
        `mutation($id: ID!) { publishCriteriaSet(id: $id) { ${CRITERIA_ANSWER} } }`,
        { id },
        async () => !!(await api.db.prisma.criteriaSet.findUniqueOrThrow({ where: { id } })).publishedAt,
        'CriteriaSet',
      );
    },
  },
} satisfies Record<string, Probe>;

// Spreadsheets (docs/authorization.md, "Spreadsheets"): batches belong to their author; units and
// users are imported and exported by an ADMIN inside their subtree, task assignments by the
// committee reaching a DRAFT plan's issuing unit; list exports are the lists.
let spreadsheetHandlers: ReturnType<typeof createSpreadsheetHandlers> | undefined;
const spreadsheets = () =>
  (spreadsheetHandlers ??= createSpreadsheetHandlers({ prisma: api.db.prisma, origin: EVIDENCE_ORIGIN }));
const spreadsheetRequest = (session: Session, path: string, init: RequestInit = {}) =>
  new Request(`${EVIDENCE_ORIGIN}${path}`, {
    ...init,
    headers: { origin: EVIDENCE_ORIGIN, ...(session.cookie ? { cookie: session.cookie } : {}) },
  });
/** A download's refusal as a probe's answer; an XLSX / CSV body is the allowed answer's. */
function downloadRefused(response: Response): Seen | null {
  if (response.status === 200) return null;
  if (response.status === 401) return denied('UNAUTHENTICATED');
  if (response.status === 403) return denied('FORBIDDEN');
  throw new Error(`unexpected answer ${response.status}`);
}

/**
 * A checked batch ready to apply, as stored by an upload: "own" a USERS batch of the viewer (a
 * person for D), "subtree" a TASKS batch of the viewer (a task for C1 in a fresh draft of D),
 * "outside" a USERS batch of another person (the C1 head).
 */
async function importBatchFor(session: Session, scope: Scope) {
  const me =
    world.users[
      session.viewer === 'anonymous' ? (scope === 'subtree' ? 'STEERING' : 'ADMIN') : session.viewer
    ];
  const marker = randomUUID();
  if (scope === 'subtree') {
    const { plan } = await freshPlan('own', 'DRAFT');
    const title = `Nhập ${marker}`;
    const batch = await api.db.prisma.importBatch.create({
      data: {
        kind: 'TASKS',
        fileName: 'giao-viec.xlsx',
        fileHash: marker,
        rowCount: 1,
        planId: plan.id,
        rows: [
          {
            row: 2,
            values: {
              title,
              unitCode: world.units.C1.code,
              area: api.fixtures.area.code,
              dueDate: '2099-06-30',
            },
          },
        ],
        problems: [],
        createdById: me.id,
      },
    });
    return { batch, wrote: async () => (await api.db.prisma.task.count({ where: { title } })) > 0 };
  }
  const email = `nhap-${marker}@authz.demo`;
  const batch = await api.db.prisma.importBatch.create({
    data: {
      kind: 'USERS',
      fileName: 'nguoi-dung.csv',
      fileHash: marker,
      rowCount: 1,
      rows: [
        { row: 2, values: { email, name: 'Người Nhập', roles: 'UNIT_STAFF', unitCode: world.units.D.code } },
      ],
      problems: [],
      createdById: scope === 'own' ? me.id : world.communeHead.id,
    },
  });
  return { batch, wrote: async () => (await api.db.prisma.user.count({ where: { email } })) > 0 };
}

let importPlan: ReturnType<typeof freshPlan> | undefined;

const SPREADSHEET_PROBES = {
  importBatch: {
    field: 'importBatch',
    run: async (session, scope) => {
      const { batch } = await importBatchFor(session, scope);
      const seen = await command(
        session,
        `query($id: ID!) { importBatch(id: $id) { __typename ... on Error { message } } }`,
        { id: batch.id },
        'ImportBatch',
      );
      return seen.outcome === Y ? allowed() : denied(seen.how);
    },
  },
  importPlans: {
    field: 'importPlans',
    run: async (session) => {
      importPlan ??= freshPlan('own', 'DRAFT');
      return listed(session, 'importPlans', (await importPlan).plan.id);
    },
  },
  confirmImport: {
    field: 'confirmImport',
    run: async (session, scope) => {
      const { batch, wrote } = await importBatchFor(session, scope);
      const seen = await command(
        session,
        `mutation($id: ID!) { confirmImport(batchId: $id) { __typename ... on Error { message } } }`,
        { id: batch.id },
        'ImportResult',
      );
      return { ...seen, wrote: await wrote() };
    },
  },
  discardImport: {
    field: 'discardImport',
    run: async (session, scope) => {
      const { batch } = await importBatchFor(session, scope);
      const seen = await command(
        session,
        `mutation($id: ID!) { discardImport(batchId: $id) { __typename ... on Error { message } } }`,
        { id: batch.id },
        'ImportBatch',
      );
      const after = await api.db.prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id } });
      return { ...seen, wrote: after.status === 'DISCARDED' };
    },
  },
  'POST /import/upload: users': {
    field: 'ImportBatch.rowCount',
    run: async (session, scope) => {
      const form = new FormData();
      form.append('kind', 'USERS');
      const email = `tai-len-${randomUUID()}@authz.demo`;
      form.append(
        'file',
        new File(
          [`Email,Họ và tên,Vai trò,Mã đơn vị\r\n${email},Thử,Cán bộ,${unitOf(scope).code}\r\n`],
          'u.csv',
        ),
      );
      const response = await spreadsheets().upload(
        spreadsheetRequest(session, '/import/upload', { method: 'POST', body: form }),
      );
      if (response.status === 201) {
        const { batch } = (await response.json()) as { batch: { problems: number } };
        // Outside the administrator's subtree the unit reads as unknown: the row's problem.
        return batch.problems === 0 ? allowed() : denied('NotFoundError');
      }
      return downloadRefused(response) ?? denied(String(response.status));
    },
  },
  'POST /import/upload: tasks': {
    field: 'ImportBatch.rowCount',
    run: async (session, scope) => {
      const { plan, issuer } = await freshPlan(scope, 'DRAFT');
      const form = new FormData();
      form.append('kind', 'TASKS');
      form.append('planId', plan.id);
      form.append(
        'file',
        new File(
          [
            `Tên nhiệm vụ,Mã đơn vị,Lĩnh vực,Hạn hoàn thành\r\nNhập thử,${issuer.code},${api.fixtures.area.code},30/06/2099\r\n`,
          ],
          't.csv',
        ),
      );
      const response = await spreadsheets().upload(
        spreadsheetRequest(session, '/import/upload', { method: 'POST', body: form }),
      );
      if (response.status === 201) {
        const { batch } = (await response.json()) as { batch: { problems: number } };
        return batch.problems === 0 ? allowed() : denied('NotFoundError');
      }
      if (response.status === 404) return denied('NotFoundError');
      return downloadRefused(response) ?? denied(String(response.status));
    },
  },
  'GET /import/templates/users.xlsx': {
    field: 'ImportProblem.columnHeader',
    run: async (session) =>
      downloadRefused(
        await spreadsheets().template(
          spreadsheetRequest(session, '/import/templates/users.xlsx'),
          'users.xlsx',
        ),
      ) ?? allowed(),
  },
  'GET /import/templates/tasks.xlsx': {
    field: 'ImportProblem.columnHeader',
    run: async (session) =>
      downloadRefused(
        await spreadsheets().template(
          spreadsheetRequest(session, '/import/templates/tasks.xlsx'),
          'tasks.xlsx',
        ),
      ) ?? allowed(),
  },
  'GET /export/tasks.csv': {
    field: 'tasks',
    run: async (session, scope) => {
      const task = await api.db.prisma.task.findUniqueOrThrow({
        where: { id: world.figures.taskFor(unitOf(scope).id) },
        include: { plan: true, assigneeUnit: true },
      });
      const response = await spreadsheets().exportList(
        spreadsheetRequest(session, '/export/tasks.csv?lang=en'),
        'tasks',
        'csv',
      );
      const refused = downloadRefused(response);
      if (refused) return refused;
      const lines = (await response.text()).split('\r\n');
      return lines.some(
        (line) => line.includes(task.plan.title) && line.includes(`,${task.assigneeUnit.code},`),
      )
        ? allowed()
        : denied('hidden');
    },
  },
  'GET /export/corrective-actions.csv': {
    field: 'correctiveActions',
    run: async (session, scope) => {
      const action = await api.db.prisma.correctiveAction.findUniqueOrThrow({
        where: { id: pick(scope, (await inspectionWorld()).closed).read },
        include: { finding: true, responsibleUnit: true },
      });
      const response = await spreadsheets().exportList(
        spreadsheetRequest(session, '/export/corrective-actions.csv?lang=en&f=1&status=OPEN'),
        'corrective-actions',
        'csv',
      );
      const refused = downloadRefused(response);
      if (refused) return refused;
      const rows = parse<Record<string, string>>(Buffer.from(await response.arrayBuffer()), {
        bom: true,
        columns: true,
      });
      return rows.some(
        (row) =>
          row.Finding === action.finding.description && row['Unit code'] === action.responsibleUnit.code,
      )
        ? allowed()
        : denied('hidden');
    },
  },
  'GET /export/findings.csv': {
    field: 'Inspection.findings',
    run: async (session, scope) => {
      const { inspectionId } = pick(scope, (await inspectionWorld()).closed);
      const findings = await api.db.prisma.finding.findMany({
        where: { inspectionId },
        include: { inspection: { include: { targetUnit: true } } },
      });
      const response = await spreadsheets().exportList(
        spreadsheetRequest(session, '/export/findings.csv?lang=en'),
        'findings',
        'csv',
      );
      const refused = downloadRefused(response);
      if (refused) return refused;
      const rows = parse<Record<string, string>>(Buffer.from(await response.arrayBuffer()), {
        bom: true,
        columns: true,
      });
      // The same findings are recorded on each unit's inspection: the unit's code tells them apart.
      const listed = new Set(rows.map((row) => `${row['Unit code']} ${row.Finding}`));
      expect(findings.length).toBeGreaterThan(0);
      return findings.every((finding) =>
        listed.has(`${finding.inspection.targetUnit.code} ${finding.description}`),
      )
        ? allowed()
        : denied('hidden');
    },
  },
  'GET /export/units.csv': {
    field: 'adminUnits',
    run: async (session, scope) => {
      const response = await spreadsheets().exportList(
        spreadsheetRequest(session, '/export/units.csv'),
        'units',
        'csv',
      );
      const refused = downloadRefused(response);
      if (refused) return refused;
      const lines = (await response.text()).split('\r\n');
      return lines.some((line) => line.startsWith(`${unitOf(scope).code},`)) ? allowed() : denied('hidden');
    },
  },
  'GET /export/users.csv': {
    field: 'adminUsers',
    run: async (session, scope) => {
      const response = await spreadsheets().exportList(
        spreadsheetRequest(session, '/export/users.csv'),
        'users',
        'csv',
      );
      const refused = downloadRefused(response);
      if (refused) return refused;
      const person = await api.db.prisma.user.findUniqueOrThrow({ where: { id: await personOf(scope) } });
      return (await response.text()).includes(`${person.email},`) ? allowed() : denied('hidden');
    },
  },
} satisfies Record<string, Probe>;

const PROBES = {
  ...ADMIN_PROBES,
  ...CALENDAR_PROBES,
  ...SPREADSHEET_PROBES,
  me: {
    field: 'me',
    anonymousGetsNull: true,
    run: async (session) => {
      const result = await ask<{ me: { id: string } | null }>(session, `{ me { id } }`);
      if ('refused' in result) return denied(result.refused);
      if (!result.data.me) return denied('hidden');
      expect(result.data.me.id).toBe(world.users[session.viewer as Role].id);
      return allowed();
    },
  },
  reformAreas: {
    field: 'reformAreas',
    run: async (session) => {
      const ids = await listedIds(session, 'reformAreas');
      if (!Array.isArray(ids)) return ids;
      return ids.includes(api.fixtures.area.id) ? allowed() : denied('hidden');
    },
  },
  units: {
    field: 'units',
    run: (session, scope) =>
      listed(
        session,
        'units',
        pick(scope, { own: world.units.D, subtree: world.units.C1, outside: world.units.E }).id,
      ),
  },
  'plan: issued': {
    field: 'plan',
    run: (session, scope) => planShown(session, pick(scope, world.issued).id),
  },
  'plan: draft': { field: 'plan', run: (session, scope) => planShown(session, pick(scope, world.drafts).id) },
  'plan: via a task': {
    field: 'plan',
    run: (session, scope) => planShown(session, pick(scope, world.viaTask).id),
  },
  'plans: issued': {
    field: 'plans',
    run: (session, scope) => listed(session, 'plans', pick(scope, world.issued).id),
  },
  'plans: draft': {
    field: 'plans',
    run: (session, scope) => listed(session, 'plans', pick(scope, world.drafts).id),
  },
  'plans: via a task': {
    field: 'plans',
    run: (session, scope) => listed(session, 'plans', pick(scope, world.viaTask).id),
  },
  'task: issued plan': {
    field: 'task',
    run: (session, scope) => taskShown(session, world.figures.taskFor(unitOf(scope).id)),
  },
  'task: own plan': {
    field: 'task',
    run: (session, scope) => taskShown(session, pick(scope, world.live)),
  },
  'task: draft': {
    field: 'task',
    run: (session, scope) => {
      const draft = pick(scope, world.drafts);
      return taskShown(session, draft.taskFor(unitOf(scope).id));
    },
  },
  'tasks: issued plan': {
    field: 'tasks',
    run: (session, scope) => listed(session, 'tasks', world.figures.taskFor(unitOf(scope).id)),
  },
  'tasks: draft': {
    field: 'tasks',
    run: (session, scope) => listed(session, 'tasks', pick(scope, world.drafts).taskFor(unitOf(scope).id)),
  },
  myWork: {
    field: 'myWork',
    run: async (session, scope) => {
      const result = await ask<{ myWork: { edges: { node: { id: string } }[] } }>(
        session,
        `{ myWork(first: 200) { edges { node { id } } } }`,
      );
      if ('refused' in result) return denied(result.refused);
      const ids = result.data.myWork.edges.map((edge) => edge.node.id);
      return ids.includes(world.figures.taskFor(unitOf(scope).id)) ? allowed() : denied('hidden');
    },
  },
  reviewQueue: {
    field: 'reviewQueue',
    run: async (session, scope) => {
      const taskId = await waitingForReview(scope);
      const result = await ask<{ reviewQueue: { edges: { node: { task: { id: string } } }[] } }>(
        session,
        `{ reviewQueue(first: 200) { edges { node { task { id } } } } }`,
      );
      if ('refused' in result) return denied(result.refused);
      const ids = result.data.reviewQueue.edges.map((edge) => edge.node.task.id);
      return ids.includes(taskId) ? allowed() : denied('hidden');
    },
  },
  'ReformPlan.tasks': {
    field: 'ReformPlan.tasks',
    run: async (session, scope) => {
      const result = await ask<{
        plan: { tasks: { totalCount: number; edges: { node: { id: string } }[] } } | null;
      }>(
        session,
        `query($id: ID!) { plan(id: $id) { tasks(first: 50) { totalCount edges { node { id } } } } }`,
        {
          id: world.figures.id,
        },
      );
      if ('refused' in result) return denied(result.refused);
      const tasks = result.data.plan!.tasks;
      // The count shows what the list shows, no more.
      expect(tasks.totalCount).toBe(tasks.edges.length);
      const ids = tasks.edges.map((edge) => edge.node.id);
      return ids.includes(world.figures.taskFor(unitOf(scope).id)) ? allowed() : denied('hidden');
    },
  },
  'ReformPlan.unitProgress': {
    field: 'ReformPlan.unitProgress',
    run: async (session, scope) => {
      const result = await ask<{ plan: { unitProgress: { unit: { id: string } }[] } | null }>(
        session,
        `query($id: ID!) { plan(id: $id) { unitProgress { unit { id } } } }`,
        { id: world.figures.id },
      );
      if ('refused' in result) return denied(result.refused);
      const units = result.data.plan!.unitProgress.map((row) => row.unit.id);
      return units.includes(unitOf(scope).id) ? allowed() : denied('hidden');
    },
  },
  'ReformPlan.completion': {
    field: 'ReformPlan.completion',
    run: async (session, scope) => {
      const result = await ask<{ plan: { completion: number | null } | null }>(
        session,
        `query($id: ID!) { plan(id: $id) { completion } }`,
        { id: world.figures.id },
      );
      if ('refused' in result) return denied(result.refused);
      const completion = result.data.plan!.completion;
      const counted = completion === null ? [] : COUNTED[String(completion)];
      if (!counted) throw new Error(`completion ${completion} matches no set of units`);
      return counted.includes(scope as UnitScope) ? allowed() : denied('hidden');
    },
  },
  dashboard: {
    field: 'dashboard',
    run: async (session, scope) => {
      const result = await ask<{
        dashboard: { __typename: string; unit?: { id: string }; total?: { total: { taskCount: number } } };
      }>(
        session,
        `query($planId: ID, $unitId: ID) { dashboard(planId: $planId, unitId: $unitId) {
          __typename ... on Dashboard { unit { id } total { total { taskCount } } } } }`,
        { planId: world.figures.id, unitId: unitOf(scope).id },
      );
      if ('refused' in result) return denied(result.refused);
      const answer = result.data.dashboard;
      if (answer.__typename === 'NotFoundError') return denied('NotFoundError');
      expect(answer.unit?.id).toBe(unitOf(scope).id);
      return answer.total!.total.taskCount > 0 ? allowed() : denied('hidden');
    },
  },
  unitPage: {
    field: 'unitPage',
    run: async (session, scope) => {
      const result = await ask<{ unitPage: { unit: { id: string } } | null }>(
        session,
        `query($id: ID!) { unitPage(id: $id) { unit { id } } }`,
        { id: unitOf(scope).id },
      );
      if ('refused' in result) return denied(result.refused);
      return result.data.unitPage?.unit.id === unitOf(scope).id ? allowed() : denied('hidden');
    },
  },
  createPlan: {
    field: 'createPlan',
    run: async (session, scope) => {
      const issuer = pick(scope, { own: world.units.D, subtree: world.units.C1, outside: world.units.E });
      const requestId = randomUUID();
      const seen = await command(
        session,
        CREATE_PLAN,
        { input: { requestId, title: 'Kế hoạch thử quyền', year: 2028, issuingUnitId: issuer.id } },
        'ReformPlan',
      );
      return { ...seen, wrote: (await api.db.prisma.reformPlan.count({ where: { id: requestId } })) > 0 };
    },
  },
  createTask: {
    field: 'createTask',
    run: async (session, scope) => {
      const target = pick(scope, {
        own: { planId: world.issued.own.id, assigneeUnitId: world.units.D.id },
        subtree: { planId: world.issued.own.id, assigneeUnitId: world.units.C1.id },
        outside: { planId: world.issued.outside.id, assigneeUnitId: world.units.C3.id },
      });
      const input = taskInput(target);
      const seen = await command(session, CREATE_TASK, { input }, 'Task');
      const wrote =
        (await api.db.prisma.task.count({ where: { id: input.requestId } })) > 0 ||
        (await workflowExists(taskWorkflowId(input.requestId)));
      return { ...seen, wrote };
    },
  },
  issuePlan: {
    field: 'issuePlan',
    run: async (session, scope) => {
      const issuer = pick(scope, { own: world.units.D, subtree: world.units.C1, outside: world.units.E });
      const draft = await api.db.prisma.reformPlan.create({
        data: {
          title: 'Dự thảo để ban hành',
          year: 2099,
          issuingUnitId: issuer.id,
          createdById: world.planner.id,
          tasks: {
            create: {
              areaId: api.fixtures.area.id,
              assigneeUnitId: issuer.id,
              title: 'Rà soát thủ tục',
              dueDate: new Date('2099-06-30T00:00:00Z'),
              createdById: world.planner.id,
            },
          },
        },
      });
      const seen = await command(
        session,
        `mutation($id: ID!) { issuePlan(planId: $id) { __typename ... on Error { message } } }`,
        { id: draft.id },
        'ReformPlan',
      );
      const after = await api.db.prisma.reformPlan.findUniqueOrThrow({ where: { id: draft.id } });
      return { ...seen, wrote: after.status !== 'DRAFT' || (await workflowExists(planWorkflowId(draft.id))) };
    },
  },
  'Task.evidence': {
    field: 'Task.evidence',
    run: async (session, scope) => {
      const { taskId, evidenceId } = await attachedEvidence(scope);
      const result = await ask<{ task: { evidence: { id: string }[] } | null }>(
        session,
        `query($id: ID!) { task(id: $id) { evidence { id } } }`,
        { id: taskId },
      );
      if ('refused' in result) return denied(result.refused);
      return result.data.task?.evidence.some((file) => file.id === evidenceId) ? allowed() : denied('hidden');
    },
  },
  // The download route serves what Evidence.downloadUrl names.
  'GET /evidence/<id>': {
    field: 'Evidence.downloadUrl',
    run: async (session, scope) => {
      const { evidenceId } = await attachedEvidence(scope);
      const response = await evidence().handlers.download(
        new Request(`${EVIDENCE_ORIGIN}/evidence/${evidenceId}`, {
          headers: session.cookie ? { cookie: session.cookie } : {},
        }),
        evidenceId,
      );
      if (response.status === 401) return denied('UNAUTHENTICATED');
      if (response.status === 404) return denied('hidden');
      expect(response.status).toBe(200);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(EVIDENCE_PDF);
      return allowed();
    },
  },
  // The upload gives the IDs reportProgress attaches, under the same rule.
  'POST /evidence': {
    field: 'ReportProgressInput.evidenceIds',
    run: async (session, scope) => {
      const taskId = pick(scope, world.live);
      const before = await api.db.prisma.evidence.count({ where: { taskId } });
      const form = new FormData();
      form.append('taskId', taskId);
      form.append('file', new File([EVIDENCE_PDF], 'thử quyền.pdf'));
      const response = await evidence().handlers.upload(
        new Request(`${EVIDENCE_ORIGIN}/evidence`, {
          method: 'POST',
          headers: { origin: EVIDENCE_ORIGIN, ...(session.cookie ? { cookie: session.cookie } : {}) },
          body: form,
        }),
      );
      const wrote = (await api.db.prisma.evidence.count({ where: { taskId } })) !== before;
      if (response.status === 201) return allowed(wrote);
      if (response.status === 401) return denied('UNAUTHENTICATED', wrote);
      if (response.status === 404) return denied('NotFoundError', wrote);
      throw new Error(`unexpected answer ${response.status}: ${await response.text()}`);
    },
  },
  updateDraftTask: {
    field: 'updateDraftTask',
    run: async (session, scope) => {
      const { taskId } = await freshPlan(scope, 'DRAFT');
      const seen = await command(
        session,
        `mutation($input: UpdateDraftTaskInput!) { updateDraftTask(input: $input) { __typename ... on Error { message } } }`,
        { input: { taskId, title: 'Đã sửa' } },
        'Task',
      );
      const row = await api.db.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
      return { ...seen, wrote: row.title === 'Đã sửa' };
    },
  },
  deleteDraftTask: {
    field: 'deleteDraftTask',
    run: async (session, scope) => {
      const { taskId } = await freshPlan(scope, 'DRAFT');
      const seen = await command(
        session,
        `mutation($id: ID!) { deleteDraftTask(taskId: $id) { __typename ... on Error { message } } }`,
        { id: taskId },
        'ReformPlan',
      );
      return { ...seen, wrote: (await api.db.prisma.task.count({ where: { id: taskId } })) === 0 };
    },
  },
  updateDraftPlan: {
    field: 'updateDraftPlan',
    run: async (session, scope) => {
      const { plan } = await freshPlan(scope, 'DRAFT');
      const seen = await command(
        session,
        `mutation($input: UpdateDraftPlanInput!) { updateDraftPlan(input: $input) { __typename ... on Error { message } } }`,
        { input: { planId: plan.id, title: 'Tên mới', cadence: 'HALF_YEARLY' } },
        'ReformPlan',
      );
      const row = await api.db.prisma.reformPlan.findUniqueOrThrow({ where: { id: plan.id } });
      return { ...seen, wrote: row.title === 'Tên mới' || row.cadence === 'HALF_YEARLY' };
    },
  },
  bulkAssignPreview: {
    field: 'bulkAssignPreview',
    run: (session, scope) => bulkProbe(session, scope, 'bulkAssignPreview'),
  },
  bulkAssignTasks: {
    field: 'bulkAssignTasks',
    run: (session, scope) => bulkProbe(session, scope, 'bulkAssignTasks'),
  },
  schedulePlanPhases: {
    field: 'schedulePlanPhases',
    run: async (session, scope) => {
      const { plan } = await freshPlan(scope, 'ISSUED');
      const seen = await command(
        session,
        `mutation($input: SchedulePlanPhasesInput!) { schedulePlanPhases(input: $input) { __typename ... on Error { message } } }`,
        { input: { planId: plan.id, assessmentOpens: '2099-11-20' } },
        'ReformPlan',
      );
      const row = await api.db.prisma.reformPlan.findUniqueOrThrow({ where: { id: plan.id } });
      const moved = row.assessmentOpens?.toISOString().slice(0, 10) === '2099-11-20';
      return { ...seen, wrote: moved || (await workflowExists(planWorkflowId(plan.id))) };
    },
  },
  advancePlanPhase: {
    field: 'advancePlanPhase',
    run: async (session, scope) => {
      const { plan } = await freshPlan(scope, 'ISSUED');
      const seen = await command(
        session,
        `mutation($input: AdvancePlanPhaseInput!) { advancePlanPhase(input: $input) { __typename ... on Error { message } } }`,
        { input: { planId: plan.id, from: 'ISSUED' } },
        'ReformPlan',
      );
      const row = await api.db.prisma.reformPlan.findUniqueOrThrow({ where: { id: plan.id } });
      return { ...seen, wrote: row.status !== 'ISSUED' || (await workflowExists(planWorkflowId(plan.id))) };
    },
  },
  reportProgress: {
    field: 'reportProgress',
    run: async (session, scope) => {
      const taskId = pick(scope, world.live);
      const before = await api.db.prisma.progressReport.count({ where: { taskId } });
      reportedPercent += 5;
      const seen = await command(
        session,
        `mutation($input: ReportProgressInput!) {
          reportProgress(input: $input) { __typename ... on Error { message } }
        }`,
        { input: { taskId, percent: reportedPercent, note: 'Thử quyền báo cáo' } },
        'Task',
      );
      return { ...seen, wrote: (await api.db.prisma.progressReport.count({ where: { taskId } })) !== before };
    },
  },
  acceptTask: taskCommand('acceptTask', 'accept', 'AcceptTaskInput', 'ASSIGNED', () => ({})),
  submitTask: taskCommand('submitTask', 'submit', 'SubmitTaskInput', 'ACCEPTED', () => ({ note: 'Đã xong' })),
  requestTaskExtension: taskCommand(
    'requestTaskExtension',
    'requestExtension',
    'RequestTaskExtensionInput',
    'ASSIGNED',
    () => ({
      newDueDate: '2099-08-31',
      reason: 'Chờ kinh phí',
    }),
  ),
  reviewTask: taskCommand('reviewTask', 'review', 'ReviewTaskInput', 'SUBMITTED', () => ({
    decision: 'RETURN',
    reason: 'Thiếu minh chứng',
  })),
  decideTaskExtension: taskCommand(
    'decideTaskExtension',
    'decideExtension',
    'DecideTaskExtensionInput',
    'EXTENSION',
    () => ({
      grant: true,
    }),
  ),
  reassignTask: taskCommand('reassignTask', 'reassign', 'ReassignTaskInput', 'ASSIGNED', (scope) => ({
    // Another live unit of the plan's tree: C2 in D's plan, E in E's.
    assigneeUnitId: scope === 'outside' ? world.units.E.id : world.units.C2.id,
    reason: 'Chuyển đơn vị',
  })),
  cancelTask: taskCommand('cancelTask', 'cancel', 'CancelTaskInput', 'ASSIGNED', () => ({
    reason: 'Trùng lặp',
  })),
  login: {
    field: 'login',
    run: async (session) => {
      // Anyone may sign in, with or without a session: the anonymous row uses the head's account.
      const email = world.users[session.viewer === 'anonymous' ? 'UNIT_HEAD' : session.viewer].email;
      return command(
        session,
        `mutation($email: String!, $password: String!) {
          login(email: $email, password: $password) { __typename ... on Error { message } }
        }`,
        { email, password: api.fixtures.password },
        'LoginSuccess',
      );
    },
  },
  logout: {
    field: 'logout',
    run: (session) => endSession(session, 'logout'),
  },
  logoutEverywhere: {
    field: 'logoutEverywhere',
    run: async (session) => {
      const seen = await endSession(session, 'logoutEverywhere');
      // Every session of this person ended, the shared one too: sign in again for later rows.
      if (session.viewer !== 'anonymous' && seen.outcome === Y) {
        world.sessions.set(session.viewer, await world.signIn(world.users[session.viewer].email));
      }
      return seen;
    },
  },
  notifications: {
    field: 'notifications',
    run: async (session, scope) => {
      const id = await notificationFor(session, scope);
      return listed(session, 'notifications', id);
    },
  },
  'Viewer.unreadNotifications': {
    field: 'Viewer.unreadNotifications',
    anonymousGetsNull: true,
    run: async (session, scope) => {
      const count = async () => {
        const result = await ask<{ me: { unreadNotifications: number } | null }>(
          session,
          `{ me { unreadNotifications } }`,
        );
        if ('refused' in result) return result.refused;
        return result.data.me?.unreadNotifications ?? null;
      };
      const before = await count();
      await notificationFor(session, scope);
      const after = await count();
      if (typeof before === 'string') return denied(before);
      if (before === null || typeof after !== 'number') return denied('hidden');
      return after === before + 1 ? allowed() : denied('hidden');
    },
  },
  markNotificationRead: {
    field: 'markNotificationRead',
    run: async (session, scope) => {
      const id = await notificationFor(session, scope);
      const seen = await command(
        session,
        `mutation($id: ID!) { markNotificationRead(id: $id) { __typename ... on Error { message } } }`,
        { id },
        'Notification',
      );
      const row = await api.db.prisma.notification.findUniqueOrThrow({ where: { id } });
      return { ...seen, wrote: row.readAt !== null };
    },
  },
  markAllNotificationsRead: {
    field: 'markAllNotificationsRead',
    run: async (session) => {
      const mine = await notificationFor(session, 'own');
      const someoneElses = await notificationFor(session, 'outside');
      const result = await ask<{ markAllNotificationsRead: number }>(
        session,
        `mutation { markAllNotificationsRead }`,
      );
      const read = async (id: string) =>
        (await api.db.prisma.notification.findUniqueOrThrow({ where: { id } })).readAt !== null;
      expect(await read(someoneElses)).toBe(false);
      if ('refused' in result) return denied(result.refused, await read(mine));
      expect(result.data.markAllNotificationsRead).toBeGreaterThanOrEqual(1);
      return allowed(await read(mine));
    },
  },
  setLanguage: {
    field: 'setLanguage',
    run: async (session) => {
      const user = world.users[session.viewer === 'anonymous' ? 'UNIT_HEAD' : session.viewer];
      const result = await ask<{ setLanguage: { locale: string } }>(
        session,
        `mutation { setLanguage(locale: vi) { locale } }`,
      );
      const saved = (await api.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).locale;
      // The table's people read English: put it back for the rows after this one.
      await api.db.prisma.user.update({ where: { id: user.id }, data: { locale: 'en' } });
      if ('refused' in result) return denied(result.refused, saved !== 'en');
      expect(result.data.setLanguage.locale).toBe('vi');
      return allowed(saved === 'vi');
    },
  },
  changePassword: {
    field: 'changePassword',
    run: async (session) => {
      const user = world.users[session.viewer === 'anonymous' ? 'UNIT_HEAD' : session.viewer];
      const hashOf = async () =>
        (await api.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
      const before = await hashOf();
      // The viewer's own session is kept; their other sessions (none in use here) end.
      const seen = await command(
        session,
        `mutation($current: String!, $next: String!) {
          changePassword(currentPassword: $current, newPassword: $next) { __typename ... on Error { message } }
        }`,
        { current: api.fixtures.password, next: 'một mật khẩu mới cho bảng' },
        'PasswordChanged',
      );
      const wrote = (await hashOf()) !== before;
      await api.db.prisma.user.update({ where: { id: user.id }, data: { passwordHash: before } });
      return { ...seen, wrote };
    },
  },
  'tasks: by unit': {
    field: 'tasks',
    run: (session, scope) =>
      listed(
        session,
        'tasks',
        world.figures.taskFor(unitOf(scope).id),
        `filter: { unitId: "${unitOf(scope).id}" }`,
      ),
  },
  'Unit.officials': {
    field: 'Unit.officials',
    run: async (session, scope) => {
      const target = await officialOf(scope);
      type Unit = { id: string; officials: { id: string }[] };
      const result = await ask<{
        units: Unit[];
        task: { assigneeUnit: Unit } | null;
        plan: { issuingUnit: Unit } | null;
      }>(
        session,
        `query($task: ID!, $plan: ID!) {
          units { id officials { id } }
          task(id: $task) { assigneeUnit { id officials { id } } }
          plan(id: $plan) { issuingUnit { id officials { id } } }
        }`,
        { task: world.figures.taskFor(target.unitId), plan: world.viaTask.own.id },
      );
      if ('refused' in result) return denied(result.refused);
      const reached = [
        ...result.data.units,
        ...(result.data.task ? [result.data.task.assigneeUnit] : []),
        ...(result.data.plan ? [result.data.plan.issuingUnit] : []),
      ];
      const shows = (unitId: string | undefined, userId: string | undefined) =>
        reached.some(
          (unit) => unit.id === unitId && unit.officials.some((official) => official.id === userId),
        );
      return shows(target.unitId, target.userId) || shows(target.alsoUnitId, target.alsoUserId)
        ? allowed()
        : denied('hidden');
    },
  },
  'Task.timeline': {
    field: 'Task.timeline',
    run: async (session, scope) => {
      const taskId = world.figures.taskFor(unitOf(scope).id);
      const eventId = await auditEventOn('Task', taskId);
      type Timeline = { timeline: { edges: { node: { id: string } }[] } };
      const result = await ask<{
        task: Timeline | null;
        tasks: { edges: { node: Timeline }[] };
        plan: { tasks: { edges: { node: Timeline }[] } } | null;
      }>(
        session,
        `query($task: ID!, $plan: ID!) {
          task(id: $task) { timeline { edges { node { id } } } }
          tasks(first: 50) { edges { node { timeline { edges { node { id } } } } } }
          plan(id: $plan) { tasks(first: 50) { edges { node { timeline { edges { node { id } } } } } } }
        }`,
        { task: taskId, plan: world.figures.id },
      );
      if ('refused' in result) return denied(result.refused);
      const timelines = [
        ...(result.data.task ? [result.data.task] : []),
        ...result.data.tasks.edges.map((edge) => edge.node),
        ...(result.data.plan?.tasks.edges.map((edge) => edge.node) ?? []),
      ];
      return timelines.some((t) => t.timeline.edges.some((edge) => edge.node.id === eventId))
        ? allowed()
        : denied('hidden');
    },
  },
  'ReformPlan.timeline': {
    field: 'ReformPlan.timeline',
    run: async (session, scope) => {
      const plan = pick(scope, world.issued);
      const eventId = await auditEventOn('ReformPlan', plan.id);
      type Timeline = { timeline: { edges: { node: { id: string } }[] } };
      const result = await ask<{
        plan: Timeline | null;
        plans: { edges: { node: Timeline }[] };
        task: { plan: Timeline } | null;
      }>(
        session,
        `query($plan: ID!, $task: ID!) {
          plan(id: $plan) { timeline { edges { node { id } } } }
          plans(first: 50) { edges { node { timeline { edges { node { id } } } } } }
          task(id: $task) { plan { timeline { edges { node { id } } } } }
        }`,
        {
          plan: plan.id,
          // A task of that plan where it has one (C1's plan), else a task of another plan.
          task:
            scope === 'subtree' ? plan.taskFor(world.units.C1.id) : world.figures.taskFor(world.units.D.id),
        },
      );
      if ('refused' in result) return denied(result.refused);
      const timelines = [
        ...(result.data.plan ? [result.data.plan] : []),
        ...result.data.plans.edges.map((edge) => edge.node),
        ...(result.data.task ? [result.data.task.plan] : []),
      ];
      return timelines.some((t) => t.timeline.edges.some((edge) => edge.node.id === eventId))
        ? allowed()
        : denied('hidden');
    },
  },
  'inspection: announced': {
    field: 'inspection',
    run: async (session, scope) =>
      inspectionShown(session, pick(scope, (await inspectionWorld()).announced).id),
  },
  'inspection: surprise': {
    field: 'inspection',
    run: async (session, scope) =>
      inspectionShown(session, pick(scope, (await inspectionWorld()).surprise).id),
  },
  'inspection: surprise started': {
    field: 'inspection',
    run: async (session, scope) =>
      inspectionShown(session, pick(scope, (await inspectionWorld()).surpriseStarted).id),
  },
  'inspections: announced': {
    field: 'inspections',
    run: async (session, scope) =>
      inList(
        session,
        'inspections',
        pick(scope, (await inspectionWorld()).announced).id,
        '{ kind: ANNOUNCED }',
      ),
  },
  'inspections: surprise': {
    field: 'inspections',
    run: async (session, scope) =>
      inList(
        session,
        'inspections',
        pick(scope, (await inspectionWorld()).surprise).id,
        '{ status: [PLANNED] }',
      ),
  },
  'inspectionCalendar: announced': {
    field: 'inspectionCalendar',
    run: async (session, scope) =>
      onCalendar(session, pick(scope, (await inspectionWorld()).announced).id, unitOf(scope).id),
  },
  'inspectionCalendar: surprise': {
    field: 'inspectionCalendar',
    run: async (session, scope) =>
      onCalendar(session, pick(scope, (await inspectionWorld()).surprise).id, unitOf(scope).id),
  },
  'Inspection.timeline': {
    field: 'Inspection.timeline',
    run: async (session, scope) =>
      onInspectionTimeline(session, pick(scope, (await inspectionWorld()).announced).id, 'ANNOUNCED'),
  },
  'Inspection.timeline: surprise': {
    field: 'Inspection.timeline',
    run: async (session, scope) =>
      onInspectionTimeline(session, pick(scope, (await inspectionWorld()).surprise).id, 'SURPRISE'),
  },
  'ChecklistItem.evidence': {
    field: 'ChecklistItem.evidence',
    run: async (session, scope) => {
      const { inspectionId, itemPhoto } = pick(scope, (await inspectionWorld()).closed);
      const result = await ask<{ inspection: { checklist: { evidence: { id: string }[] }[] } | null }>(
        session,
        `query($id: ID!) { inspection(id: $id) { checklist { evidence { id } } } }`,
        { id: inspectionId },
      );
      if ('refused' in result) return denied(result.refused);
      return result.data.inspection?.checklist.some((item) =>
        item.evidence.some((file) => file.id === itemPhoto),
      )
        ? allowed()
        : denied('hidden');
    },
  },
  // Through the inspection and through the corrective action that the finding became.
  'Finding.evidence': {
    field: 'Finding.evidence',
    run: async (session, scope) => {
      const { inspectionId, findingPhoto, read } = pick(scope, (await inspectionWorld()).closed);
      type Finding = { evidence: { id: string }[] };
      const result = await ask<{
        inspection: { findings: Finding[] } | null;
        correctiveAction: { finding: Finding } | null;
      }>(
        session,
        `query($id: ID!, $action: ID!) {
          inspection(id: $id) { findings { evidence { id } } }
          correctiveAction(id: $action) { finding { evidence { id } } }
        }`,
        { id: inspectionId, action: read },
      );
      if ('refused' in result) return denied(result.refused);
      const findings = [
        ...(result.data.inspection?.findings ?? []),
        ...(result.data.correctiveAction ? [result.data.correctiveAction.finding] : []),
      ];
      return findings.some((finding) => finding.evidence.some((file) => file.id === findingPhoto))
        ? allowed()
        : denied('hidden');
    },
  },
  'GET /evidence/<id>: inspection': {
    field: 'Evidence.downloadUrl',
    run: async (session, scope) => {
      const { itemPhoto } = pick(scope, (await inspectionWorld()).closed);
      const response = await evidence().handlers.download(
        new Request(`${EVIDENCE_ORIGIN}/evidence/${itemPhoto}`, {
          headers: session.cookie ? { cookie: session.cookie } : {},
        }),
        itemPhoto,
      );
      if (response.status === 401) return denied('UNAUTHENTICATED');
      if (response.status === 404) return denied('hidden');
      expect(response.status).toBe(200);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG);
      return allowed();
    },
  },
  'Inspection.evidence: own upload': {
    field: 'Inspection.evidence',
    run: async (session) => {
      const inspectionId = (await inspectionWorld()).inProgress.own.id;
      const upload = await uploadFor(session.cookie, { inspectionId });
      if (!('id' in upload))
        return denied(upload.status === 401 ? 'UNAUTHENTICATED' : `upload ${upload.status}`);
      return listsEvidence(session, 'inspection', inspectionId, upload.id);
    },
  },
  'Inspection.evidence: another’s upload': {
    field: 'Inspection.evidence',
    run: async (session) => {
      const built = await inspectionWorld();
      const inspectionId = built.inProgress.own.id;
      othersUpload.inspection ??= uploadFor(built.cookies.secondInspector, { inspectionId }).then(uploadedId);
      return listsEvidence(session, 'inspection', inspectionId, await othersUpload.inspection);
    },
  },
  'POST /evidence: inspection': {
    field: 'RecordChecklistResultInput.evidenceIds',
    run: async (session, scope) => {
      const inspectionId = pick(scope, (await inspectionWorld()).inProgress).id;
      return uploadProbe(session, { inspectionId }, { inspectionId });
    },
  },
  checklistTemplates: {
    field: 'checklistTemplates',
    run: async (session) => listed(session, 'checklistTemplates', (await inspectionWorld()).templateId),
  },
  createChecklistTemplate: {
    field: 'createChecklistTemplate',
    run: async (session) => {
      const name = `Mẫu thử quyền ${randomUUID()}`;
      const result = await ask<{ createChecklistTemplate: Answer }>(
        session,
        `mutation($input: CreateChecklistTemplateInput!) {
          createChecklistTemplate(input: $input) { ${COMMAND_ANSWER} }
        }`,
        { input: { topic: 'records', name, items: ['Sổ theo dõi hồ sơ'] } },
      );
      const wrote = (await api.db.prisma.checklistTemplate.count({ where: { name } })) > 0;
      if ('refused' in result) return denied(result.refused, wrote);
      return { ...judged(result.data.createChecklistTemplate, 'ChecklistTemplate'), wrote };
    },
  },
  // The candidate looked for: the province's inspector for D and C3, D's inspector for C1.
  inspectorCandidates: {
    field: 'inspectorCandidates',
    run: async (session, scope) => {
      const built = await inspectionWorld();
      const expected = scope === 'subtree' ? world.users.INSPECTOR.id : built.provinceInspector.id;
      const result = await ask<{ inspectorCandidates: { id: string }[] }>(
        session,
        `query($id: ID!) { inspectorCandidates(targetUnitId: $id) { id name unitName } }`,
        { id: unitOf(scope).id },
      );
      if ('refused' in result) return denied(result.refused);
      const ids = result.data.inspectorCandidates.map((candidate) => candidate.id);
      // Never the target's own people.
      if (scope === 'own') expect(ids).not.toContain(world.users.INSPECTOR.id);
      return ids.includes(expected) ? allowed() : denied('hidden');
    },
  },
  planInspection: {
    field: 'planInspection',
    run: async (session, scope) => {
      const built = await inspectionWorld();
      return planProbe(session, {
        kind: 'ANNOUNCED',
        targetUnitId: unitOf(scope).id,
        scheduledOn: built.day,
        inspectorIds: [built.provinceInspector.id],
      });
    },
  },
  'planInspection: self': {
    field: 'planInspection',
    run: async (session, scope) => {
      const built = await inspectionWorld();
      return planProbe(session, {
        kind: 'SELF',
        targetUnitId: unitOf(scope).id,
        scheduledOn: built.day,
        inspectorIds: [scope === 'outside' ? built.provinceInspector.id : world.users.INSPECTOR.id],
      });
    },
  },
  rescheduleInspection: inspectionCommand(
    'rescheduleInspection',
    'reschedule',
    'PLANNED',
    () => {
      rescheduled += 1;
      return { date: inspectionDay(2 + rescheduled) };
    },
    false,
  ),
  startInspection: inspectionCommand('startInspection', 'start', 'PLANNED', () => ({}), true),
  recordChecklistResult: inspectionCommand(
    'recordChecklistResult',
    'record',
    'shared',
    (_, inspection) => ({
      checklistItemId: inspection.items[1],
      result: 'PASS',
      note: `Đạt ${randomUUID()}`,
    }),
    false,
  ),
  recordFinding: inspectionCommand(
    'recordFinding',
    'record',
    'shared',
    () => ({
      findingId: randomUUID(),
      severity: 'MINOR',
      description: 'Sổ ghi chưa đủ',
      requiresCorrection: false,
    }),
    false,
  ),
  closeInspection: inspectionCommand(
    'closeInspection',
    'close',
    'IN_PROGRESS',
    () => ({ summary: 'Không có tồn tại.' }),
    true,
  ),
  cancelInspection: inspectionCommand(
    'cancelInspection',
    'cancel',
    'PLANNED',
    () => ({ reason: 'Trùng lịch' }),
    true,
  ),
  'cancelInspection: surprise': inspectionCommand(
    'cancelInspection',
    'cancel',
    'SURPRISE',
    () => ({ reason: 'Trùng lịch' }),
    true,
  ),
  'startInspection: surprise': inspectionCommand('startInspection', 'start', 'SURPRISE', () => ({}), true),
  correctiveAction: {
    field: 'correctiveAction',
    run: async (session, scope) => {
      const id = pick(scope, (await inspectionWorld()).closed).read;
      const result = await ask<{ correctiveAction: { id: string } | null }>(
        session,
        `query($id: ID!) { correctiveAction(id: $id) { id } }`,
        { id },
      );
      if ('refused' in result) return denied(result.refused);
      return result.data.correctiveAction?.id === id ? allowed() : denied('hidden');
    },
  },
  correctiveActions: {
    field: 'correctiveActions',
    run: async (session, scope) =>
      inList(
        session,
        'correctiveActions',
        pick(scope, (await inspectionWorld()).closed).read,
        '{ status: [OPEN] }',
      ),
  },
  'CorrectiveAction.timeline': {
    field: 'CorrectiveAction.timeline',
    run: async (session, scope) => {
      const id = pick(scope, (await inspectionWorld()).closed).read;
      const event = await api.db.prisma.auditEvent.findFirstOrThrow({
        where: { entityId: id },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      });
      type Timeline = { timeline: { edges: { node: { id: string } }[] } };
      const result = await ask<{
        correctiveAction: Timeline | null;
        correctiveActions: { edges: { node: Timeline }[] };
      }>(
        session,
        `query($id: ID!) {
          correctiveAction(id: $id) { timeline(first: 50) { edges { node { id } } } }
          correctiveActions(first: 200, filter: { status: [OPEN] }) { edges { node { timeline(first: 50) { edges { node { id } } } } } }
        }`,
        { id },
      );
      if ('refused' in result) return denied(result.refused);
      const timelines = [
        ...(result.data.correctiveAction ? [result.data.correctiveAction] : []),
        ...result.data.correctiveActions.edges.map((edge) => edge.node),
      ];
      return timelines.some((t) => t.timeline.edges.some((edge) => edge.node.id === event.id))
        ? allowed()
        : denied('hidden');
    },
  },
  'CorrectiveAction.evidence: own upload': {
    field: 'CorrectiveAction.evidence',
    run: async (session) => {
      const correctiveActionId = (await inspectionWorld()).closed.own.read;
      const upload = await uploadFor(session.cookie, { correctiveActionId });
      if (!('id' in upload))
        return denied(upload.status === 401 ? 'UNAUTHENTICATED' : `upload ${upload.status}`);
      return listsEvidence(session, 'correctiveAction', correctiveActionId, upload.id);
    },
  },
  'CorrectiveAction.evidence: another’s upload': {
    field: 'CorrectiveAction.evidence',
    run: async (session) => {
      const built = await inspectionWorld();
      const correctiveActionId = built.closed.own.read;
      othersUpload.correctiveAction ??= uploadFor(built.cookies.secondStaff, { correctiveActionId }).then(
        uploadedId,
      );
      return listsEvidence(
        session,
        'correctiveAction',
        correctiveActionId,
        await othersUpload.correctiveAction,
      );
    },
  },
  'POST /evidence: corrective action': {
    field: 'SubmitCorrectionInput.evidenceIds',
    run: async (session, scope) => {
      const correctiveActionId = pick(scope, (await inspectionWorld()).closed).read;
      return uploadProbe(session, { correctiveActionId }, { correctiveActionId });
    },
  },
  findingsOverview: {
    field: 'findingsOverview',
    run: async (session, scope) => {
      await inspectionWorld();
      const unitId = unitOf(scope).id;
      const result = await ask<{
        findingsOverview: { unit: { id: string }; openCorrectiveActions: number }[];
      }>(
        session,
        `query($id: ID) { findingsOverview(unitId: $id) { unit { id } openFindings openCorrectiveActions } }`,
        { id: unitId },
      );
      if ('refused' in result) return denied(result.refused);
      const row = result.data.findingsOverview.find((found) => found.unit.id === unitId);
      return row && row.openCorrectiveActions > 0 ? allowed() : denied('hidden');
    },
  },
  submitCorrection: correctiveCommand('submitCorrection', 'submit', 'OPEN', () => ({
    remedy: 'Đã bổ sung sổ theo dõi',
  })),
  verifyCorrection: correctiveCommand('verifyCorrection', 'verify', 'SUBMITTED', () => ({
    note: 'Đạt yêu cầu',
  })),
  rejectCorrection: correctiveCommand('rejectCorrection', 'reject', 'SUBMITTED', () => ({
    reason: 'Thiếu ảnh chụp bảng niêm yết',
  })),
  requestCorrectiveExtension: correctiveCommand(
    'requestCorrectiveExtension',
    'requestExtension',
    'OPEN',
    () => ({
      requestedDueDate: '2099-12-31',
      reason: 'Chờ kinh phí',
    }),
  ),
  decideCorrectiveExtension: correctiveCommand(
    'decideCorrectiveExtension',
    'decideExtension',
    'EXTENSION',
    () => ({
      grant: true,
      note: 'Đồng ý gia hạn',
    }),
  ),
} satisfies Record<string, Probe>;

// ---------------------------------------------------------------------------------------------
// Inspections and corrective actions, built through the API (planInspection, startInspection,
// recordChecklistResult, recordFinding, closeInspection, submitCorrection …) so their workflows run.

/** Refusals that say who may send a command (not what it says or when): a denial like FORBIDDEN. */
const AUTHORITY_REASONS = [
  'InspectionNotAnInspector',
  'ActorNotAllowed',
  'CorrectiveWrongUnit',
  'CorrectiveNotAnInspector',
];
const COMMAND_ANSWER = `__typename ... on Error { message } ... on CommandRejectedError { reason }
  ... on NotFoundError { field } ... on InvalidInputError { issues { field message } }`;
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);

type Answer = {
  __typename: string;
  reason?: string;
  field?: string;
  message?: string;
  id?: string;
  checklist?: { id: string }[];
  correctiveActions?: { id: string }[];
};

/** A command as `cookie`, for the fixture: anything but its success type fails the setup. */
async function must(
  cookie: string,
  field: string,
  inputType: string,
  input: Record<string, unknown>,
  selection = /Correct/.test(field) ? '... on CorrectiveAction { id }' : '... on Inspection { id }',
): Promise<Answer> {
  const result = await api.gql<Record<string, Answer>>(
    `mutation($input: ${inputType}!) { ${field}(input: $input) { ${COMMAND_ANSWER} ${selection} } }`,
    // Every command but createChecklistTemplate takes a request ID.
    { input: field === 'createChecklistTemplate' ? input : { requestId: randomUUID(), ...input } },
    { cookie },
  );
  const answer = result.data?.[field];
  if (!answer || !['Inspection', 'CorrectiveAction', 'ChecklistTemplate'].includes(answer.__typename)) {
    throw new Error(`${field}: ${JSON.stringify(result)}`);
  }
  return answer;
}

/** POST /evidence for an inspection or a corrective action: the new file's ID, or the refusal. */
async function uploadFor(
  cookie: string | undefined,
  target: { inspectionId: string } | { correctiveActionId: string },
  file = new File([EVIDENCE_PDF], 'biên bản.pdf', { type: 'application/pdf' }),
): Promise<{ id: string } | { status: number }> {
  const form = new FormData();
  for (const [key, value] of Object.entries(target)) form.append(key, value);
  form.append('file', file);
  const response = await evidence().handlers.upload(
    new Request(`${EVIDENCE_ORIGIN}/evidence`, {
      method: 'POST',
      headers: { origin: EVIDENCE_ORIGIN, ...(cookie ? { cookie } : {}) },
      body: form,
    }),
  );
  if (response.status !== 201) return { status: response.status };
  const body = (await response.json()) as { evidence: { id: string }[] };
  return { id: body.evidence[0]!.id };
}
const uploadedId = (upload: { id: string } | { status: number }): string => {
  if (!('id' in upload)) throw new Error(`upload refused: ${upload.status}`);
  return upload.id;
};

let inspectionWorldBuilt: ReturnType<typeof createInspectionWorld> | undefined;
const inspectionWorld = () => (inspectionWorldBuilt ??= createInspectionWorld());

async function createInspectionWorld() {
  const { prisma } = api.db;
  const { P, D, C1, C3 } = world.units;
  const holidays = await prisma.holiday.findMany({ select: { date: true } });
  const calendar = new WorkingCalendar(holidays.map((row) => row.date.toISOString().slice(0, 10)));
  inspectionWorldDays = calendar;
  // Two working days ahead: nothing planned starts by itself while the table runs.
  const day = calendar.addWorkingDays(vietnamDate(Date.now()), 2);
  const window = { windowStart: day, windowEnd: calendar.addWorkingDays(day, 5) };

  const passwordHash = await hashPassword(api.fixtures.password);
  const user = (key: string, name: string, role: Role, unitId: string) =>
    prisma.user.create({
      data: {
        email: `${key}@authz.demo`,
        name,
        passwordHash,
        locale: 'en',
        roles: { create: { role, unitId } },
      },
    });
  // The province's inspector (inspects D, C1 and C3 from above), a second inspector and a second
  // staff member of D (their uploads are someone else's), a head of C3 (answers for C3).
  const provinceInspector = await user('pinspector', 'Thanh Tra Tỉnh', 'INSPECTOR', P.id);
  const secondInspector = await user('inspector2', 'Thanh Tra Đông Hai', 'INSPECTOR', D.id);
  const secondStaff = await user('staff2', 'Cán Bộ Đông Hai', 'UNIT_STAFF', D.id);
  const c3Head = await user('c3answers', 'Trưởng Xã Tây Ba', 'UNIT_HEAD', C3.id);
  const cookies = {
    province: await world.signIn(provinceInspector.email),
    secondInspector: await world.signIn(secondInspector.email),
    secondStaff: await world.signIn(secondStaff.email),
    c1Head: await world.signIn(world.communeHead.email),
    c3Head: await world.signIn(c3Head.email),
  };
  const cookieOf = (viewer: Role) => sessionOf(viewer).cookie!;

  const INSPECTION = '... on Inspection { id checklist { id } }';
  const plan = async (cookie: string, input: Record<string, unknown>) => {
    const answer = await must(
      cookie,
      'planInspection',
      'PlanInspectionInput',
      { title: 'Kiểm tra thử quyền', checklist: ['Niêm yết thủ tục', 'Sổ theo dõi hồ sơ'], ...input },
      INSPECTION,
    );
    return { id: answer.id as string, items: (answer.checklist as { id: string }[]).map((item) => item.id) };
  };
  const start = (cookie: string, inspectionId: string) =>
    must(cookie, 'startInspection', 'StartInspectionInput', { inspectionId });

  /**
   * How the table's command targets are run: a SELF inspection of D (D's two inspectors) and an
   * ANNOUNCED one of C1 (D's inspector), planned by D's committee; an ANNOUNCED one of C3 planned
   * by the province's committee, run by the province's inspector.
   */
  const runBy = (scope: Scope) =>
    pick(scope, {
      own: {
        plan: () =>
          plan(cookieOf('STEERING'), {
            kind: 'SELF',
            targetUnitId: D.id,
            scheduledOn: day,
            inspectorIds: [world.users.INSPECTOR.id, secondInspector.id],
          }),
        inspector: () => cookieOf('INSPECTOR'),
      },
      subtree: {
        plan: () =>
          plan(cookieOf('STEERING'), {
            kind: 'ANNOUNCED',
            targetUnitId: C1.id,
            scheduledOn: day,
            inspectorIds: [world.users.INSPECTOR.id],
          }),
        inspector: () => cookieOf('INSPECTOR'),
      },
      outside: {
        plan: () =>
          plan(world.plannerSession, {
            kind: 'ANNOUNCED',
            targetUnitId: C3.id,
            scheduledOn: day,
            inspectorIds: [provinceInspector.id],
          }),
        inspector: () => cookies.province,
      },
    });
  const freshInspection = async (scope: Scope, status: 'PLANNED' | 'IN_PROGRESS') => {
    const run = runBy(scope);
    const inspection = await run.plan();
    if (status === 'IN_PROGRESS') await start(run.inspector(), inspection.id);
    return inspection;
  };

  /** Reading targets: planned by the province's committee, run by the province's inspector. */
  const fromProvince = (kind: string, target: { id: string }, extra: Record<string, unknown>) =>
    plan(world.plannerSession, {
      kind,
      targetUnitId: target.id,
      inspectorIds: [provinceInspector.id],
      ...extra,
    });
  const targets = { own: D, subtree: C1, outside: C3 };
  const eachScope = async <T>(make: (scope: UnitScope, unit: { id: string }) => Promise<T>) => ({
    own: await make('own', targets.own),
    subtree: await make('subtree', targets.subtree),
    outside: await make('outside', targets.outside),
  });
  const announced = await eachScope((_, unit) => fromProvince('ANNOUNCED', unit, { scheduledOn: day }));
  const surprise = await eachScope((_, unit) => fromProvince('SURPRISE', unit, window));
  const surpriseStarted = await eachScope(async (_, unit) => {
    const inspection = await fromProvince('SURPRISE', unit, window);
    await start(cookies.province, inspection.id);
    return inspection;
  });
  const inProgress = await eachScope((scope) => freshInspection(scope, 'IN_PROGRESS'));

  /** A stored photo uploaded for the inspection by `cookie` (POST /evidence). */
  const photo = async (cookie: string, inspectionId: string) =>
    uploadedId(await uploadFor(cookie, { inspectionId }, new File([PNG], 'ảnh.png', { type: 'image/png' })));

  /**
   * The inspection of the scope run and closed by its inspector: an item failed with a photo,
   * `count` findings to correct (the first with a photo), so `count` OPEN corrective actions.
   */
  const closedWithActions = async (scope: UnitScope, count: number) => {
    const inspection = await freshInspection(scope, 'IN_PROGRESS');
    const cookie = runBy(scope).inspector();
    const itemPhoto = await photo(cookie, inspection.id);
    await must(cookie, 'recordChecklistResult', 'RecordChecklistResultInput', {
      inspectionId: inspection.id,
      checklistItemId: inspection.items[0],
      result: 'FAIL',
      note: 'Chưa niêm yết',
      evidenceIds: [itemPhoto],
    });
    const findingPhoto = await photo(cookie, inspection.id);
    for (let index = 0; index < count; index++) {
      await must(cookie, 'recordFinding', 'RecordFindingInput', {
        inspectionId: inspection.id,
        severity: 'MAJOR',
        description: `Tồn tại số ${index + 1}`,
        requiresCorrection: true,
        evidenceIds: index === 0 ? [findingPhoto] : [],
      });
    }
    const closed = await must(
      cookie,
      'closeInspection',
      'CloseInspectionInput',
      { inspectionId: inspection.id, summary: 'Đơn vị khắc phục các tồn tại.' },
      '... on Inspection { id correctiveActions { id } }',
    );
    const actions = (closed.correctiveActions as { id: string }[]).map((action) => action.id);
    if (actions.length !== count) throw new Error(`${actions.length} corrective actions, not ${count}`);
    for (const id of actions) {
      await api.env.client.workflow
        .getHandle(correctiveWorkflowId(id))
        .executeUpdate(correctiveRecordedUpdate);
    }
    // The first stays OPEN for the reading rows; the others are used up by the command rows.
    const [read, ...pool] = actions;
    return { inspectionId: inspection.id, itemPhoto, findingPhoto, read: read!, pool };
  };
  const closed = {
    own: await closedWithActions('own', 15),
    subtree: await closedWithActions('subtree', 11),
    outside: await closedWithActions('outside', 7),
  };
  /** The head of the responsible unit, who answers and asks for more time. */
  const headOf = (scope: Scope) =>
    pick(scope, {
      own: () => cookieOf('UNIT_HEAD'),
      subtree: () => cookies.c1Head,
      outside: () => cookies.c3Head,
    });

  const template = await must(
    world.plannerSession,
    'createChecklistTemplate',
    'CreateChecklistTemplateInput',
    { topic: 'one-stop-office', name: 'Bộ phận một cửa (thử quyền)', items: ['Niêm yết', 'Sổ theo dõi'] },
    '... on ChecklistTemplate { id }',
  );

  return {
    calendar,
    day,
    window,
    provinceInspector,
    secondInspector,
    secondStaff,
    cookies,
    runBy,
    freshInspection,
    fromProvince,
    announced,
    surprise,
    surpriseStarted,
    inProgress,
    closed,
    headOf,
    templateId: template.id as string,
  };
}

/** Whether the viewer gets the inspection by ID. */
async function inspectionShown(session: Session, id: string): Promise<Seen> {
  const result = await ask<{ inspection: { id: string } | null }>(
    session,
    `query($id: ID!) { inspection(id: $id) { id } }`,
    { id },
  );
  if ('refused' in result) return denied(result.refused);
  return result.data.inspection?.id === id ? allowed() : denied('hidden');
}

/** Whether a list (inspections, correctiveActions) holds the ID, its totalCount agreeing. */
async function inList(
  session: Session,
  field: 'inspections' | 'correctiveActions',
  id: string,
  filter: string,
) {
  const result = await ask<Record<string, { totalCount: number; edges: { node: { id: string } }[] }>>(
    session,
    `{ ${field}(first: 200, filter: ${filter}) { totalCount edges { node { id } } } }`,
  );
  if ('refused' in result) return denied(result.refused);
  const list = result.data[field]!;
  expect(list.totalCount).toBe(list.edges.length);
  return list.edges.some((edge) => edge.node.id === id) ? allowed() : denied('hidden');
}

async function onCalendar(session: Session, inspectionId: string, unitId: string): Promise<Seen> {
  const row = await api.db.prisma.inspection.findUniqueOrThrow({ where: { id: inspectionId } });
  if (!row.scheduledOn) throw new Error('the inspection has no day yet');
  const month = row.scheduledOn.toISOString().slice(0, 7);
  const result = await ask<{ inspectionCalendar: { inspections: { id: string }[] }[] }>(
    session,
    `query($month: String!, $unit: ID) { inspectionCalendar(month: $month, unitId: $unit) { date inspections { id } } }`,
    { month, unit: unitId },
  );
  if ('refused' in result) return denied(result.refused);
  return result.data.inspectionCalendar.some((day) =>
    day.inspections.some((found) => found.id === inspectionId),
  )
    ? allowed()
    : denied('hidden');
}

/** The inspection's first audit event, found on its timeline by ID, list or nested path. */
async function onInspectionTimeline(session: Session, inspectionId: string, kind: string): Promise<Seen> {
  const event = await api.db.prisma.auditEvent.findFirstOrThrow({
    where: { entityId: inspectionId },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
  type Timeline = { timeline: { edges: { node: { id: string } }[] } };
  const result = await ask<{ inspection: Timeline | null; inspections: { edges: { node: Timeline }[] } }>(
    session,
    `query($id: ID!) {
      inspection(id: $id) { timeline(first: 50) { edges { node { id } } } }
      inspections(first: 200, filter: { kind: ${kind} }) { edges { node { timeline(first: 50) { edges { node { id } } } } } }
    }`,
    { id: inspectionId },
  );
  if ('refused' in result) return denied(result.refused);
  const timelines = [
    ...(result.data.inspection ? [result.data.inspection] : []),
    ...result.data.inspections.edges.map((edge) => edge.node),
  ];
  return timelines.some((t) => t.timeline.edges.some((edge) => edge.node.id === event.id))
    ? allowed()
    : denied('hidden');
}

/** The answer of a command: its success type, a denial (with how), or a test failure. */
function judged(answer: Answer, success: string): { outcome: typeof Y | typeof N; how: string } {
  if (answer.__typename === success) return { outcome: Y, how: 'returned' };
  if (answer.__typename === 'NotFoundError') return { outcome: N, how: 'NotFoundError' };
  if (answer.__typename === 'CommandRejectedError' && AUTHORITY_REASONS.includes(answer.reason ?? '')) {
    return { outcome: N, how: `CommandRejectedError ${answer.reason}` };
  }
  throw new Error(`unexpected answer: ${JSON.stringify(answer)}`);
}

async function send(
  session: Session,
  field: string,
  inputType: string,
  input: Record<string, unknown>,
): Promise<Answer | { refused: string }> {
  const result = await ask<Record<string, Answer>>(
    session,
    `mutation($input: ${inputType}!) { ${field}(input: $input) { ${COMMAND_ANSWER} } }`,
    { input },
  );
  if ('refused' in result) return { refused: result.refused };
  return result.data[field]!;
}

/**
 * A command on an inspection or a corrective action. The button (viewerCan) is offered exactly
 * where the command is carried out; one the viewer does not see answers exactly as a made-up ID;
 * "wrote" is whether its audit trail grew.
 */
async function runCommand(
  session: Session,
  target: { kind: 'inspection' | 'correctiveAction'; id: string },
  field: string,
  action: string,
  input: Record<string, unknown>,
): Promise<Seen> {
  const typeName = target.kind === 'inspection' ? 'Inspection' : 'CorrectiveAction';
  const idField = target.kind === 'inspection' ? 'inspectionId' : 'correctiveActionId';
  const inputType = `${field[0]!.toUpperCase()}${field.slice(1)}Input`;
  const shown = await ask<Record<string, { viewerCan: Record<string, boolean> } | null>>(
    session,
    `query($id: ID!) { ${target.kind}(id: $id) { viewerCan { ${action} } } }`,
    { id: target.id },
  );
  const before = await api.db.prisma.auditEvent.count({ where: { entityId: target.id } });
  const answer = await send(session, field, inputType, {
    requestId: randomUUID(),
    [idField]: target.id,
    ...input,
  });
  const wrote = (await api.db.prisma.auditEvent.count({ where: { entityId: target.id } })) !== before;
  if ('refused' in answer) return denied(answer.refused, wrote);
  const seen = judged(answer, typeName);
  const visible = 'data' in shown && shown.data[target.kind] !== null;
  const offered = 'data' in shown && shown.data[target.kind]?.viewerCan[action] === true;
  expect(offered, `viewerCan.${action}`).toBe(seen.outcome === Y);
  if (!visible) {
    // Hidden: byte for byte the answer for an ID that does not exist.
    const madeUp = await send(session, field, inputType, {
      requestId: randomUUID(),
      [idField]: randomUUID(),
      ...input,
    });
    expect(answer).toEqual(madeUp);
  }
  return { ...seen, wrote };
}

const preparedTargets = new Map<string, Promise<string>>();
/**
 * An inspection command probe: per (command, scope) one inspection brought to the status the
 * command needs (fresh, see runBy; `shared` takes the inspection in progress of the scope), a
 * fresh one after a command that changed its status.
 */
function inspectionCommand(
  field: string,
  action: string,
  needs: 'PLANNED' | 'IN_PROGRESS' | 'SURPRISE' | 'shared',
  input: (scope: Scope, inspection: { id: string; items: string[] }) => Record<string, unknown>,
  usedUp: boolean,
): Probe {
  return {
    field,
    run: async (session, scope) => {
      const built = await inspectionWorld();
      const key = `${field}:${needs}:${scope}`;
      let prepared = preparedInspections.get(key);
      if (!prepared) {
        prepared =
          needs === 'shared'
            ? Promise.resolve(pick(scope, built.inProgress))
            : needs === 'SURPRISE'
              ? built.fromProvince('SURPRISE', unitOf(scope), built.window)
              : built.freshInspection(scope, needs);
        preparedInspections.set(key, prepared);
      }
      const inspection = await prepared;
      const seen = await runCommand(
        session,
        { kind: 'inspection', id: inspection.id },
        field,
        action,
        input(scope, inspection),
      );
      if (seen.wrote && usedUp) preparedInspections.delete(key);
      return seen;
    },
  };
}
const preparedInspections = new Map<string, Promise<{ id: string; items: string[] }>>();

/**
 * A corrective-action command probe: per (command, scope) one OPEN action of the closed
 * inspection of D / C1 / C3, answered (SUBMITTED) or with an extension asked for by the unit's
 * head first; a fresh one after a command was carried out.
 */
function correctiveCommand(
  field: string,
  action: string,
  needs: 'OPEN' | 'SUBMITTED' | 'EXTENSION',
  input: () => Record<string, unknown>,
): Probe {
  return {
    field,
    run: async (session, scope) => {
      const built = await inspectionWorld();
      const key = `${field}:${scope}`;
      let prepared = preparedTargets.get(key);
      if (!prepared) {
        prepared = (async () => {
          const id = pick(scope, built.closed).pool.shift();
          if (!id) throw new Error(`no corrective action left for ${key}`);
          const head = built.headOf(scope)();
          if (needs === 'SUBMITTED') {
            await must(head, 'submitCorrection', 'SubmitCorrectionInput', {
              correctiveActionId: id,
              remedy: 'Đã niêm yết lại đầy đủ',
            });
          }
          if (needs === 'EXTENSION') {
            await must(head, 'requestCorrectiveExtension', 'RequestCorrectiveExtensionInput', {
              correctiveActionId: id,
              requestedDueDate: '2099-12-31',
              reason: 'Chờ kinh phí sửa bảng niêm yết',
            });
          }
          return id;
        })();
        preparedTargets.set(key, prepared);
      }
      const id = await prepared;
      const seen = await runCommand(session, { kind: 'correctiveAction', id }, field, action, input());
      if (seen.wrote) preparedTargets.delete(key);
      return seen;
    },
  };
}

let rescheduled = 0;
/** The n-th working day from today (inspection days the table picks). */
const inspectionDay = (workingDays: number) =>
  inspectionWorldDays!.addWorkingDays(vietnamDate(Date.now()), workingDays);
let inspectionWorldDays: WorkingCalendar | undefined;

const othersUpload: { inspection?: Promise<string>; correctiveAction?: Promise<string> } = {};

/** Whether Inspection.evidence / CorrectiveAction.evidence lists the file for the viewer. */
async function listsEvidence(
  session: Session,
  kind: 'inspection' | 'correctiveAction',
  id: string,
  evidenceId: string,
): Promise<Seen> {
  const result = await ask<Record<string, { evidence: { id: string }[] } | null>>(
    session,
    `query($id: ID!) { ${kind}(id: $id) { evidence { id } } }`,
    { id },
  );
  if ('refused' in result) return denied(result.refused);
  return result.data[kind]?.evidence.some((file) => file.id === evidenceId) ? allowed() : denied('hidden');
}

/** POST /evidence for an inspection or a corrective action; "wrote" is whether a row was stored. */
async function uploadProbe(
  session: Session,
  target: { inspectionId: string } | { correctiveActionId: string },
  where: { inspectionId: string } | { correctiveActionId: string },
): Promise<Seen> {
  const before = await api.db.prisma.evidence.count({ where });
  const upload = await uploadFor(session.cookie, target);
  const wrote = (await api.db.prisma.evidence.count({ where })) !== before;
  if ('id' in upload) return allowed(wrote);
  if (upload.status === 401) return denied('UNAUTHENTICATED', wrote);
  if (upload.status === 404) return denied('NotFoundError', wrote);
  throw new Error(`unexpected answer ${upload.status}`);
}

/** planInspection with the input; "wrote" is whether the inspection or its workflow exists. */
async function planProbe(session: Session, input: Record<string, unknown>): Promise<Seen> {
  const requestId = randomUUID();
  const answer = await send(session, 'planInspection', 'PlanInspectionInput', {
    requestId,
    title: 'Kiểm tra thử quyền',
    checklist: ['Niêm yết thủ tục'],
    ...input,
  });
  const wrote =
    (await api.db.prisma.inspection.count({ where: { id: requestId } })) > 0 ||
    (await workflowExists(inspectionWorkflowId(requestId)));
  if ('refused' in answer) return denied(answer.refused, wrote);
  return { ...judged(answer, 'Inspection'), wrote };
}

/**
 * A task command probe. Each (command, scope) keeps one task with its workflow, for D / C1 of D's
 * issued plan or C3 of E's, brought by the Temporal client to the status the command needs; a
 * command that was carried out used it up, so the next viewer gets a fresh one. "Wrote" is
 * whether the task's audit trail grew.
 */
function taskCommand(
  field: string,
  action: string,
  inputType: string,
  needs: 'ASSIGNED' | 'ACCEPTED' | 'SUBMITTED' | 'EXTENSION',
  input: (scope: Scope) => Record<string, unknown>,
): Probe {
  return {
    field,
    run: async (session, scope) => {
      const key = `${field}:${scope}`;
      let taskId = preparedTasks.get(key);
      if (!taskId) {
        taskId = await preparedTask(scope, needs);
        preparedTasks.set(key, taskId);
      }
      // The button a client would show (Task.viewerCan), asked before the command is sent.
      const shown = await ask<{ task: { viewerCan: Record<string, boolean> } | null }>(
        session,
        `query($id: ID!) { task(id: $id) { viewerCan { ${action} } } }`,
        { id: taskId },
      );
      const before = await api.db.prisma.auditEvent.count({ where: { entityId: taskId } });
      const seen = await command(
        session,
        `mutation($input: ${inputType}!) { ${field}(input: $input) { __typename ... on Error { message } } }`,
        { input: { taskId, ...input(scope) } },
        'Task',
      );
      // One rule: the button is offered exactly where the command is carried out.
      const offered = 'data' in shown && shown.data.task?.viewerCan[action] === true;
      expect(offered, `viewerCan.${action}`).toBe(seen.outcome === Y);
      const wrote = (await api.db.prisma.auditEvent.count({ where: { entityId: taskId } })) !== before;
      if (wrote) preparedTasks.delete(key);
      return { ...seen, wrote };
    },
  };
}

const preparedTasks = new Map<string, string>();
const unitHeads = new Map<string, string>();

/** A head of the unit (made once), who brings the task along on the unit's side. */
async function unitHeadOf(unitId: string): Promise<string> {
  let id = unitHeads.get(unitId);
  if (!id) {
    const head = await api.db.prisma.user.create({
      data: {
        email: `head-${unitId}@authz.demo`,
        name: 'Trưởng Đơn Vị',
        passwordHash: 'not used',
        roles: { create: { role: 'UNIT_HEAD', unitId } },
      },
    });
    id = head.id;
    unitHeads.set(unitId, id);
  }
  return id;
}

async function preparedTask(
  scope: Scope,
  needs: 'ASSIGNED' | 'ACCEPTED' | 'SUBMITTED' | 'EXTENSION',
): Promise<string> {
  const unit = unitOf(scope);
  const planId = scope === 'outside' ? world.issued.outside.id : world.issued.own.id;
  const result = await api.gql<{ createTask: { __typename: string; id?: string } }>(
    CREATE_TASK,
    { input: taskInput({ planId, assigneeUnitId: unit.id }) },
    { cookie: world.plannerSession },
  );
  if (result.data?.createTask.__typename !== 'Task') throw new Error(JSON.stringify(result));
  const taskId = result.data.createTask.id!;
  const handle = api.env.client.workflow.getHandle(taskWorkflowId(taskId));
  const actorId = await unitHeadOf(unit.id);
  const unitCommand = { actorId, actorUnitIds: [unit.id] };
  if (needs === 'ACCEPTED' || needs === 'SUBMITTED') {
    await handle.executeUpdate(acceptTaskUpdate, { args: [{ ...unitCommand, responsibleUserId: actorId }] });
  }
  if (needs === 'SUBMITTED') {
    await handle.executeUpdate(submitTaskUpdate, { args: [{ ...unitCommand, note: 'Đã xong' }] });
  }
  if (needs === 'EXTENSION') {
    await handle.executeUpdate(requestExtensionUpdate, {
      args: [{ ...unitCommand, requestedDueDate: '2099-08-31', reason: 'Chờ kinh phí' }],
    });
  }
  return taskId;
}

interface Probe {
  /** The Query or Mutation field tried, or Type.field for a nested figure. */
  field: string;
  /** Without a session the field answers null rather than UNAUTHENTICATED. */
  anonymousGetsNull?: boolean;
  run(session: Session, scope: Scope): Promise<Seen>;
}
type ProbeName = keyof typeof PROBES;

/** Ends a fresh session of the viewer (not the shared one); allowed when it no longer works. */
async function endSession(session: Session, field: 'logout' | 'logoutEverywhere'): Promise<Seen> {
  const fresh: Session =
    session.viewer === 'anonymous'
      ? session
      : { ...session, cookie: await world.signIn(world.users[session.viewer].email) };
  const result = await ask<Record<string, boolean>>(fresh, `mutation { ${field} }`);
  if ('refused' in result) return denied(result.refused);
  expect(result.data[field]).toBe(true);
  if (fresh.cookie) {
    const me = await ask<{ me: { id: string } | null }>(fresh, `{ me { id } }`);
    expect(me).toEqual({ data: { me: null } });
  }
  return allowed();
}

let outsider: Promise<{ id: string }> | undefined;
/**
 * A new unread notification for the viewer ("own"), the head of commune C1 in the viewer's
 * subtree ("subtree") or a head of commune C3 in the other district ("outside").
 */
async function notificationFor(session: Session, scope: Scope): Promise<string> {
  const { prisma } = api.db;
  outsider ??= prisma.user.create({
    data: {
      email: 'outsider@authz.demo',
      name: 'Trưởng Xã Tây Ba',
      passwordHash: 'not used',
      roles: { create: { role: 'UNIT_HEAD', unitId: world.units.C3.id } },
    },
  });
  const own = world.users[session.viewer === 'anonymous' ? 'UNIT_HEAD' : session.viewer];
  const user = scope === 'subtree' ? world.communeHead : scope === 'outside' ? await outsider : own;
  const row = await prisma.notification.create({
    data: {
      eventId: `authz-${randomUUID()}`,
      userId: user.id,
      kind: 'task.assigned',
      params: { title: 'Thử quyền', dueDate: '2099-06-30' },
      link: '/tasks/authz',
    },
  });
  return row.id;
}

async function workflowExists(workflowId: string): Promise<boolean> {
  try {
    await api.env.client.workflow.getHandle(workflowId).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

const sessionOf = (viewer: Viewer): Session => ({
  viewer,
  cookie: viewer === 'anonymous' ? undefined : world.sessions.get(viewer),
});

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  api = await createApiHarness();
  world = await createWorld();
});
afterAll(() => api?.close());
afterAll(() => {
  if (evidenceFolder) rmSync(evidenceFolder.dir, { recursive: true, force: true });
});

describe('the table covers every operation', () => {
  /** An operation takes a unit-scoped argument when one of its arguments (or their fields) is an ID. */
  const unitScoped = (field: GraphQLField<unknown, unknown>): boolean =>
    field.args.some((arg) => {
      const type = getNamedType(arg.type);
      if (type.name === 'ID') return true;
      return (
        isInputObjectType(type) &&
        Object.values(type.getFields()).some((f) => getNamedType(f.type).name === 'ID')
      );
    });

  it('every Query and Mutation field of api/schema.graphql has a row for every role (× own / subtree / outside when it takes a unit)', () => {
    const rows = TABLE.map(([probe, scope]) => ({ field: PROBES[probe].field, scope }));
    const missing: string[] = [];
    for (const field of [...Object.values(queryFields), ...Object.values(mutationFields)]) {
      const scopes = rows.filter((row) => row.field === field.name).map((row) => row.scope);
      if (scopes.length === 0) missing.push(`${field.name}: no rows`);
      else if (unitScoped(field)) {
        for (const scope of UNIT_SCOPES)
          if (!scopes.includes(scope)) missing.push(`${field.name}: no ${scope} row`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every row names a field that exists', () => {
    const stale = TABLE.map(([probe]) => PROBES[probe].field).filter((field) => !inSchema(field));
    expect(stale).toEqual([]);
  });
});

describe('the authorization table', () => {
  for (const [probe, scope, ...marks] of TABLE) {
    const { anonymousGetsNull } = PROBES[probe] as Probe;
    describe(`${probe} · ${scope}`, () => {
      VIEWERS.forEach((viewer, index) => {
        const mark = marks[index]!;
        it(`${viewer} → ${mark}`, async () => {
          const seen = await (PROBES[probe] as Probe).run(sessionOf(viewer), scope);
          expect(seen.outcome, `answered ${seen.how}`).toBe(mark);
          if (seen.outcome === N && viewer === 'anonymous') {
            expect(seen.how).toBe(anonymousGetsNull ? 'hidden' : 'UNAUTHENTICATED');
          }
          if (seen.outcome === N && viewer !== 'anonymous') expect(seen.how).not.toBe('UNAUTHENTICATED');
          if (seen.wrote !== undefined) expect(seen.wrote, 'wrote').toBe(mark === Y);
        });
      });
    });
  }
});

describe('figures', () => {
  it('a commune head sees their own commune’s row and the completion of its tasks, not other units’', async () => {
    const session: Session = { viewer: 'UNIT_HEAD', cookie: await world.signIn(world.communeHead.email) };
    const result = await ask<{
      plan: { completion: number | null; unitProgress: { unit: { id: string } }[] };
    }>(session, `query($id: ID!) { plan(id: $id) { completion unitProgress { unit { id } } } }`, {
      id: world.figures.id,
    });
    expect(result).toEqual({
      data: { plan: { completion: 30, unitProgress: [{ unit: { id: world.units.C1.id } }] } },
    });
  });
});

describe('where the assignment form may be offered', () => {
  const ASSIGN = `query($id: ID!) { plan(id: $id) { viewerCanAssign assignableUnits { id } } }`;
  const look = async (viewer: Viewer, planId: string) => {
    const result = await ask<{
      plan: { viewerCanAssign: boolean; assignableUnits: { id: string }[] } | null;
    }>({ viewer, cookie: world.sessions.get(viewer) }, ASSIGN, { id: planId });
    if ('refused' in result) throw new Error(result.refused);
    return result.data.plan;
  };

  it('the committee of the issuing unit, to the units of its tree in its reach', async () => {
    const { D, C1, C2, E, C3 } = world.units;
    const plan = await look('STEERING', world.issued.own.id);
    expect(plan?.viewerCanAssign).toBe(true);
    const offered = plan?.assignableUnits.map((unit) => unit.id) ?? [];
    expect(offered).toEqual(expect.arrayContaining([D.id, C1.id, C2.id]));
    expect(offered).not.toContain(E.id);
    expect(offered).not.toContain(C3.id);
    // Rows above add units under D (the administration rows): the form offers exactly the live
    // units of D's tree, whatever they are by now.
    const live = await api.db.prisma.unit.findMany({
      where: { path: { startsWith: D.path }, mergedIntoId: null },
      select: { id: true },
    });
    expect([...offered].sort()).toEqual(live.map((unit) => unit.id).sort());
  });

  it('nobody else, not even a committee that sees the plan through a task of its unit', async () => {
    for (const viewer of ['ADMIN', 'UNIT_HEAD', 'UNIT_STAFF', 'INSPECTOR'] as const) {
      expect(await look(viewer, world.issued.own.id)).toEqual({
        viewerCanAssign: false,
        assignableUnits: [],
      });
    }
    // The province's plan with a task for district D: the district committee sees it, cannot assign in it.
    expect(await look('STEERING', world.viaTask.own.id)).toEqual({
      viewerCanAssign: false,
      assignableUnits: [],
    });
  });
});

describe('client-chosen IDs open nothing', () => {
  const IN_USE = 'This request ID is already in use; send the form again.';
  const REFUSED = {
    __typename: 'InvalidInputError',
    message: IN_USE,
    issues: [{ field: 'requestId', message: IN_USE }],
  };
  const CREATE_PLAN_ANSWER = `mutation($input: CreatePlanInput!) {
    createPlan(input: $input) {
      __typename ... on ReformPlan { id title } ... on Error { message } ... on InvalidInputError { issues { field message } }
    }
  }`;
  const CREATE_TASK_ANSWER = `mutation($input: CreateTaskInput!) {
    createTask(input: $input) {
      __typename ... on Task { id title } ... on Error { message } ... on InvalidInputError { issues { field message } }
    }
  }`;
  const as = (cookie: string) => ({ cookie });
  const steering = () => world.sessions.get('STEERING')!;
  const planInput = (requestId: string, title = 'Kế hoạch CCHC 2028 của huyện Đông') => ({
    requestId,
    title,
    year: 2028,
    issuingUnitId: world.units.D.id,
  });
  const createPlan = async (input: Record<string, unknown>, cookie = steering()) =>
    (await api.gql<{ createPlan: Record<string, unknown> }>(CREATE_PLAN_ANSWER, { input }, as(cookie))).data
      ?.createPlan;
  const createTask = async (input: Record<string, unknown>, cookie = steering()) =>
    (await api.gql<{ createTask: Record<string, unknown> }>(CREATE_TASK_ANSWER, { input }, as(cookie))).data
      ?.createTask;
  /** Updates a task's workflow has accepted: a request attached to the workflow would add one. */
  const updatesOf = async (taskId: string) => {
    const history = await api.env.client.workflow.getHandle(taskWorkflowId(taskId)).fetchHistory();
    return (history.events ?? []).filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes)
      .length;
  };
  const planRow = (id: string) => api.db.prisma.reformPlan.findUniqueOrThrow({ where: { id } });
  const taskRow = (id: string) => api.db.prisma.task.findUniqueOrThrow({ where: { id } });

  it('createPlan with the ID of a plan the viewer may not see: refused, and the plan is left as it was', async () => {
    for (const hidden of [world.issued.outside, world.drafts.outside]) {
      const before = await planRow(hidden.id);
      expect(await createPlan(planInput(hidden.id))).toEqual(REFUSED);
      expect(await planRow(hidden.id)).toEqual(before);
    }
    expect(
      await api.db.prisma.reformPlan.count({ where: { title: 'Kế hoạch CCHC 2028 của huyện Đông' } }),
    ).toBe(0);
  });

  it('createPlan with an ID the viewer can see but that was used for another request: the same refusal', async () => {
    // A plan of the viewer's district that someone else created.
    expect(await createPlan(planInput(world.issued.own.id))).toEqual(REFUSED);
    // The viewer's own plan, sent again with other content.
    const requestId = randomUUID();
    expect(await createPlan(planInput(requestId, 'Kế hoạch A'))).toMatchObject({
      id: requestId,
      title: 'Kế hoạch A',
    });
    expect(await createPlan(planInput(requestId, 'Kế hoạch B'))).toEqual(REFUSED);
    expect((await planRow(requestId)).title).toBe('Kế hoạch A');
  });

  it('a replayed createPlan returns the original to the one who sent it, and to no one else', async () => {
    const input = planInput(randomUUID(), 'Kế hoạch gửi hai lần');
    const first = await createPlan(input);
    expect(await createPlan(input)).toEqual(first);
    expect(first).toMatchObject({ __typename: 'ReformPlan', id: input.requestId });
    // The province's committee may see the plan, but this request is not theirs.
    expect(await createPlan(input, world.plannerSession)).toEqual(REFUSED);
    expect(await api.db.prisma.reformPlan.count({ where: { id: input.requestId } })).toBe(1);
    expect(await api.db.prisma.auditEvent.count({ where: { entityId: input.requestId } })).toBe(1);
  });

  it('createTask with the ID of a task the viewer may not see: refused before its workflow is reached', async () => {
    const hidden = world.live.outside;
    const [before, updates] = [await taskRow(hidden), await updatesOf(hidden)];
    const input = taskInput({
      requestId: hidden,
      planId: world.issued.own.id,
      assigneeUnitId: world.units.D.id,
    });
    expect(await createTask(input)).toEqual(REFUSED);
    expect(await taskRow(hidden)).toEqual(before);
    expect(await updatesOf(hidden)).toBe(updates);
    // The same for a task of a draft the viewer may not see.
    const draftTask = world.drafts.outside.taskFor(world.units.C3.id);
    const draftBefore = await taskRow(draftTask);
    const draftInput = taskInput({
      requestId: draftTask,
      planId: world.drafts.own.id,
      assigneeUnitId: world.units.D.id,
    });
    expect(await createTask(draftInput)).toEqual(REFUSED);
    expect(await taskRow(draftTask)).toEqual(draftBefore);
  });

  it('createTask with the ID of a task of another plan, one the viewer can see: the same refusal', async () => {
    const other = world.live.own;
    const [before, updates] = [await taskRow(other), await updatesOf(other)];
    for (const planId of [world.drafts.own.id, world.issued.own.id]) {
      const input = taskInput({
        requestId: other,
        planId,
        assigneeUnitId: world.units.D.id,
        title: 'Nhiệm vụ khác',
      });
      expect(await createTask(input)).toEqual(REFUSED);
    }
    expect(await taskRow(other)).toEqual(before);
    expect(await updatesOf(other)).toBe(updates);
  });

  it('a replayed createTask returns the original task without reaching its workflow again', async () => {
    const input = taskInput({ planId: world.issued.own.id, assigneeUnitId: world.units.C1.id });
    const first = await createTask(input);
    expect(first).toMatchObject({ __typename: 'Task', id: input.requestId });
    const updates = await updatesOf(input.requestId);
    expect(await createTask(input)).toEqual(first);
    expect(await updatesOf(input.requestId)).toBe(updates);
    expect(await createTask(input, world.plannerSession)).toEqual(REFUSED);
    expect(await api.db.prisma.task.count({ where: { id: input.requestId } })).toBe(1);
  });
});

describe('several role assignments', () => {
  it('reach the union, role by role: STEERING at district E and UNIT_HEAD at commune C1', async () => {
    const session: Session = { viewer: 'STEERING', cookie: await world.signIn(world.twoRoles.email) };
    // As E's committee: E's draft. As C1's head: C1's task of D's plan, and reporting on it.
    expect(await planShown(session, world.drafts.outside.id)).toEqual(allowed());
    expect(await taskShown(session, world.live.subtree)).toEqual(allowed());
    expect(
      await command(
        session,
        `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { __typename ... on Error { message } } }`,
        { input: { taskId: world.live.subtree, percent: 50 } },
        'Task',
      ),
    ).toEqual(allowed());
    expect(
      await command(
        session,
        CREATE_PLAN,
        { input: { title: 'Kế hoạch huyện Tây', year: 2099, issuingUnitId: world.units.E.id } },
        'ReformPlan',
      ),
    ).toEqual(allowed());
    // The roles do not mix: a unit head's unit is no committee's, even for the same person.
    expect(await planShown(session, world.drafts.subtree.id)).toEqual(denied('hidden'));
    expect(await taskShown(session, world.figures.taskFor(world.units.D.id))).toEqual(denied('hidden'));
    expect(
      await command(
        session,
        CREATE_PLAN,
        { input: { title: 'Kế hoạch xã Đông Một', year: 2099, issuingUnitId: world.units.C1.id } },
        'ReformPlan',
      ),
    ).toEqual(denied('NotFoundError'));
  });
});
