// API messages of the dashboards and the unit page, in both languages; merged into messages.ts's table.
export const dashboardMessages = {
  'dashboard.quarter': { vi: 'Quý {n}', en: 'Q{n}' },
  'dashboard.half.1': { vi: '6 tháng đầu năm', en: 'H1' },
  'dashboard.half.2': { vi: '6 tháng cuối năm', en: 'H2' },
  'dashboard.role.ADMIN': { vi: 'Quản trị viên', en: 'Administrator' },
  'dashboard.role.STEERING': { vi: 'Ban chỉ đạo', en: 'Steering committee' },
  'dashboard.role.INSPECTOR': { vi: 'Thanh tra', en: 'Inspector' },
  'dashboard.role.UNIT_HEAD': { vi: 'Trưởng đơn vị', en: 'Unit head' },
  'dashboard.role.UNIT_STAFF': { vi: 'Cán bộ', en: 'Staff member' },
  'dashboard.noSuchFigure': {
    vi: 'Bảng điều khiển không có số liệu này để tải về.',
    en: 'The dashboard has no such figure to download.',
  },
} as const;
