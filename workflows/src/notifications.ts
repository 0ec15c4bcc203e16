// What each notification says, in Vietnamese and English. A notification row stores only its
// kind and params; the web app and the e-mail outbox render the text in the reader's language.
// Pure data: imported by activities, the API and the web app.

export type NotificationLocale = 'vi' | 'en';

interface Template {
  subject: string;
  body: string;
}

const catalogue = {
  'task.assigned': {
    vi: { subject: 'Nhiệm vụ mới: {title}', body: 'Đơn vị được giao nhiệm vụ "{title}", hạn {dueDate}.' },
    en: { subject: 'New task: {title}', body: 'Your unit has been assigned "{title}", due {dueDate}.' },
  },
  'task.reminder': {
    vi: {
      subject: 'Nhắc hạn: {title}',
      body: 'Nhiệm vụ "{title}" đến hạn ngày {dueDate} (còn {workingDays} ngày làm việc).',
    },
    en: {
      subject: 'Due soon: {title}',
      body: 'The task "{title}" is due on {dueDate} ({workingDays} working days left).',
    },
  },
  'task.overdue': {
    vi: { subject: 'Quá hạn: {title}', body: 'Nhiệm vụ "{title}" đã quá hạn từ ngày {dueDate}.' },
    en: { subject: 'Overdue: {title}', body: 'The task "{title}" has been overdue since {dueDate}.' },
  },
  'task.escalated': {
    vi: {
      subject: 'Chậm thực hiện: {title} ({unit})',
      body: '{unit} chưa hoàn thành nhiệm vụ "{title}", quá hạn {workingDays} ngày làm việc (hạn {dueDate}).',
    },
    en: {
      subject: 'Late: {title} ({unit})',
      body: '{unit} has not finished "{title}": {workingDays} working days past its due date ({dueDate}).',
    },
  },
  'task.accepted': {
    vi: { subject: 'Đã tiếp nhận: {title}', body: '{unit} đã tiếp nhận nhiệm vụ "{title}".' },
    en: { subject: 'Accepted: {title}', body: '{unit} has accepted the task "{title}".' },
  },
  'task.submitted': {
    vi: {
      subject: 'Báo cáo hoàn thành: {title}',
      body: '{unit} đã gửi báo cáo hoàn thành nhiệm vụ "{title}", chờ xem xét.',
    },
    en: {
      subject: 'Completion report: {title}',
      body: '{unit} has reported "{title}" as done; it awaits your review.',
    },
  },
  'task.completed': {
    vi: { subject: 'Hoàn thành: {title}', body: 'Nhiệm vụ "{title}" đã được xác nhận hoàn thành.' },
    en: { subject: 'Completed: {title}', body: 'The task "{title}" has been accepted as completed.' },
  },
  'task.returned': {
    vi: { subject: 'Trả lại: {title}', body: 'Báo cáo nhiệm vụ "{title}" bị trả lại: {reason}' },
    en: { subject: 'Returned: {title}', body: 'The report on "{title}" was returned: {reason}' },
  },
  'task.extensionRequested': {
    vi: {
      subject: 'Xin gia hạn: {title}',
      body: '{unit} xin gia hạn nhiệm vụ "{title}" đến ngày {requestedDueDate}: {reason}',
    },
    en: {
      subject: 'Extension requested: {title}',
      body: '{unit} asks to move "{title}" to {requestedDueDate}: {reason}',
    },
  },
  'task.extensionDecided': {
    vi: { subject: 'Kết quả xin gia hạn: {title}', body: 'Đề nghị gia hạn nhiệm vụ "{title}": {decision}.' },
    en: { subject: 'Extension decision: {title}', body: 'The extension request for "{title}": {decision}.' },
  },
  'task.reassigned': {
    vi: { subject: 'Chuyển giao nhiệm vụ: {title}', body: 'Nhiệm vụ "{title}" được chuyển cho {unit}.' },
    en: { subject: 'Task reassigned: {title}', body: 'The task "{title}" has been moved to {unit}.' },
  },
  'task.cancelled': {
    vi: { subject: 'Huỷ nhiệm vụ: {title}', body: 'Nhiệm vụ "{title}" đã bị huỷ: {reason}' },
    en: { subject: 'Task cancelled: {title}', body: 'The task "{title}" was cancelled: {reason}' },
  },
  'plan.issued': {
    vi: { subject: 'Ban hành kế hoạch: {title}', body: 'Kế hoạch "{title}" đã được ban hành.' },
    en: { subject: 'Plan issued: {title}', body: 'The plan "{title}" has been issued.' },
  },
  'plan.reportDue': {
    vi: {
      subject: 'Báo cáo kỳ {period}: {title}',
      body: 'Đề nghị báo cáo tiến độ các nhiệm vụ của kế hoạch "{title}" trước ngày {closesOn}.',
    },
    en: {
      subject: 'Period {period} report: {title}',
      body: 'Please report progress on your tasks of "{title}" before {closesOn}.',
    },
  },
  'plan.phaseEnding': {
    vi: {
      subject: 'Sắp hết hạn giai đoạn {phase}: {title}',
      body: 'Giai đoạn {phase} của kế hoạch "{title}" kết thúc ngày {endsOn}; đề nghị hoàn thành trước thời hạn.',
    },
    en: {
      subject: '{Phase} closes soon: {title}',
      body: 'The {phase} phase of "{title}" ends on {endsOn}; please finish before then.',
    },
  },
  'plan.phaseChanged': {
    vi: {
      subject: 'Kế hoạch {title}: {Phase}',
      body: 'Kế hoạch "{title}" chuyển sang giai đoạn mới: {Phase}.',
    },
    en: { subject: 'Plan {title}: {Phase}', body: 'The plan "{title}" has moved to a new phase: {Phase}.' },
  },
  'plan.tasksNotCompleted': {
    vi: {
      subject: 'Kế hoạch đã kết thúc: {title}',
      body: 'Kế hoạch "{title}" đã kết thúc; {count} nhiệm vụ của {unit} chưa hoàn thành được ghi nhận là không hoàn thành, với tiến độ đã đạt.',
    },
    en: {
      subject: 'Plan closed: {title}',
      body: 'The plan "{title}" has closed; {count} unfinished tasks of {unit} are recorded as not completed, at the progress they had reached.',
    },
  },
  'plan.closedUnfinished': {
    vi: {
      subject: 'Kế hoạch đã kết thúc: {title}',
      body: 'Kế hoạch "{title}" đã kết thúc với {count} nhiệm vụ không hoàn thành tại {units} đơn vị; các nhiệm vụ này thôi nhắc hạn.',
    },
    en: {
      subject: 'Plan closed: {title}',
      body: 'The plan "{title}" has closed with {count} tasks not completed in {units} units; they are no longer escalated.',
    },
  },
  'inspection.scheduled': {
    vi: { subject: 'Lịch kiểm tra: {title}', body: 'Đơn vị sẽ được kiểm tra "{title}" vào ngày {date}.' },
    en: {
      subject: 'Inspection scheduled: {title}',
      body: 'Your unit will be inspected ("{title}") on {date}.',
    },
  },
  'inspection.started': {
    vi: { subject: 'Bắt đầu kiểm tra: {title}', body: 'Đoàn kiểm tra "{title}" bắt đầu làm việc.' },
    en: { subject: 'Inspection started: {title}', body: 'The inspection "{title}" has started.' },
  },
  'inspection.closed': {
    vi: {
      subject: 'Kết thúc kiểm tra: {title}',
      body: 'Kiểm tra "{title}" đã kết thúc với {findings} phát hiện, {corrections} cần khắc phục.',
    },
    en: {
      subject: 'Inspection closed: {title}',
      body: 'The inspection "{title}" closed with {findings} findings, {corrections} to correct.',
    },
  },
  'inspection.assigned': {
    vi: {
      subject: 'Phân công kiểm tra: {title}',
      body: 'Bạn là thành viên đoàn kiểm tra "{title}" tại {unit}, ngày {date}.',
    },
    en: {
      subject: 'Inspection assignment: {title}',
      body: 'You are on the team inspecting {unit} ("{title}") on {date}.',
    },
  },
  'inspection.cancelled': {
    vi: { subject: 'Huỷ kiểm tra: {title}', body: 'Cuộc kiểm tra "{title}" đã bị huỷ: {reason}' },
    en: {
      subject: 'Inspection cancelled: {title}',
      body: 'The inspection "{title}" was cancelled: {reason}',
    },
  },
  'corrective.opened': {
    vi: { subject: 'Yêu cầu khắc phục: {title}', body: 'Đề nghị khắc phục "{title}" trước ngày {dueDate}.' },
    en: { subject: 'Correction required: {title}', body: 'Please correct "{title}" by {dueDate}.' },
  },
  'corrective.reminder': {
    vi: { subject: 'Nhắc hạn khắc phục: {title}', body: 'Hạn khắc phục "{title}" là ngày {dueDate}.' },
    en: { subject: 'Correction due soon: {title}', body: 'The correction of "{title}" is due on {dueDate}.' },
  },
  'corrective.overdue': {
    vi: { subject: 'Quá hạn khắc phục: {title}', body: 'Việc khắc phục "{title}" đã quá hạn ({dueDate}).' },
    en: {
      subject: 'Correction overdue: {title}',
      body: 'The correction of "{title}" is overdue ({dueDate}).',
    },
  },
  'corrective.escalated': {
    vi: {
      subject: 'Chậm khắc phục: {title} ({unit})',
      body: '{unit} chưa khắc phục "{title}", quá hạn {workingDays} ngày làm việc.',
    },
    en: {
      subject: 'Late correction: {title} ({unit})',
      body: '{unit} has not corrected "{title}": {workingDays} working days late.',
    },
  },
  'corrective.submitted': {
    vi: {
      subject: 'Báo cáo khắc phục: {title}',
      body: '{unit} đã báo cáo khắc phục "{title}", chờ xác minh.',
    },
    en: {
      subject: 'Correction reported: {title}',
      body: '{unit} reports "{title}" corrected; it awaits verification.',
    },
  },
  'corrective.verified': {
    vi: { subject: 'Đã xác minh khắc phục: {title}', body: 'Việc khắc phục "{title}" đã được xác minh.' },
    en: { subject: 'Correction verified: {title}', body: 'The correction of "{title}" has been verified.' },
  },
  'corrective.rejected': {
    vi: {
      subject: 'Chưa đạt, khắc phục lại: {title}',
      body: 'Việc khắc phục "{title}" chưa đạt: {reason}. Hạn mới {dueDate} (lần {round}).',
    },
    en: {
      subject: 'Correction rejected: {title}',
      body: 'The correction of "{title}" was not accepted: {reason}. New due date {dueDate} (round {round}).',
    },
  },
  'corrective.extensionRequested': {
    vi: {
      subject: 'Xin gia hạn khắc phục: {title}',
      body: '{unit} xin gia hạn khắc phục "{title}" đến ngày {requestedDueDate}: {reason}',
    },
    en: {
      subject: 'Correction extension requested: {title}',
      body: '{unit} asks to move the correction of "{title}" to {requestedDueDate}: {reason}',
    },
  },
  'corrective.extensionDecided': {
    vi: {
      subject: 'Kết quả xin gia hạn khắc phục: {title}',
      body: 'Đề nghị gia hạn khắc phục "{title}": {decision}.',
    },
    en: {
      subject: 'Correction extension decision: {title}',
      body: 'The extension request for the correction of "{title}": {decision}.',
    },
  },
  'corrective.reassigned': {
    vi: {
      subject: 'Chuyển giao khắc phục: {title}',
      body: 'Việc khắc phục "{title}" được chuyển cho {unit}, hạn {dueDate}.',
    },
    en: {
      subject: 'Correction reassigned: {title}',
      body: 'The correction of "{title}" has been moved to {unit}, due {dueDate}.',
    },
  },
  'corrective.cancelled': {
    vi: {
      subject: 'Huỷ yêu cầu khắc phục: {title}',
      body: 'Yêu cầu khắc phục "{title}" đã bị huỷ: {reason}',
    },
    en: {
      subject: 'Correction cancelled: {title}',
      body: 'The correction of "{title}" is no longer required: {reason}',
    },
  },
} satisfies Record<string, Record<NotificationLocale, Template>>;

