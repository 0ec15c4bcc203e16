// API messages of one area, in both languages; merged into messages.ts's table.
import type { Locale } from '../messages.ts';

export const evidenceExtraMessages = {
  'evidence.oneTarget': {
    vi: 'Hãy cho biết tệp dùng cho đúng một việc: một nhiệm vụ (taskId), một cuộc kiểm tra (inspectionId) hoặc một biện pháp khắc phục (correctiveActionId).',
    en: 'Say what the files are for, exactly one of: a task (taskId), an inspection (inspectionId) or a corrective action (correctiveActionId).',
  },
  'evidence.clientId': {
    vi: 'Mã tải lên (clientId) phải là một UUID.',
    en: 'The upload ID (clientId) must be a UUID.',
  },
  'evidence.clientIdOneFile': {
    vi: 'Một lần tải lên có mã (clientId) chỉ mang một tệp; hãy gửi từng tệp với mã riêng.',
    en: 'An upload with an ID (clientId) carries one file; send each file with its own ID.',
  },
  'evidence.clientIdInUse': {
    vi: 'Mã tải lên (clientId) này đã được dùng cho một tệp của việc khác; hãy dùng một mã mới.',
    en: 'This upload ID (clientId) was already used for a file of something else; use a new ID.',
  },
  'evidence.notFoundInspection': {
    vi: 'Không tìm thấy cuộc kiểm tra này.',
    en: 'There is no such inspection.',
  },
  'evidence.notFoundCorrective': {
    vi: 'Không tìm thấy biện pháp khắc phục này.',
    en: 'There is no such corrective action.',
  },
  'evidence.inspectionWrongStatus': {
    vi: 'Cuộc kiểm tra chưa bắt đầu hoặc đã kết thúc: chỉ tải tệp lên khi cuộc kiểm tra đang diễn ra.',
    en: 'The inspection has not started or is closed: files can be uploaded only while it is in progress.',
  },
  'evidence.correctiveWrongStatus': {
    vi: 'Biện pháp khắc phục không còn chờ kết quả khắc phục (đã gửi, đã xác nhận hoặc đã huỷ): không tải thêm tệp được.',
    en: 'The corrective action is not waiting for a correction (it was submitted, verified or cancelled): no more files can be uploaded.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
