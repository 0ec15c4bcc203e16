// API messages of one area, in both languages; merged into messages.ts's table.
import type { Locale } from '../messages.ts';

export const correctiveMessages = {
  'notFound.correctiveAction': {
    vi: 'Không tìm thấy yêu cầu khắc phục này.',
    en: 'There is no such corrective action.',
  },
  'corrective.wrongStatus': {
    vi: 'Yêu cầu khắc phục đang ở trạng thái không cho phép thao tác này (chỉ xác nhận hoặc trả lại được khi đơn vị đã báo cáo kết quả khắc phục).',
    en: 'The corrective action is not in a state that allows this (a correction can be verified or rejected only once the unit has reported its remedy).',
  },
  'corrective.notAnswered': {
    vi: 'Đơn vị chưa báo cáo kết quả khắc phục nên chưa thể xác nhận hay trả lại.',
    en: 'The unit has not reported its remedy yet, so it cannot be verified or rejected.',
  },
  'corrective.notOpen': {
    vi: 'Yêu cầu khắc phục không còn chờ đơn vị xử lý (đã báo cáo, đã xác nhận hoặc đã huỷ).',
    en: 'The corrective action is no longer waiting for the unit (already answered, verified or cancelled).',
  },
  'corrective.closed': {
    vi: 'Yêu cầu khắc phục đã kết thúc (đã xác nhận hoặc đã huỷ).',
    en: 'The corrective action is closed (verified or cancelled).',
  },
  'corrective.notRunning': {
    vi: 'Yêu cầu khắc phục đã kết thúc, không nhận thêm thao tác nào.',
    en: 'This corrective action is closed: it takes no more changes.',
  },
  'corrective.wrongUnit': {
    vi: 'Chỉ lãnh đạo hoặc cán bộ của đơn vị chịu trách nhiệm khắc phục mới làm được việc này.',
    en: 'Only the head or staff of the unit responsible for the correction can do this.',
  },
  'corrective.headOnly': {
    vi: 'Chỉ lãnh đạo đơn vị chịu trách nhiệm khắc phục mới xin gia hạn được.',
    en: 'Only the head of the unit responsible for the correction can ask for more time.',
  },
  'corrective.notAnInspector': {
    vi: 'Chỉ thành viên đoàn kiểm tra đã phát hiện vấn đề mới xác nhận hoặc trả lại kết quả khắc phục.',
    en: 'Only the inspectors of the inspection that found it can verify or reject the correction.',
  },
  'corrective.notDecider': {
    vi: 'Chỉ Ban Chỉ đạo hoặc thanh tra phụ trách đơn vị mới quyết định việc gia hạn.',
    en: 'Only the steering committee or an inspector over the unit can decide on an extension.',
  },
  'corrective.extensionPending': {
    vi: 'Đã có một đề nghị gia hạn đang chờ quyết định.',
    en: 'An extension request is already waiting for a decision.',
  },
  'corrective.noExtensionPending': {
    vi: 'Không có đề nghị gia hạn nào đang chờ quyết định.',
    en: 'No extension request is waiting for a decision.',
  },
  'corrective.extensionNotLater': {
    vi: 'Hạn mới phải sau hạn khắc phục hiện tại.',
    en: 'The new due date must be after the current one.',
  },
  'corrective.dateNotFuture': {
    vi: 'Ngày này phải sau hôm nay.',
    en: 'This date must be after today.',
  },
  'corrective.remedyRequired': {
    vi: 'Hãy mô tả những gì đơn vị đã làm để khắc phục.',
    en: 'Describe what the unit did to correct it.',
  },
  'corrective.reinspectOnWithoutReinspect': {
    vi: 'Chỉ chọn ngày tái kiểm tra khi có yêu cầu tái kiểm tra.',
    en: 'Pick a re-inspection day only when asking for a re-inspection.',
  },
  'corrective.evidenceNotYours': {
    vi: 'Chỉ đính kèm được các tệp chính bạn đã tải lên cho yêu cầu khắc phục này và chưa gắn vào lần báo cáo nào; hãy tải tệp lên lại.',
    en: 'Only files you uploaded for this corrective action and not yet attached to a round can be attached; upload the file again.',
  },
  'corrective.tooManyFiles': {
    vi: 'Một lần báo cáo khắc phục đính kèm tối đa 10 tệp.',
    en: 'A remedy can have at most 10 files attached.',
  },

  'timeline.severity.CRITICAL': { vi: 'nghiêm trọng', en: 'critical' },
  'timeline.severity.MAJOR': { vi: 'lớn', en: 'major' },
  'timeline.severity.MINOR': { vi: 'nhỏ', en: 'minor' },
  'timeline.severity.INFO': { vi: 'ghi nhận', en: 'observation' },
  'timeline.checklistResult.PASS': { vi: 'Đạt', en: 'Pass' },
  'timeline.checklistResult.FAIL': { vi: 'Không đạt', en: 'Fail' },
  'timeline.checklistResult.NOT_APPLICABLE': { vi: 'Không áp dụng', en: 'Not applicable' },
  'timeline.inspection.planned': {
    vi: 'Lên kế hoạch kiểm tra {unit}, ngày {date}',
    en: 'Inspection of {unit} planned for {date}',
  },
  'timeline.inspection.plannedWindow': {
    vi: 'Lên kế hoạch kiểm tra đột xuất {unit}, trong khoảng {from} – {to}',
    en: 'Surprise inspection of {unit} planned between {from} and {to}',
  },
  'timeline.inspection.scheduled': { vi: 'Ngày kiểm tra: {date}', en: 'Inspection day: {date}' },
  'timeline.inspection.rescheduled': {
    vi: 'Đổi ngày kiểm tra từ {from} sang {to}',
    en: 'Inspection day moved from {from} to {to}',
  },
  'timeline.inspection.started': { vi: 'Bắt đầu kiểm tra', en: 'Inspection started' },
  'timeline.inspection.checklistRecorded': {
    vi: 'Kết quả mục “{item}”: {result}',
    en: 'Checklist item “{item}”: {result}',
  },
  'timeline.inspection.findingRecorded': {
    vi: 'Ghi nhận phát hiện ({severity}): {description}',
    en: 'Finding recorded ({severity}): {description}',
  },
  'timeline.inspection.closed': {
    vi: 'Kết thúc kiểm tra; {count} yêu cầu khắc phục',
    en: 'Inspection closed; {count} corrective action(s)',
  },
  'timeline.inspection.cancelled': { vi: 'Huỷ cuộc kiểm tra', en: 'Inspection cancelled' },
  'timeline.corrective.opened': {
    vi: 'Yêu cầu {unit} khắc phục, hạn {due}',
    en: 'Correction required of {unit}, due {due}',
  },
  'timeline.corrective.submitted': {
    vi: 'Báo cáo kết quả khắc phục (lần {round})',
    en: 'Remedy reported (round {round})',
  },
  'timeline.corrective.verified': { vi: 'Xác nhận đã khắc phục', en: 'Correction verified' },
  'timeline.corrective.reinspect': { vi: 'tái kiểm tra ngày {date}', en: 're-inspection on {date}' },
  'timeline.corrective.rejected': {
    vi: 'Chưa đạt, khắc phục lại (lần {round}), hạn {due}',
    en: 'Rejected: correct again (round {round}), due {due}',
  },
  'timeline.corrective.extensionRequested': {
    vi: 'Đề nghị gia hạn từ {from} đến {to}',
    en: 'Extension requested from {from} to {to}',
  },
  'timeline.corrective.extensionGranted': {
    vi: 'Đồng ý gia hạn: hạn khắc phục từ {from} sang {to}',
    en: 'Extension granted: due date moved from {from} to {to}',
  },
  'timeline.corrective.extensionRefused': { vi: 'Không đồng ý gia hạn', en: 'Extension refused' },
  'timeline.corrective.reassigned': {
    vi: 'Chuyển yêu cầu khắc phục từ {from} sang {to}',
    en: 'Moved from {from} to {to}',
  },
  'timeline.corrective.cancelled': { vi: 'Huỷ yêu cầu khắc phục', en: 'Corrective action cancelled' },
  'timeline.corrective.reminder': {
    vi: 'Nhắc hạn: còn {days} ngày làm việc',
    en: 'Reminder: {days} working day(s) left',
  },
  'timeline.corrective.overdue': {
    vi: 'Quá hạn khắc phục, đã báo đơn vị',
    en: 'Overdue: the unit was told',
  },
  'timeline.corrective.escalated': {
    vi: 'Quá hạn {days} ngày làm việc, báo cáo Ban Chỉ đạo',
    en: '{days} working day(s) late: escalated to the steering committee',
  },
} as const satisfies Record<string, Record<Locale, string>>;
