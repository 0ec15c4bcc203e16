import { builder } from '../builder.ts';

/** The path the web app serves an evidence file's download at (web/src/routes/evidence/[id]). */
export const evidenceDownloadPath = (id: string): string => `/evidence/${encodeURIComponent(id)}`;

/** An evidence file as the task, inspection and corrective-action pages list it; the bytes are at `downloadUrl`. */
export const EvidenceType = builder.prismaObject('Evidence', {
  description:
    'A file uploaded as evidence (POST /evidence) for a task, an inspection or a corrective action, and attached to a progress report, a checklist item, a finding or a corrective round.',
  fields: (t) => ({
    id: t.exposeID('id'),
    fileName: t.exposeString('fileName'),
    mimeType: t.exposeString('mimeType', { description: 'The type read from the file’s content.' }),
    sizeBytes: t.exposeInt('sizeBytes'),
    aboutDate: t.expose('aboutDate', {
      type: 'Date',
      nullable: true,
      description: 'The day the evidence is about, as the uploader gave it.',
    }),
    receivedAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the server received the file.',
    }),
    attached: t.boolean({
      description:
        'Whether a progress report, a checklist item, a finding or a corrective round carries it (an unattached file is seen by its uploader only).',
      select: { progressReportId: true, checklistItemId: true, findingId: true, correctiveRoundId: true },
      resolve: (evidence) =>
        evidence.progressReportId !== null ||
        evidence.checklistItemId !== null ||
        evidence.findingId !== null ||
        evidence.correctiveRoundId !== null,
    }),
    downloadUrl: t.string({
      description: 'Path of the download on this site, e.g. /evidence/<id>.',
      resolve: (evidence) => evidenceDownloadPath(evidence.id),
    }),
  }),
});
