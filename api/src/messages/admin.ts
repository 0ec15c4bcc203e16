// API messages of the administration (units and people), in both languages; merged into
// messages.ts's table. Blanks in braces are filled from the error's params.

export const adminMessages = {
  'notFound.user': { vi: 'Không tìm thấy người dùng này.', en: 'There is no such person.' },
  'notFound.roleAssignment': { vi: 'Không tìm thấy vai trò này.', en: 'There is no such role.' },
  'adm.codeTaken': {
    vi: 'Mã đơn vị “{code}” đã được dùng cho một đơn vị khác; hãy chọn mã khác.',
    en: 'The unit code “{code}” is already used by another unit; choose another code.',
  },
  'adm.codeFormat': {
    vi: 'Mã đơn vị gồm chữ cái không dấu, chữ số, dấu gạch ngang hoặc gạch dưới (tối đa 40 ký tự).',
    en: 'A unit code is made of letters without accents, digits, hyphens or underscores (at most 40).',
  },
  'adm.unitMerged': {
    vi: '{name} đã được sáp nhập; hãy chọn đơn vị tiếp nhận thay vào đó.',
    en: '{name} has been merged; choose its successor instead.',
  },
  'adm.moveCycle': {
    vi: 'Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị cấp dưới của nó.',
    en: 'A unit cannot be moved under itself or under one of its own units.',
  },
  'adm.mergeIntoSelf': {
    vi: 'Không thể sáp nhập một đơn vị vào chính nó hoặc vào đơn vị cấp dưới của nó.',
    en: 'A unit cannot be merged into itself or into one of its own units.',
  },
  'adm.mergeHasChildren': {
    vi: '{name} còn đơn vị trực thuộc: hãy chuyển hoặc sáp nhập các đơn vị đó trước.',
    en: '{name} still has units under it: move or merge them first.',
  },
  'adm.mergeBeyondReach': {
    vi: 'Có {count} nhiệm vụ đang mở thuộc kế hoạch do cấp trên ban hành; quản trị viên cấp trên cần thực hiện việc sáp nhập này.',
    en: '{count} open tasks belong to plans issued above your reach; an administrator above must carry out this merger.',
  },
  'adm.mergeRefused': {
    vi: 'Việc sáp nhập bị từ chối: hai đơn vị không còn phù hợp (một đơn vị đã được sáp nhập hoặc đã bị chuyển).',
    en: 'The merger was refused: the two units no longer fit (one was merged or moved meanwhile).',
  },
  'adm.emailTaken': {
    vi: 'Địa chỉ email {email} đã có tài khoản.',
    en: 'There is already an account for {email}.',
  },
  'adm.userBeyondReach': {
    vi: 'Người này còn giữ vai trò ở đơn vị ngoài phạm vi quản trị của bạn; quản trị viên cấp trên cần làm việc này.',
    en: 'This person also holds roles in units outside your administration; an administrator above must do this.',
  },
  'adm.resetSelf': {
    vi: 'Bạn không thể tự đặt lại mật khẩu của mình ở đây; hãy dùng chức năng đổi mật khẩu.',
    en: 'You cannot reset your own password here; use “Change password”.',
  },
  'adm.deactivateSelf': {
    vi: 'Bạn không thể tự khoá tài khoản của chính mình.',
    en: 'You cannot deactivate your own account.',
  },
  'adm.lastAdmin': {
    vi: 'Đây là quản trị viên cuối cùng của tỉnh: hãy giao vai trò quản trị cho người khác trước.',
    en: 'This is the province’s last administrator: give the administrator role to someone else first.',
  },
  'adm.lastRole': {
    vi: 'Đây là vai trò cuối cùng của người này; hãy khoá tài khoản nếu họ không còn làm việc.',
    en: 'This is the person’s last role; deactivate the account if they no longer work here.',
  },
  'adm.roleExists': {
    vi: 'Người này đã có vai trò này ở đơn vị này.',
    en: 'This person already holds this role in this unit.',
  },
  'adm.nameRequired': {
    vi: 'Hãy nhập tên (tối đa 200 ký tự).',
    en: 'Enter a name (at most 200 characters).',
  },
  'adm.reasonRequired': {
    vi: 'Hãy nêu căn cứ sáp nhập, ví dụ số nghị quyết (tối đa 500 ký tự).',
    en: 'Give the basis of the merger, e.g. the resolution’s number (at most 500 characters).',
  },
  'adm.nothingToChange': {
    vi: 'Hãy nhập ít nhất một thay đổi (tên, mã hoặc cấp).',
    en: 'Enter at least one change (name, code or level).',
  },
} as const;
