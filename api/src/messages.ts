// Error messages the API returns to people, in both languages of the app. Keys are stable
// codes; clients may also translate by key.
export type Locale = 'vi' | 'en';

const messages = {
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
  'input.requestIdInUse': {
    vi: 'Mã yêu cầu này đã được dùng; vui lòng gửi lại biểu mẫu.',
    en: 'This request ID is already in use; send the form again.',
  },
  'notFound.unit': { vi: 'Không tìm thấy đơn vị này.', en: 'There is no such unit.' },
  'notFound.plan': { vi: 'Không tìm thấy kế hoạch này.', en: 'There is no such plan.' },
  'notFound.area': { vi: 'Không tìm thấy lĩnh vực cải cách này.', en: 'There is no such reform area.' },
  'notFound.task': { vi: 'Không tìm thấy nhiệm vụ này.', en: 'There is no such task.' },
  'plan.wrongStatus': {
    vi: 'Kế hoạch đang ở trạng thái không cho phép thao tác này.',
    en: 'The plan is in a status that does not allow this.',
  },
  'plan.noTasks': {
    vi: 'Kế hoạch cần có ít nhất một nhiệm vụ trước khi ban hành.',
    en: 'A plan needs at least one task before it is issued.',
  },
  'task.wrongUnit': {
    vi: 'Chỉ đơn vị được giao nhiệm vụ mới thực hiện được thao tác này.',
    en: 'Only the unit the task is assigned to can do this.',
  },
  'task.wrongStatus': {
    vi: 'Nhiệm vụ đang ở trạng thái không cho phép thao tác này.',
    en: 'The task is in a status that does not allow this.',
  },
  'task.notRunning': {
    vi: 'Nhiệm vụ này đã kết thúc, không nhận thêm báo cáo hay thao tác nào.',
    en: 'This task is closed: it takes no more reports or changes.',
  },
  'unavailable.workflow': {
    vi: 'Hệ thống xử lý quy trình đang tạm thời không phản hồi; thao tác chưa được ghi nhận, vui lòng thử lại.',
    en: 'The workflow service is not answering; nothing was recorded, please try again.',
  },
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
