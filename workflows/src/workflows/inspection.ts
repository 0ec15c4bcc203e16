import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { CorrectiveActivities } from '../activities/corrective.ts';
import type { InspectionActivities } from '../activities/inspection.ts';
import type { TaskActivities } from '../activities/task.ts';
import {
  WorkingCalendar,
  addDays,
  atVietnamTime,
  compareDates,
  parseDate,
  vietnamDate,
} from '../calendar.ts';
import {
  CHECKLIST_RESULTS,
  FINDING_SEVERITIES,
  INSPECTION_START_HOUR,
  InspectionFailure,
  ActorFailure,
  INSPECTION_CANCEL_ROLES,
  cancelInspectionUpdate,
  checklistConflict,
  claimsReach,
  closeInspectionUpdate,
  correctiveWorkflowId,
  defaultCorrectionWorkingDays,
  inspectionInputProblem,
  inspectionRecordedUpdate,
  inspectionStateQuery,
  recordChecklistResultUpdate,
  recordFindingUpdate,
  scheduleInspectionUpdate,
  startInspectionUpdate,
  type CorrectableSeverity,
  type InspectionState,
  type InspectionStatus,
  type PlanInspectionInput,
  type RecordFindingInput,
  type StartedCorrective,
} from '../contracts.ts';
import { now } from './clock.ts';
import { refuse, registerCommand, type Lock } from './commands.ts';