export type NotificationKind = keyof typeof catalogue;
export type NotificationParams = Record<string, string | number>;

/**
 * Words for the stored codes, as they read inside a sentence (a template that writes a name
 * capitalised, `{Phase}`, gets the word with a capital letter, as the pages label it): plan
 * phases under `phase`, task statuses under `status`; the same words as the web app's and the
 * API's labels (planStatus.* / status.* in web/messages, api/src/messages.ts).
 */
const words: Record<'phase' | 'status', Record<NotificationLocale, Record<string, string>>> = {
  phase: {
    vi: {
      DRAFT: 'dự thảo',
      ISSUED: 'đã ban hành',
      ASSESSMENT: 'tự đánh giá',
      APPRAISAL: 'thẩm định',
      PUBLISHED: 'đã công bố',
      CLOSED: 'đã kết thúc',
    },
    en: {
      DRAFT: 'draft',
      ISSUED: 'issued',
      ASSESSMENT: 'self-assessment',
      APPRAISAL: 'appraisal',
      PUBLISHED: 'published',
      CLOSED: 'closed',
    },
  },
  status: {
    vi: {
      ASSIGNED: 'đã giao',
      ACCEPTED: 'đã tiếp nhận',
      IN_PROGRESS: 'đang thực hiện',
      SUBMITTED: 'đã báo cáo hoàn thành',
      RETURNED: 'bị trả lại',
      COMPLETED: 'hoàn thành',
      CANCELLED: 'đã huỷ',
      NOT_COMPLETED: 'không hoàn thành',
    },
    en: {
      ASSIGNED: 'assigned',
      ACCEPTED: 'accepted',
      IN_PROGRESS: 'in progress',
      SUBMITTED: 'submitted',
      RETURNED: 'returned',
      COMPLETED: 'completed',
      CANCELLED: 'cancelled',
      NOT_COMPLETED: 'not completed',
    },
  },
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// 30/06/2027 in both languages (British English), as the web app's pages write dates
// (web/src/lib/format.ts), so a notification and the page it links to agree.
const dateOptions: Intl.DateTimeFormatOptions = {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Asia/Ho_Chi_Minh',
};
const dateFormats: Record<NotificationLocale, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', dateOptions),
  en: new Intl.DateTimeFormat('en-GB', dateOptions),
};

