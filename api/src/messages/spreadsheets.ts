// API messages of spreadsheet import and export, in both languages; merged into messages.ts's table.
import type { Locale } from '../messages.ts';

export const spreadsheetMessages = {
  'xl.format': {
    vi: 'Định dạng tệp không hỗ trợ; hãy chọn XLSX hoặc CSV.',
    en: 'Unsupported file format; choose XLSX or CSV.',
  },
  'xl.kind': {
    vi: 'Loại dữ liệu nhập không hợp lệ; hãy chọn đơn vị, người dùng hoặc giao nhiệm vụ.',
    en: 'Unknown kind of import; choose units, users or task assignments.',
  },
  'xl.file.missing': { vi: 'Hãy chọn một tệp XLSX hoặc CSV.', en: 'Choose an XLSX or CSV file.' },
  'xl.file.tooLarge': {
    vi: 'Tệp quá lớn; một lần nhập tối đa 10 MB.',
    en: 'The file is too large; an import takes at most 10 MB.',
  },
  'xl.file.unreadable': {
    vi: 'Không đọc được tệp; hãy lưu lại dưới dạng XLSX hoặc CSV (UTF-8) rồi thử lại.',
    en: 'The file could not be read; save it as XLSX or CSV (UTF-8) and try again.',
  },
  'xl.file.empty': {
    vi: 'Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.',
    en: 'The file has no data rows below the header row.',
  },
  'xl.file.tooManyRows': {
    vi: 'Tệp có quá nhiều dòng; một lần nhập tối đa 10.000 dòng.',
    en: 'The file has too many rows; an import takes at most 10,000 rows.',
  },
  'xl.header.missing': {
    vi: 'Thiếu cột bắt buộc ở dòng tiêu đề (dòng 1); hãy dùng tệp mẫu.',
    en: 'A required column is missing from the header row (row 1); use the template.',
  },
  'xl.header.duplicate': {
    vi: 'Cột này xuất hiện hai lần ở dòng tiêu đề.',
    en: 'This column appears twice in the header row.',
  },
  'xl.row.required': { vi: 'Thiếu giá trị bắt buộc.', en: 'A required value is missing.' },
  'xl.row.tooLong': { vi: 'Nội dung quá dài.', en: 'The value is too long.' },
  'xl.row.unknownUnit': {
    vi: 'Không có đơn vị nào mang mã này.',
    en: 'No unit has this code.',
  },
  'xl.row.unitOutOfScope': {
    vi: 'Đơn vị này nằm ngoài phạm vi bạn được quản lý.',
    en: 'This unit is outside the units you may manage.',
  },
  'xl.row.unitMerged': {
    vi: 'Đơn vị này đã được sáp nhập; hãy dùng mã của đơn vị tiếp nhận.',
    en: 'This unit was merged; use its successor’s code.',
  },
  'xl.row.unitCodeTaken': {
    vi: 'Mã đơn vị này đã có trong hệ thống.',
    en: 'A unit with this code already exists.',
  },
  'xl.row.duplicateUnitCode': {
    vi: 'Mã đơn vị này trùng với một dòng khác trong tệp.',
    en: 'This unit code repeats another row of the file.',
  },
  'xl.row.parentAfter': {
    vi: 'Đơn vị cấp trên phải có sẵn hoặc nằm ở dòng phía trên.',
    en: 'The parent unit must exist already or come on an earlier row.',
  },
  'xl.row.level': {
    vi: 'Cấp đơn vị không hợp lệ (TINH, SO, HUYEN, XA, PHUONG, THI_TRAN, CO_QUAN…).',
    en: 'Unknown unit level.',
  },
  'xl.row.email': { vi: 'Địa chỉ email không hợp lệ.', en: 'This is not a valid e-mail address.' },
  'xl.row.duplicateEmail': {
    vi: 'Email này trùng với một dòng khác trong tệp.',
    en: 'This e-mail repeats another row of the file.',
  },
  'xl.row.emailTaken': {
    vi: 'Đã có người dùng với email này.',
    en: 'A user with this e-mail already exists.',
  },
  'xl.row.role': {
    vi: 'Vai trò không hợp lệ; dùng ADMIN, STEERING, UNIT_HEAD, UNIT_STAFF hoặc INSPECTOR.',
    en: 'Unknown role; use ADMIN, STEERING, UNIT_HEAD, UNIT_STAFF or INSPECTOR.',
  },
  'xl.row.locale': { vi: 'Ngôn ngữ phải là vi hoặc en.', en: 'The language must be vi or en.' },
  'xl.row.sameUserDiffers': {
    vi: 'Cùng một email nhưng họ tên hoặc ngôn ngữ khác dòng trước.',
    en: 'Same e-mail as an earlier row but a different name or language.',
  },
  'xl.row.date': {
    vi: 'Ngày không hợp lệ; nhập dạng ngày/tháng/năm (ví dụ 31/12/2026).',
    en: 'Not a valid date; type it as day/month/year (e.g. 31/12/2026) or YYYY-MM-DD.',
  },
  'xl.row.dateInPast': { vi: 'Ngày này đã qua.', en: 'This date is in the past.' },
  'xl.row.dateOutsidePlan': {
    vi: 'Hạn hoàn thành phải nằm trong năm của kế hoạch.',
    en: 'The due date must lie in the plan’s year.',
  },
  'xl.row.unknownPlan': {
    vi: 'Không tìm thấy kế hoạch này, hoặc bạn không được giao nhiệm vụ trong kế hoạch này.',
    en: 'No such plan, or you may not assign tasks in it.',
  },
  'xl.row.planClosed': {
    vi: 'Kế hoạch này không còn nhận nhiệm vụ mới.',
    en: 'This plan no longer takes new tasks.',
  },
  'xl.row.area': {
    vi: 'Lĩnh vực không hợp lệ; dùng mã lĩnh vực (ví dụ INSTITUTIONS) hoặc tên trong tệp mẫu.',
    en: 'Unknown reform area; use its code (e.g. INSTITUTIONS) or its name from the template.',
  },
  'xl.row.weight': {
    vi: 'Trọng số phải là số nguyên từ 1 đến 10.',
    en: 'The weight must be a whole number from 1 to 10.',
  },
  'xl.row.duplicateTask': {
    vi: 'Nhiệm vụ này (cùng kế hoạch, đơn vị và tên) đã có ở dòng khác hoặc trong kế hoạch.',
    en: 'This task (same plan, unit and title) is already on another row or in the plan.',
  },
  'xl.plan.notDraft': {
    vi: 'Chỉ nhập nhiệm vụ vào kế hoạch đang soạn thảo; kế hoạch đã ban hành nhận nhiệm vụ qua chức năng giao hàng loạt.',
    en: 'Tasks are imported into a draft plan only; an issued plan takes new tasks through bulk assignment.',
  },
  'xl.batch.notFound': {
    vi: 'Không tìm thấy lần nhập này.',
    en: 'There is no such import.',
  },
  'xl.batch.hasProblems': {
    vi: 'Tệp còn lỗi nên chưa thể nhập; hãy sửa các dòng được nêu rồi tải lên lại.',
    en: 'The file still has problems, so it cannot be imported; fix the rows listed and upload it again.',
  },
  'xl.batch.discarded': {
    vi: 'Lần nhập này đã bị huỷ; hãy tải tệp lên lại.',
    en: 'This import was discarded; upload the file again.',
  },
  'xl.batch.applied': {
    vi: 'Lần nhập này đã được thực hiện rồi.',
    en: 'This import was already applied.',
  },
  'xl.batch.stale': {
    vi: 'Dữ liệu đã thay đổi kể từ lần kiểm tra; hãy tải tệp lên lại để kiểm tra lại.',
    en: 'The data changed since the check; upload the file again to check it afresh.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
