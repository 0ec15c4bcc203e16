// API messages of the holiday calendar and criteria-set administration, in both languages;
// merged into messages.ts's table.
import type { Locale } from '../messages.ts';

export const adminCalendarMessages = {
  'hol.notCalendarAdmin': {
    vi: 'Chỉ quản trị viên của đơn vị cấp cao nhất (cấp tỉnh) mới được sửa lịch ngày nghỉ và bộ tiêu chí, vì chúng áp dụng cho mọi đơn vị.',
    en: 'Only an administrator of the top-level (province) unit may change the holiday calendar and the criteria sets: they apply to every unit.',
  },
  'hol.year': {
    vi: 'Năm phải từ 2000 đến 2100.',
    en: 'The year must be from 2000 to 2100.',
  },
  'hol.name': {
    vi: 'Nhập tên ngày nghỉ (tối đa 200 ký tự).',
    en: 'Enter the name of the day (at most 200 characters).',
  },
  'hol.dateTaken': {
    vi: 'Ngày này đã có trong lịch. Hãy xoá mục cũ trước nếu muốn đổi.',
    en: 'This date is already in the calendar. Remove the existing entry first to change it.',
  },
  'hol.notFuture': {
    vi: 'Chỉ thêm hoặc xoá được ngày từ ngày mai trở đi: những ngày đã qua là căn cứ tính hạn của công việc cũ.',
    en: 'Only days from tomorrow on can be added or removed: past days are what earlier deadlines were counted by.',
  },
  'hol.holidayOnWeekend': {
    vi: 'Thứ Bảy và Chủ nhật vốn là ngày nghỉ. Nếu ngày lễ trùng cuối tuần, hãy thêm ngày nghỉ bù (ngày làm việc kế tiếp).',
    en: 'Saturdays and Sundays are days off already. For a holiday that falls on a weekend, add the day it is made up on (the next working day).',
  },
  'hol.workingDayOnWeekday': {
    vi: 'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật (từ thứ Hai đến thứ Sáu vốn là ngày làm việc).',
    en: 'A swapped working day must be a Saturday or a Sunday (Monday to Friday are working days already).',
  },
  'notFound.holiday': {
    vi: 'Không tìm thấy ngày này trong lịch.',
    en: 'There is no such day in the calendar.',
  },
  'crit.notFound': {
    vi: 'Không tìm thấy bộ tiêu chí hoặc tiêu chí này.',
    en: 'There is no such criteria set or criterion.',
  },
  'crit.published': {
    vi: 'Bộ tiêu chí đã công bố nên không sửa được. Hãy sao chép sang năm sau rồi sửa bản sao.',
    en: 'This criteria set is published and can no longer be edited. Copy it to the next year and edit the copy.',
  },
  'crit.yearTaken': {
    vi: 'Năm này đã có bộ tiêu chí cho cấp đơn vị này.',
    en: 'That year already has a criteria set for this level of units.',
  },
  'crit.points': {
    vi: 'Điểm tối đa phải là số từ 0 đến 1000, tối đa hai chữ số thập phân.',
    en: 'Maximum points must be a number from 0 to 1000, with at most two decimals.',
  },
  'crit.overParent': {
    vi: 'Tổng điểm tối đa của các tiêu chí con vượt quá điểm tối đa của tiêu chí cha.',
    en: 'The sub-criteria’s maximum points add up to more than their parent’s maximum.',
  },
  'crit.overSet': {
    vi: 'Tổng điểm tối đa của các tiêu chí vượt quá điểm tối đa của bộ tiêu chí.',
    en: 'The criteria’s maximum points add up to more than the set’s maximum.',
  },
  'crit.name': {
    vi: 'Nhập tên tiêu chí bằng tiếng Việt và tiếng Anh (tối đa 500 ký tự).',
    en: 'Enter the criterion’s name in Vietnamese and in English (at most 500 characters).',
  },
  'crit.code': {
    vi: 'Mã tiêu chí gồm chữ, số, dấu chấm hoặc gạch ngang (tối đa 20 ký tự) và không trùng trong bộ.',
    en: 'The criterion code is letters, digits, dots or dashes (at most 20) and unique in the set.',
  },
  'crit.depth': {
    vi: 'Tiêu chí con không thể có tiêu chí con nữa.',
    en: 'A sub-criterion cannot have sub-criteria of its own.',
  },
  'crit.hasChildren': {
    vi: 'Tiêu chí còn tiêu chí con: hãy xoá các tiêu chí con trước.',
    en: 'This criterion has sub-criteria: remove them first.',
  },
  'crit.inUse': {
    vi: 'Tiêu chí đang được dùng (nhiệm vụ, phát hiện kiểm tra hoặc điểm đánh giá) nên không xoá được.',
    en: 'This criterion is in use (by tasks, inspection findings or scores) and cannot be removed.',
  },
  'crit.empty': {
    vi: 'Bộ tiêu chí chưa có tiêu chí nào nên chưa công bố được.',
    en: 'The criteria set has no criteria yet, so it cannot be published.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