/** A calendar date (YYYY-MM-DD, a day in Vietnam) as people write it in `locale`. */
export function formatNotificationDate(iso: string, locale: NotificationLocale): string {
  // Noon in Vietnam lies inside that day whatever the formatter's zone rules do.
  const at = new Date(`${iso}T12:00:00+07:00`);
  return Number.isNaN(at.getTime()) ? iso : dateFormats[locale].format(at);
}

/** The extension decision: stored as the new due date (granted) or the refusal's note. */
const decisionText = (value: string, locale: NotificationLocale): string => {
  if (ISO_DATE.test(value)) {
    const date = formatNotificationDate(value, locale);
    return locale === 'en' ? `granted, new due date ${date}` : `được chấp thuận, hạn mới ${date}`;
  }
  const note = value.trim() === '—' ? '' : value.trim();
  const refused = locale === 'en' ? 'refused' : 'không được chấp thuận';
  return note ? `${refused}: ${note}` : refused;
};

/** One param as a person reads it: dates, phases and statuses in words, the rest as stored. */
function readable(name: string, value: string | number, locale: NotificationLocale): string {
  const text = String(value);
  if (name === 'decision') return decisionText(text, locale);
  if (name === 'phase' || name === 'status') return words[name][locale][text] ?? text;
  if (ISO_DATE.test(text)) return formatNotificationDate(text, locale);
  return text;
}

const capitalised = (text: string): string => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);

const fill = (text: string, params: NotificationParams, locale: NotificationLocale): string =>
  text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const key = name.charAt(0).toLowerCase() + name.slice(1);
    const value = params[key];
    if (value === undefined) return placeholder;
    const word = readable(key, value, locale);
    return name === key ? word : capitalised(word);
  });

/**
 * The subject and body of a notification in `locale` (Vietnamese for unknown locales), with
 * dates written 30/06/2027 and phases and statuses in words; the stored params keep the codes
 * and ISO dates.
 */
export function renderNotification(
  kind: NotificationKind,
  params: NotificationParams,
  locale: string,
): { subject: string; body: string } {
  const language: NotificationLocale = locale === 'en' ? 'en' : 'vi';
  const template = catalogue[kind][language];
  return {
    subject: fill(template.subject, params, language),
    body: fill(template.body, params, language),
  };
}

export const notificationKinds = Object.keys(catalogue) as NotificationKind[];
