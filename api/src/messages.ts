// Error messages the API returns to people, in both languages of the app. Keys are stable
// codes; clients may also translate by key.
import { adminMessages } from './messages/admin.ts';
import { adminCalendarMessages } from './messages/admin-calendar.ts';
import { correctiveMessages } from './messages/corrective.ts';
import { dashboardMessages } from './messages/dashboard.ts';
import { evidenceExtraMessages } from './messages/evidence-extra.ts';
import { inspectionsMessages } from './messages/inspections.ts';
import { spreadsheetMessages } from './messages/spreadsheets.ts';

export type Locale = 'vi' | 'en';

const messages = {
  ...adminMessages,
  ...inspectionsMessages,
  ...adminCalendarMessages,
  ...correctiveMessages,
  ...dashboardMessages,
  ...evidenceExtraMessages,
  ...spreadsheetMessages,
  'auth.required': {
    vi: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    en: 'Your session has expired. Please sign in again.',
  },
  'auth.forbidden': {
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this.',
  },
  'auth.foreignOrigin': {
    vi: 'Yêu cầu này đến từ một trang web khác nên không được thực hiện.',
    en: 'This request comes from another website and was not carried out.',
  },
  'login.failed': { vi: 'Email hoặc mật khẩu không đúng.', en: 'Wrong e-mail or password.' },
  'login.throttled': {
    vi: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.',
    en: 'Too many failed sign-ins. Try again in 15 minutes.',
  },
  'input.required': { vi: 'Trường này là bắt buộc.', en: 'This field is required.' },
  'input.requestId': {
    vi: 'Mã yêu cầu phải là một UUID; hãy tải lại biểu mẫu và gửi lại.',
    en: 'The request ID must be a UUID; reload the form and send it again.',
  },
  'input.email': { vi: 'Nhập một địa chỉ email hợp lệ.', en: 'Enter a valid e-mail address.' },
  'input.tooLong': { vi: 'Nội dung quá dài.', en: 'This is too long.' },
  'input.percent': {
    vi: 'Tiến độ phải là số nguyên từ 0 đến 100.',
    en: 'Progress must be a whole number from 0 to 100.',
  },
  'input.date': {
    vi: 'Nhập một ngày có thật theo dạng NNNN-TT-NN.',
    en: 'Enter a date that exists, as YYYY-MM-DD.',
  },
  'input.dueDateOutsidePlan': {
    vi: 'Hạn hoàn thành phải nằm trong năm của kế hoạch (muộn nhất là ngày kết thúc tự đánh giá).',
    en: 'The due date must lie in the plan’s year (at the latest, the day its self-assessment closes).',
  },
  'input.dateInPast': {
    vi: 'Hạn hoàn thành không được ở trong quá khứ.',
    en: 'The due date cannot be in the past.',
  },
  'input.year': {
    vi: 'Năm kế hoạch phải từ 2020 đến 2100.',
    en: 'The plan year must be between 2020 and 2100.',
  },
  'input.weight': { vi: 'Trọng số phải từ 1 đến 10.', en: 'The weight must be from 1 to 10.' },
  'input.reasonRequired': {
    vi: 'Tiến độ thấp hơn lần báo cáo trước: hãy nêu lý do.',
    en: 'Progress is lower than last reported: give a reason.',
  },
  'input.reasonMissing': {
    vi: 'Hãy nêu lý do (tối đa 2000 ký tự).',
    en: 'Give a reason (at most 2000 characters).',
  },
  'input.extensionNotLater': {
    vi: 'Hạn mới phải muộn hơn hạn hoàn thành hiện tại.',
    en: 'The new due date must be later than the current one.',
  },
  'input.sameUnit': {
    vi: 'Nhiệm vụ đã được giao cho đơn vị này; hãy chọn một đơn vị khác.',
    en: 'The task is already assigned to this unit; choose another unit.',
  },
  'input.responsibleNotInUnit': {
    vi: 'Người phụ trách phải là lãnh đạo hoặc cán bộ của đơn vị được giao nhiệm vụ.',
    en: 'The responsible official must be a head or staff member of the unit the task is assigned to.',
  },
  'input.requestIdInUse': {
    vi: 'Mã yêu cầu này đã được dùng; vui lòng gửi lại biểu mẫu.',
    en: 'This request ID is already in use; send the form again.',
  },
  'input.dueRange': {
    vi: 'Ngày “hạn từ” đang muộn hơn ngày “hạn đến”: hãy đổi chỗ hai ngày hoặc sửa một trong hai.',
    en: 'The “due from” date is after the “due to” date: swap them or change one.',
  },
  'input.id': {
    vi: 'Mã này không hợp lệ: hãy chọn lại từ danh sách.',
    en: 'This ID is not valid: choose again from the list.',
  },
  'role.UNIT_HEAD': { vi: 'Trưởng đơn vị', en: 'Unit head' },
  'role.UNIT_STAFF': { vi: 'Cán bộ', en: 'Staff member' },
  'taskStatus.ASSIGNED': { vi: 'Đã giao', en: 'Assigned' },
  'taskStatus.ACCEPTED': { vi: 'Đã tiếp nhận', en: 'Accepted' },
  'taskStatus.IN_PROGRESS': { vi: 'Đang thực hiện', en: 'In progress' },
  'taskStatus.SUBMITTED': { vi: 'Đã báo cáo hoàn thành', en: 'Submitted' },
  'taskStatus.RETURNED': { vi: 'Bị trả lại', en: 'Returned' },
  'taskStatus.COMPLETED': { vi: 'Hoàn thành', en: 'Completed' },
  'taskStatus.CANCELLED': { vi: 'Đã huỷ', en: 'Cancelled' },
  'taskStatus.NOT_COMPLETED': { vi: 'Không hoàn thành', en: 'Not completed' },
  'planStatus.DRAFT': { vi: 'Dự thảo', en: 'Draft' },
  'planStatus.ISSUED': { vi: 'Đã ban hành', en: 'Issued' },
  'planStatus.ASSESSMENT': { vi: 'Tự đánh giá', en: 'Self-assessment' },
  'planStatus.APPRAISAL': { vi: 'Thẩm định', en: 'Appraisal' },
  'planStatus.PUBLISHED': { vi: 'Đã công bố', en: 'Published' },
  'planStatus.CLOSED': { vi: 'Đã kết thúc', en: 'Closed' },
  'timeline.statusChange': { vi: 'Trạng thái: {from} → {to}', en: 'Status: {from} → {to}' },
  'timeline.progress': { vi: 'Tiến độ {from} → {to}', en: 'Progress {from} → {to}' },
  'timeline.progressReported': { vi: 'Báo cáo tiến độ: {percent}', en: 'Progress reported: {percent}' },
  'timeline.dueDateMoved': {
    vi: 'Hạn hoàn thành chuyển từ {from} sang {to}',
    en: 'Due date moved from {from} to {to}',
  },
  'timeline.titleChanged': { vi: 'Đổi tên thành “{title}”', en: 'Renamed “{title}”' },
  'timeline.unitChanged': { vi: 'Đơn vị thực hiện: {from} → {to}', en: 'Assigned unit: {from} → {to}' },
  'timeline.weightChanged': { vi: 'Trọng số {from} → {to}', en: 'Weight {from} → {to}' },
  'timeline.descriptionChanged': { vi: 'Sửa nội dung', en: 'Description changed' },
  'timeline.indicatorChanged': { vi: 'Sửa chỉ tiêu', en: 'Indicator target changed' },
  'timeline.task.drafted': {
    vi: 'Soạn dự thảo nhiệm vụ giao {unit}, hạn {due}',
    en: 'Drafted for {unit}, due {due}',
  },
  'timeline.task.assigned': { vi: 'Giao cho {unit}, hạn {due}', en: 'Assigned to {unit}, due {due}' },
  'timeline.task.edited': { vi: 'Sửa nhiệm vụ dự thảo', en: 'Draft task edited' },
  'timeline.task.deleted': { vi: 'Xoá khỏi dự thảo kế hoạch', en: 'Deleted from the draft plan' },
  'timeline.task.accepted': {
    vi: 'Đã tiếp nhận; người phụ trách: {name}',
    en: 'Accepted; responsible official: {name}',
  },
  'timeline.task.submitted': { vi: 'Báo cáo hoàn thành, chờ duyệt', en: 'Submitted for review' },
  'timeline.task.completed': { vi: 'Được duyệt hoàn thành', en: 'Accepted as completed' },
  'timeline.task.returned': { vi: 'Bị trả lại', en: 'Returned' },
  'timeline.task.extensionRequested': {
    vi: 'Đề nghị gia hạn từ {from} đến {to}',
    en: 'Extension requested from {from} to {to}',
  },
  'timeline.task.extensionGranted': {
    vi: 'Đồng ý gia hạn: hạn hoàn thành chuyển từ {from} sang {to}',
    en: 'Extension granted: due date moved from {from} to {to}',
  },
  'timeline.task.extensionRefused': { vi: 'Không đồng ý gia hạn', en: 'Extension refused' },
  'timeline.task.reassigned': { vi: 'Chuyển giao từ {from} sang {to}', en: 'Reassigned from {from} to {to}' },
  'timeline.task.reassignedTo': { vi: 'Chuyển giao cho {to}', en: 'Reassigned to {to}' },
  'timeline.task.cancelled': { vi: 'Huỷ nhiệm vụ', en: 'Cancelled' },
  'timeline.task.notCompleted': {
    vi: 'Kế hoạch kết thúc khi nhiệm vụ chưa xong: ghi nhận không hoàn thành',
    en: 'The plan closed before the task was done: recorded as not completed',
  },
  'timeline.task.notCompletedUnchanged': {
    vi: 'Kế hoạch kết thúc; nhiệm vụ đã đóng từ trước nên không thay đổi',
    en: 'The plan closed; the task was already closed and did not change',
  },
  'timeline.task.reminder': {
    vi: 'Nhắc hạn: còn {days} ngày làm việc',
    en: 'Reminder sent: {days} working days left',
  },
  'timeline.task.overdue': {
    vi: 'Quá hạn: đã báo cho đơn vị thực hiện',
    en: 'Overdue: the unit was notified',
  },
  'timeline.task.escalated': {
    vi: 'Báo cáo lên Ban Chỉ đạo: quá hạn {days} ngày làm việc',
    en: 'Escalated to the steering committee: {days} working days late',
  },
  'timeline.plan.created': { vi: 'Tạo dự thảo kế hoạch', en: 'Draft plan created' },
  'timeline.plan.edited': { vi: 'Sửa dự thảo kế hoạch', en: 'Draft plan edited' },
  'timeline.plan.issued': { vi: 'Ban hành kế hoạch', en: 'Plan issued' },
  'timeline.plan.bulkAssigned': {
    vi: 'Giao hàng loạt “{title}” cho {count} đơn vị',
    en: 'Assigned “{title}” to {count} units at once',
  },
  'timeline.plan.reportsRequested': {
    vi: 'Yêu cầu báo cáo kỳ {period}: đã báo cho {people} người',
    en: 'Reports for period {period} requested: {people} people notified',
  },
  'timeline.plan.periodClosed': {
    vi: 'Khoá số liệu kỳ {period}',
    en: 'Period {period} closed and its figures recorded',
  },
  'timeline.plan.scheduleChanged': { vi: 'Đổi lịch các giai đoạn', en: 'Phase dates changed' },
  'timeline.plan.unfinishedTasksClosed': {
    vi: 'Kết thúc kế hoạch: {count} nhiệm vụ của {units} đơn vị ghi nhận không hoàn thành',
    en: 'Plan closed: {count} unfinished tasks of {units} units recorded as not completed',
  },
  'timeline.plan.phase': { vi: 'Giai đoạn: {from} → {to}', en: 'Phase: {from} → {to}' },
  'timeline.plan.phaseEnding': {
    vi: 'Nhắc: giai đoạn {phase} kết thúc ngày {date}',
    en: 'Reminder sent: {phase} ends on {date}',
  },
  'timeline.cadence.QUARTERLY': { vi: 'Báo cáo theo quý', en: 'Reports every quarter' },
  'timeline.cadence.HALF_YEARLY': { vi: 'Báo cáo sáu tháng một lần', en: 'Reports every half year' },
  'timeline.planDate.assessmentOpens': {
    vi: 'Mở tự đánh giá: {from} → {to}',
    en: 'Self-assessment opens: {from} → {to}',
  },
  'timeline.planDate.assessmentCloses': {
    vi: 'Đóng tự đánh giá: {from} → {to}',
    en: 'Self-assessment closes: {from} → {to}',
  },
  'timeline.planDate.appraisalCloses': {
    vi: 'Kết thúc thẩm định: {from} → {to}',
    en: 'Appraisal closes: {from} → {to}',
  },
  'timeline.planDate.closesOn': { vi: 'Kết thúc kế hoạch: {from} → {to}', en: 'Plan closes: {from} → {to}' },
  'timeline.other': { vi: 'Thay đổi ({action})', en: 'Change ({action})' },
  'notFound.unit': { vi: 'Không tìm thấy đơn vị này.', en: 'There is no such unit.' },
  'notFound.plan': { vi: 'Không tìm thấy kế hoạch này.', en: 'There is no such plan.' },
  'notFound.area': { vi: 'Không tìm thấy lĩnh vực cải cách này.', en: 'There is no such reform area.' },
  'notFound.task': { vi: 'Không tìm thấy nhiệm vụ này.', en: 'There is no such task.' },
  'notFound.notification': { vi: 'Không tìm thấy thông báo này.', en: 'There is no such notification.' },
  'password.wrongCurrent': {
    vi: 'Mật khẩu hiện tại không đúng.',
    en: 'The current password is wrong.',
  },
  'password.throttled': {
    vi: 'Nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau 15 phút.',
    en: 'Too many wrong passwords. Try again in 15 minutes.',
  },
  'password.tooShort': {
    vi: 'Mật khẩu mới phải có ít nhất 12 ký tự.',
    en: 'The new password must have at least 12 characters.',
  },
  'password.tooLong': {
    vi: 'Mật khẩu mới chỉ được có tối đa 1024 ký tự.',
    en: 'The new password may have at most 1024 characters.',
  },
  'password.sameAsCurrent': {
    vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    en: 'The new password must differ from the current one.',
  },
  'password.isEmail': {
    vi: 'Mật khẩu mới không được là địa chỉ email (hay phần tên trước @) của bạn.',
    en: 'The new password cannot be your e-mail address (or its name before the @).',
  },
  'plan.wrongStatus': {
    vi: 'Kế hoạch đang ở trạng thái không cho phép thao tác này.',
    en: 'The plan is in a status that does not allow this.',
  },
  'plan.noTasks': {
    vi: 'Kế hoạch cần có ít nhất một nhiệm vụ trước khi ban hành.',
    en: 'A plan needs at least one task before it is issued.',
  },
  'plan.notDraft': {
    vi: 'Kế hoạch đã ban hành nên không sửa hay xoá được nữa; với nhiệm vụ đã giao, hãy dùng chuyển giao hoặc huỷ trên trang nhiệm vụ.',
    en: 'The plan has been issued, so it can no longer be edited or deleted from; for an issued task, use reassign or cancel on its page.',
  },
  'plan.closedToTasks': {
    vi: 'Chỉ thêm được nhiệm vụ vào kế hoạch dự thảo hoặc vừa ban hành, chưa sang giai đoạn đánh giá.',
    en: 'Tasks can be added only to a draft or issued plan, before its assessment begins.',
  },
  'plan.closed': {
    vi: 'Kế hoạch đã kết thúc; không thay đổi được lịch các giai đoạn.',
    en: 'The plan is closed; its phase dates can no longer change.',
  },
  'plan.phaseMoved': {
    vi: 'Kế hoạch đã chuyển sang giai đoạn khác trong lúc bạn xem; hãy tải lại trang và kiểm tra.',
    en: 'The plan has moved to another phase meanwhile; reload the page and check.',
  },
  'plan.noNextPhase': {
    vi: 'Kế hoạch ở giai đoạn này không có giai đoạn tiếp theo để chuyển sang.',
    en: 'A plan in this phase has no next phase to move to.',
  },
  'input.noUnitsOfLevel': {
    vi: 'Không có đơn vị nào thuộc cấp này trực thuộc đơn vị đã chọn; hãy chọn cấp hoặc đơn vị khác.',
    en: 'No unit of this level lies under the chosen unit; choose another level or parent unit.',
  },
  'input.phaseBegun': {
    vi: 'Giai đoạn này đã bắt đầu; ngày bắt đầu của nó không thay đổi được nữa.',
    en: 'This phase has already begun; its start date can no longer change.',
  },
  'input.scheduleInPast': {
    vi: 'Ngày bắt đầu giai đoạn không được ở trong quá khứ.',
    en: 'A phase cannot start in the past.',
  },
  'input.scheduleOrder': {
    vi: 'Các giai đoạn phải nối tiếp nhau: tự đánh giá, thẩm định, công bố, kết thúc; ngày này phải sau ngày của giai đoạn trước.',
    en: 'The phases follow one another (assessment, appraisal, publication, close): this date must come after the one before it.',
  },
  'task.wrongUnit': {
    vi: 'Chỉ đơn vị được giao nhiệm vụ mới thực hiện được thao tác này.',
    en: 'Only the unit the task is assigned to can do this.',
  },
  'task.wrongStatus': {
    vi: 'Nhiệm vụ đang ở trạng thái không cho phép thao tác này.',
    en: 'The task is in a status that does not allow this.',
  },
  'task.extensionPending': {
    vi: 'Đã có một đề nghị gia hạn đang chờ quyết định.',
    en: 'An extension request is already waiting for a decision.',
  },
  'task.noExtensionPending': {
    vi: 'Không có đề nghị gia hạn nào đang chờ quyết định.',
    en: 'No extension request is waiting for a decision.',
  },
  'task.notRunning': {
    vi: 'Nhiệm vụ này đã kết thúc, không nhận thêm báo cáo hay thao tác nào.',
    en: 'This task is closed: it takes no more reports or changes.',
  },
  'unavailable.workflow': {
    vi: 'Hệ thống xử lý quy trình đang tạm thời không phản hồi; thao tác chưa được ghi nhận, vui lòng thử lại.',
    en: 'The workflow service is not answering; nothing was recorded, please try again.',
  },
  'limits.tooExpensive': {
    vi: 'Truy vấn quá lớn: chi phí {cost} vượt mức cho phép {max} mỗi yêu cầu. Hãy yêu cầu ít bản ghi hơn (first/last nhỏ hơn) hoặc ít trường hơn.',
    en: 'This query is too expensive: it costs {cost}, and a request may cost at most {max}. Ask for fewer rows (a smaller first/last) or fewer fields.',
  },
  'limits.pageTooLarge': {
    vi: 'Tham số "{argument}" tối đa là {max} (đã gửi {value}); hãy lấy các trang tiếp theo bằng "after".',
    en: 'The argument "{argument}" may be at most {max} (got {value}); fetch further pages with "after".',
  },
  'limits.badCursor': {
    vi: 'Tham số "{argument}" không phải là vị trí trang hợp lệ; hãy dùng endCursor của trang trước, hoặc bỏ nó đi để bắt đầu từ đầu.',
    en: 'The argument "{argument}" is not a valid page position; use the previous page\'s endCursor, or leave it out to start from the beginning.',
  },
  'limits.tooManyAliases': {
    vi: 'Truy vấn có {found} bí danh (alias); tối đa {max}.',
    en: 'The query has {found} aliases; at most {max} are allowed.',
  },
  'limits.repeatedField': {
    vi: 'Trường "{field}" được chọn {found} lần trong cùng một khối; tối đa {max}.',
    en: 'The field "{field}" is selected {found} times in one selection; at most {max} are allowed.',
  },
  'limits.tooManyUnits': {
    vi: 'Có hơn {max} đơn vị trong phạm vi của bạn; hãy lọc theo cấp (level).',
    en: 'More than {max} units are in your reach; filter them by level.',
  },
  'limits.bodyTooLarge': {
    vi: 'Yêu cầu quá lớn: tối đa {max}.',
    en: 'The request is too large: at most {max} is accepted.',
  },
  'evidence.fileTooLarge': {
    vi: 'Tệp “{name}” lớn hơn {max} MB, dung lượng tối đa của một tệp; hãy nén hoặc chia nhỏ tệp.',
    en: 'The file “{name}” is larger than {max} MB, the most one file may be; compress or split it.',
  },
  'evidence.requestTooLarge': {
    vi: 'Các tệp quá lớn: mỗi tệp tối đa {max} MB và các tệp gửi cùng lúc tối đa {total} MB; hãy gửi bớt tệp mỗi lần.',
    en: 'The files are too large: each may be at most {max} MB, and all files sent at once at most {total} MB; send fewer at a time.',
  },
  'evidence.refusedType': {
    vi: 'Không nhận tệp “{name}”: chỉ nhận PDF, ảnh (JPEG, PNG, WebP, HEIC, GIF), tài liệu Word, Excel, PowerPoint hoặc OpenDocument (ODT, ODS). Loại tệp được xác định theo nội dung, không theo tên.',
    en: 'The file “{name}” was not accepted: only PDF, photos (JPEG, PNG, WebP, HEIC, GIF), Word, Excel, PowerPoint or OpenDocument (ODT, ODS) documents are. The type is read from the content, not the name.',
  },
  'evidence.noFile': { vi: 'Hãy chọn ít nhất một tệp.', en: 'Choose at least one file.' },
  'evidence.tooManyFiles': {
    vi: 'Mỗi lần gửi tối đa {max} tệp.',
    en: 'At most {max} files can be sent at once.',
  },
  'evidence.notMultipart': {
    vi: 'Tệp phải được gửi dưới dạng multipart/form-data.',
    en: 'Files must be sent as multipart/form-data.',
  },
  'evidence.aboutDateFuture': {
    vi: 'Ngày của minh chứng không được ở trong tương lai.',
    en: 'The date the evidence is about cannot be in the future.',
  },
  'evidence.notYours': {
    vi: 'Chỉ đính kèm được các tệp chính bạn đã tải lên cho nhiệm vụ này và chưa gắn vào báo cáo nào; hãy tải tệp lên lại.',
    en: 'Only files you uploaded for this task and not yet attached to a report can be attached; upload the file again.',
  },
  'evidence.tooManyIds': {
    vi: 'Một báo cáo đính kèm tối đa 10 tệp.',
    en: 'A report can have at most 10 files attached.',
  },
  'notFound.evidence': { vi: 'Không tìm thấy tệp minh chứng này.', en: 'There is no such evidence file.' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof messages;

export function isMessageKey(key: string): key is MessageKey {
  return key in messages;
}

export function translate(locale: Locale, key: string): string {
  return isMessageKey(key) ? messages[key][locale] : key;
}

export function localeFrom(header: string | null | undefined, cookie: string | undefined): Locale {
  if (cookie === 'vi' || cookie === 'en') return cookie;
  return header?.toLowerCase().startsWith('en') ? 'en' : 'vi';
}