const activities = proxyActivities<InspectionActivities & Pick<TaskActivities, 'loadHolidays'>>({
  startToCloseTimeout: '30 seconds',
  // A database outage only delays the write: keep retrying, the writes are idempotent.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
// Starting the corrective workflows: one client call per action, heartbeating.
const starts = proxyActivities<Pick<CorrectiveActivities, 'startCorrectiveWorkflows'>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Start input; `carried` is the state handed over by continueAsNew. */
export interface InspectionWorkflowInput extends PlanInspectionInput {
  carried?: InspectionState;
  /** History length after which the workflow continues as new (default 2,000 events). */
  historyLimit?: number;
}

function validDate(value: string, field: string): string {
  try {
    return parseDate(value);
  } catch {
    return refuse(InspectionFailure.InvalidInput, `${field} must be a date written YYYY-MM-DD.`);
  }
}

const startsAt = (date: string): number => atVietnamTime(date, INSPECTION_START_HOUR).getTime();

/**
 * A working day inside the window whose 08:00 is still ahead, drawn with the workflow's seeded
 * randomness (Math.random is replay-safe in workflow code). Throws when none is left.
 */
export function pickSurpriseDay(
  windowStart: string,
  windowEnd: string,
  afterMs: number,
  calendar: WorkingCalendar,
  random: () => number = Math.random,
): string {
  const candidates: string[] = [];
  for (let day = windowStart; compareDates(day, windowEnd) <= 0; day = addDays(day, 1)) {
    if (calendar.isWorkingDay(day) && startsAt(day) > afterMs) candidates.push(day);
  }
  if (candidates.length === 0) {
    return refuse(InspectionFailure.InvalidInput, 'The surprise window has no working day left.');
  }
  return candidates[Math.min(candidates.length - 1, Math.floor(random() * candidates.length))]!;
}

/**
 * The life of one inspection: PLANNED → IN_PROGRESS (on its day at 08:00 Vietnam time, or
 * earlier by an inspector) → CLOSED, or CANCELLED. A surprise inspection picks its day inside
 * its window and stays hidden from the target unit until it starts. Closing starts one
 * corrective-action workflow per finding that requires correction.
 */
export async function inspectionWorkflow(input: InspectionWorkflowInput): Promise<InspectionState> {
  const { workflowId } = workflowInfo();
  const historyLimit = input.historyLimit ?? 2000;
  if (!input.carried) {
    const problem = inspectionInputProblem(input);
    if (problem) refuse(InspectionFailure.InvalidInput, problem);
  }
  const correctionDays = { ...defaultCorrectionWorkingDays, ...input.correctionWorkingDays };
  const state: InspectionState = input.carried ?? {
    inspectionId: input.inspectionId,
    kind: input.kind,
    status: 'PLANNED',
    targetUnitId: input.targetUnitId,
    windowStart: input.windowStart ?? input.scheduledOn ?? '',
    windowEnd: input.windowEnd ?? input.scheduledOn ?? '',
    scheduledOn: input.scheduledOn ?? '',
    visibleToTarget: input.kind !== 'SURPRISE',
    inspectorIds: input.inspectors.map((inspector) => inspector.userId),
    // IDs chosen here (uuid4 is replay-safe), so commands can name items before the row exists.
    checklist: input.checklist.map((text) => ({ id: uuid4(), text, result: null, note: null })),
    findings: [],
    corrective: [],
    commandCount: 0,
  };
  let recorded = input.carried !== undefined;
  let calendar: WorkingCalendar | null = null;
  // Commands and the start timer run one at a time, each seeing the state the last one left.
  const lock: Lock = { busy: false };
  const commands = { state, lock, ready: () => recorded };
  // Set when the day moves, so the start timer is planned again.
  let replan = false;

  const requireStatus = (allowed: InspectionStatus[], what: string) => {
    if (!allowed.includes(state.status)) {
      refuse(InspectionFailure.WrongStatus, `An inspection that is ${state.status} cannot be ${what}.`);
    }
  };
  const requireInspector = (actorId: string) => {
    if (!state.inspectorIds.includes(actorId)) {
      refuse(InspectionFailure.NotAnInspector, 'Only the inspectors of this inspection can do this.');
    }
  };
  const requireText = (value: string | null | undefined, field: string, type: string) => {
    if (!value?.trim()) refuse(type, `${field} is required.`);
  };

  const command = <Arg>(
    update: UpdateDefinition<InspectionState, [Arg]>,
    validate: (arg: Arg) => void,
    run: (arg: Arg, eventId: string) => Promise<void>,
    authorize?: (arg: Arg) => void,
  ) => registerCommand(commands, update, validate, run, authorize);

  setHandler(inspectionStateQuery, () => state);
  setHandler(inspectionRecordedUpdate, async () => {
    await condition(() => recorded);
    return state;
  });

  command(
    scheduleInspectionUpdate,
    (c) => {
      requireStatus(['PLANNED'], 'rescheduled');
      requireInspector(c.actorId);
      const date = validDate(c.date, 'date');
      if (
        state.kind === 'SURPRISE' &&
        (compareDates(date, state.windowStart) < 0 || compareDates(date, state.windowEnd) > 0)
      ) {
        refuse(
          InspectionFailure.InvalidInput,
          `The day must lie inside the window ${state.windowStart} – ${state.windowEnd}.`,
        );
      }
      if (startsAt(date) <= now()) refuse(InspectionFailure.InvalidInput, 'The day must be in the future.');
      // The calendar is there once the inspection is recorded, i.e. whenever the handler runs.
      if (calendar && !calendar.isWorkingDay(date)) {
        refuse(InspectionFailure.InvalidInput, `${date} is not a working day.`);
      }
    },
    async (c, eventId) => {
      await activities.recordInspectionScheduled({
        eventId,
        inspectionId: state.inspectionId,
        actorId: c.actorId,
        date: c.date,
      });
      state.scheduledOn = c.date;
      replan = true;
    },
  );

  const start = async (actorId: string | null) => {
    // One start per inspection, whoever makes it: the event ID names the transition.
    await activities.recordInspectionStarted({
      eventId: `${workflowId}:started`,
      inspectionId: state.inspectionId,
      actorId,
    });
    state.status = 'IN_PROGRESS';
    state.visibleToTarget = true;
  };

  command(
    startInspectionUpdate,
    (c) => {
      requireStatus(['PLANNED'], 'started');
      requireInspector(c.actorId);
    },
    (c) => start(c.actorId),
  );

  command(
    recordChecklistResultUpdate,
    (c) => {
      requireStatus(['IN_PROGRESS'], 'given checklist results');
      requireInspector(c.actorId);
      if (!state.checklist.some((item) => item.id === c.checklistItemId)) {
        refuse(InspectionFailure.InvalidInput, 'checklistItemId is not an item of this checklist.');
      }
      if (!CHECKLIST_RESULTS.includes(c.result)) {
        refuse(InspectionFailure.InvalidInput, 'result must be PASS, FAIL or NOT_APPLICABLE.');
      }
      // Offline changes carry the value they were made on: never overwrite another's result.
      // Without a base (older clients, histories recorded before) nothing is compared.
      const item = state.checklist.find((entry) => entry.id === c.checklistItemId)!;
      const current = checklistConflict(item, c);
      if (current) {
        throw ApplicationFailure.create({
          type: InspectionFailure.ChecklistItemChanged,
          message: 'The checklist item was given another result or note since this change was made.',
          nonRetryable: true,
          details: [current],
        });
      }
    },
    async (c, eventId) => {
      const note = c.note?.trim() ? c.note : null;
      await activities.recordChecklistResult({
        eventId,
        inspectionId: state.inspectionId,
        actorId: c.actorId,
        checklistItemId: c.checklistItemId,
        result: c.result,
        note,
        evidenceIds: c.evidenceIds ?? [],
      });
      const item = state.checklist.find((entry) => entry.id === c.checklistItemId);
      if (item) Object.assign(item, { result: c.result, note });
    },
  );

  const validateFinding = (c: RecordFindingInput) => {
    requireStatus(['IN_PROGRESS'], 'given findings');
    requireInspector(c.actorId);
    if (!FINDING_SEVERITIES.includes(c.severity)) {
      refuse(InspectionFailure.InvalidInput, 'severity must be INFO, MINOR, MAJOR or CRITICAL.');
    }
    requireText(c.description, 'description', InspectionFailure.InvalidInput);
    if (typeof c.requiresCorrection !== 'boolean') {
      refuse(InspectionFailure.InvalidInput, 'requiresCorrection must be true or false.');
    }
    if (c.severity === 'INFO' && c.requiresCorrection) {
      refuse(InspectionFailure.InvalidInput, 'An INFO finding never requires correction.');
    }
    if (c.checklistItemId && !state.checklist.some((item) => item.id === c.checklistItemId)) {
      refuse(InspectionFailure.InvalidInput, 'checklistItemId is not an item of this checklist.');
    }
  };

  /** A finding whose client-chosen ID is recorded already: the command was applied before. */
  const recordedFinding = (c: RecordFindingInput) =>
    !!c.findingId && state.findings.some((finding) => finding.id === c.findingId);

  command(
    recordFindingUpdate,
    (c) => {
      if (!recordedFinding(c)) validateFinding(c);
    },
    async (c, eventId) => {
      if (recordedFinding(c)) return;
      await recordNewFinding(c, eventId);
    },
  );

  async function recordNewFinding(c: RecordFindingInput, eventId: string) {
    const finding = {
      // uuid4 only when the client chose none, so histories recorded before findingId replay.
      id: c.findingId || uuid4(),
      severity: c.severity,
      description: c.description.trim(),
      requiresCorrection: c.requiresCorrection,
      checklistItemId: c.checklistItemId ?? null,
      criterionId: c.criterionId ?? null,
      recordedById: c.actorId,
    };
    await activities.recordFinding({
      eventId,
      inspectionId: state.inspectionId,
      actorId: c.actorId,
      findingId: finding.id,
      severity: finding.severity,
      description: finding.description,
      requiresCorrection: finding.requiresCorrection,
      criterionId: finding.criterionId,
      checklistItemId: finding.checklistItemId,
      evidenceIds: c.evidenceIds ?? [],
    });
    state.findings.push(finding);
  }

  command(
    closeInspectionUpdate,
    (c) => {
      requireStatus(['IN_PROGRESS'], 'closed');
      requireInspector(c.actorId);
    },
    async (c, eventId) => {
      const today = vietnamDate(now());
      const workingDays = calendar ?? new WorkingCalendar([]);
      const corrective: StartedCorrective[] = state.findings
        .filter((finding) => finding.requiresCorrection && finding.severity !== 'INFO')
        .map((finding) => {
          const severity = finding.severity as CorrectableSeverity;
          const correctiveActionId = uuid4();
          return {
            correctiveActionId,
            findingId: finding.id,
            workflowId: correctiveWorkflowId(correctiveActionId),
            severity,
            dueDate: workingDays.addWorkingDays(today, correctionDays[severity]),
          };
        });
      await activities.recordInspectionClosed({
        eventId,
        inspectionId: state.inspectionId,
        actorId: c.actorId,
        note: c.note ?? null,
        findings: state.findings.length,
        corrective: corrective.map(({ correctiveActionId, findingId, dueDate }) => ({
          correctiveActionId,
          findingId,
          dueDate,
        })),
      });
      state.corrective = corrective;
      // Started by an activity through the Temporal client, not as child workflows: each action
      // lives on its own (the inspection is over), the IDs make the start idempotent, and it is
      // the same path as the plan's fan-out of task workflows.
      await starts.startCorrectiveWorkflows(
        corrective.map((action) => ({
          correctiveActionId: action.correctiveActionId,
          findingId: action.findingId,
          inspectionId: state.inspectionId,
          responsibleUnitId: state.targetUnitId,
          severity: action.severity,
          dueDate: action.dueDate,
          title:
            state.findings.find((entry) => entry.id === action.findingId)?.description.slice(0, 200) ?? '',
          inspectorIds: state.inspectorIds,
          actorId: c.actorId,
          ...(input.correctionWorkingDays ? { correctionWorkingDays: input.correctionWorkingDays } : {}),
          ...(input.correctiveDeadlines ? { deadlines: input.correctiveDeadlines } : {}),
        })),
      );
      state.status = 'CLOSED';
    },
  );

  command(
    cancelInspectionUpdate,
    (c) => {
      requireStatus(['PLANNED', 'IN_PROGRESS'], 'cancelled');
      requireText(c.reason, 'reason', InspectionFailure.ReasonRequired);
    },
    async (c, eventId) => {
      await activities.recordInspectionCancelled({
        eventId,
        inspectionId: state.inspectionId,
        actorId: c.actorId,
        reason: c.reason,
      });
      state.status = 'CANCELLED';
    },
    // The roles only: the state does not know the target's parent unit; the activity checks the
    // scope against the database.
    (c) => {
      const anyUnit = { id: '', path: null };
      if (!claimsReach(c.actorRoles, INSPECTION_CANCEL_ROLES, anyUnit)) {
        refuse(
          ActorFailure.NotAllowed,
          'Only the steering committee or an inspector can cancel an inspection.',
        );
      }
    },
  );

  calendar = new WorkingCalendar(await activities.loadHolidays());
  if (!recorded) {
    // A surprise picks its day now, once: the choice is in this history, so replays keep it.
    state.scheduledOn ||= pickSurpriseDay(state.windowStart, state.windowEnd, now(), calendar);
    await activities.recordInspectionPlanned({
      ...input,
      eventId: `${workflowId}:planned`,
      scheduledOn: state.scheduledOn,
      windowStart: state.windowStart,
      windowEnd: state.windowEnd,
      checklistIds: state.checklist.map((item) => item.id),
    });
    recorded = true;
  }

  const historyFull = () =>
    workflowInfo().historyLength > historyLimit || workflowInfo().continueAsNewSuggested;
  const handOver = async () => {
    await condition(() => !lock.busy && allHandlersFinished());
    return continueAsNew<typeof inspectionWorkflow>({ ...input, carried: state });
  };

  // Waiting for the day: start at 08:00 Vietnam time unless an inspector starts it, the day
  // moves, or the committee cancels it first.
  while (state.status === 'PLANNED') {
    if (historyFull()) return handOver();
    replan = false;
    const wait = startsAt(state.scheduledOn) - now();
    const interrupted = wait > 0 && (await condition(() => state.status !== 'PLANNED' || replan, wait));
    if (interrupted) continue;
    await condition(() => !lock.busy);
    // A command released in the same pass may have taken the lock first.
    if (lock.busy || state.status !== 'PLANNED' || replan) continue;
    lock.busy = true;
    try {
      await start(null);
    } finally {
      lock.busy = false;
    }
  }

  // On site: checklist results and findings arrive as Updates until it is closed or cancelled.
  while (state.status === 'IN_PROGRESS') {
    await condition(() => state.status !== 'IN_PROGRESS' || historyFull());
    if (state.status === 'IN_PROGRESS') return handOver();
  }
  await condition(allHandlersFinished);
  return state;
}
