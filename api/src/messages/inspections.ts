// API messages of one area, in both languages; merged into messages.ts's table.
import type { Locale } from '../messages.ts';

export const inspectionsMessages = {
  'notFound.inspection': { vi: 'Không tìm thấy cuộc kiểm tra này.', en: 'There is no such inspection.' },
  'notFound.checklistTemplate': {
    vi: 'Không tìm thấy mẫu danh mục kiểm tra này.',
    en: 'There is no such checklist template.',
  },
  'notFound.checklistItem': {
    vi: 'Cuộc kiểm tra này không có mục kiểm tra đó: hãy chọn lại từ danh mục.',
    en: 'This inspection has no such checklist item: choose one from its checklist.',
  },
  'inspection.wrongStatus': {
    vi: 'Cuộc kiểm tra đang ở trạng thái không cho phép thao tác này (chưa bắt đầu, đã kết thúc hoặc đã huỷ).',
    en: 'The inspection is in a status that does not allow this (not started yet, closed or cancelled).',
  },
  'inspection.notAnInspector': {
    vi: 'Chỉ những người được phân công kiểm tra cuộc kiểm tra này mới làm được việc này.',
    en: 'Only the inspectors assigned to this inspection can do this.',
  },
  'input.inspectionDayInPast': {
    vi: 'Ngày kiểm tra không được ở trong quá khứ: hãy chọn hôm nay hoặc một ngày sau.',
    en: 'The inspection day cannot be in the past: choose today or a later day.',
  },
  'input.dayInPast': {
    vi: 'Ngày mới phải ở phía trước (sau 8 giờ sáng hôm đó chưa qua).',
    en: 'The new day must still be ahead (its 08:00 start not yet passed).',
  },
  'input.notWorkingDay': {
    vi: 'Ngày này không phải ngày làm việc (cuối tuần hoặc ngày nghỉ lễ): hãy chọn một ngày làm việc.',
    en: 'This day is not a working day (a weekend or a public holiday): choose a working day.',
  },
  'input.dayOutsideWindow': {
    vi: 'Ngày kiểm tra đột xuất phải nằm trong khoảng thời gian đã định.',
    en: 'A surprise inspection’s day must lie inside its window.',
  },
  'input.scheduledOnRequired': {
    vi: 'Hãy chọn ngày kiểm tra.',
    en: 'Choose the inspection day.',
  },
  'input.windowRequired': {
    vi: 'Kiểm tra đột xuất cần ngày bắt đầu và ngày kết thúc của khoảng thời gian.',
    en: 'A surprise inspection needs the first and the last day of its window.',
  },
  'input.windowInPast': {
    vi: 'Khoảng thời gian kiểm tra không được bắt đầu trong quá khứ: hãy chọn từ hôm nay trở đi.',
    en: 'The window cannot start in the past: start it today or later.',
  },
  'input.windowOrder': {
    vi: 'Ngày kết thúc khoảng thời gian không được trước ngày bắt đầu.',
    en: 'The window cannot end before it starts.',
  },
  'input.windowTooLong': {
    vi: 'Khoảng thời gian kiểm tra đột xuất dài tối đa 366 ngày.',
    en: 'A surprise window may span at most 366 days.',
  },
  'input.windowNoWorkingDay': {
    vi: 'Khoảng thời gian phải có ít nhất một ngày làm việc (chưa qua 8 giờ sáng).',
    en: 'The window must hold at least one working day (whose 08:00 start is still ahead).',
  },
  'input.inspectorsRequired': {
    vi: 'Hãy chọn ít nhất một người kiểm tra.',
    en: 'Choose at least one inspector.',
  },
  'input.inspectorRole': {
    vi: 'Mỗi người kiểm tra phải là thanh tra viên hoặc thành viên Ban Chỉ đạo có thẩm quyền với đơn vị được kiểm tra.',
    en: 'Each inspector must be an inspector or a steering committee member whose remit covers the inspected unit.',
  },
  'input.inspectorOfTarget': {
    vi: 'Người kiểm tra không được là người của chính đơn vị được kiểm tra.',
    en: 'An inspector cannot belong to the unit being inspected.',
  },
  'input.leadInspector': {
    vi: 'Trưởng đoàn phải là một trong những người kiểm tra đã chọn.',
    en: 'The lead inspector must be one of the chosen inspectors.',
  },
  'input.checklistEmpty': {
    vi: 'Danh mục kiểm tra cần ít nhất một mục: hãy chọn một mẫu hoặc thêm mục.',
    en: 'The checklist needs at least one item: choose a template or add items.',
  },
  'input.checklistItem': {
    vi: 'Mỗi mục kiểm tra cần có nội dung (tối đa 500 ký tự); danh mục tối đa 200 mục.',
    en: 'Each checklist item needs its text (at most 500 characters); at most 200 items.',
  },
  'input.notPhoto': {
    vi: 'Chỉ đính kèm được ảnh chụp cho mục kiểm tra: có tệp không phải là ảnh.',
    en: 'Only photos can be attached to a checklist item: one of the files is not a photo.',
  },
  'input.evidenceNotForInspection': {
    vi: 'Chỉ đính kèm được các tệp chính bạn tải lên cho cuộc kiểm tra này và chưa đính kèm vào đâu.',
    en: 'Only files you uploaded for this inspection and have not attached yet can be attached.',
  },
  'input.observationNoCorrection': {
    vi: 'Phát hiện mức “ghi nhận” không yêu cầu khắc phục.',
    en: 'An observation never requires correction.',
  },
  'input.findingIdInUse': {
    vi: 'Mã phát hiện này đã được dùng cho một phát hiện khác; hãy tải lại biểu mẫu và gửi lại.',
    en: 'This finding ID is already in use for another finding; reload the form and send it again.',
  },
  'inspection.checklistItemChanged': {
    vi: 'Sau khi bạn mở trang, mục này đã được ghi kết quả khác. Kết quả của bạn chưa được ghi: hãy xem kết quả hiện tại và chọn giữ kết quả nào.',
    en: 'Since you opened the page, this item was given another result. Yours was not recorded: look at the current one and choose which to keep.',
  },
  'inspection.checklistItemChangedBy': {
    vi: 'Sau khi bạn mở trang, {name} đã ghi mục này là “{result}”{note} lúc {at}. Kết quả của bạn chưa được ghi: hãy chọn giữ kết quả nào.',
    en: 'Since you opened the page, {name} recorded “{result}”{note} on this item at {at}. Yours was not recorded: choose which to keep.',
  },
  'inspection.checklistItemChangedNote': {
    vi: ' với ghi chú “{note}”',
    en: ' with the note “{note}”',
  },
  'input.month': {
    vi: 'Nhập tháng theo dạng NNNN-TT (ví dụ 2027-03).',
    en: 'Enter the month as YYYY-MM (e.g. 2027-03).',
  },
  'input.summaryRequired': {
    vi: 'Hãy ghi kết luận của cuộc kiểm tra (tối đa 5000 ký tự) trước khi kết thúc.',
    en: 'Write the inspection’s conclusion (at most 5000 characters) before closing it.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
