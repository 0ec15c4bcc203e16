// Every text of the inspection minutes (biên bản kiểm tra), in both languages of the app. The
// Vietnamese heading follows the national form of administrative documents (Decree 30/2020/ND-CP):
// the country's name and motto, then the document's kind in capitals.
import type { Locale } from '../messages.ts';
import type {
  MinutesCorrectiveStatus,
  MinutesKind,
  MinutesResult,
  MinutesSeverity,
  MinutesStatus,
} from './data.ts';

export interface MinutesTexts {
  country: string;
  motto: string;
  documentTitle: string;
  /** The file name's stem of a download: no extension. */
  fileName: string;
  /** Running header of the pages after the first. */
  runningHeader: string;
  page: (page: number, pages: number) => string;

  generalHeading: string;
  titleLabel: string;
  kindLabel: string;
  targetLabel: string;
  dateLabel: string;
  windowLabel: string;
  startedLabel: string;
  closedLabel: string;
  statusLabel: string;
  inspectorsLabel: string;
  lead: string;
  notFixed: string;

  checklistHeading: string;
  noChecklist: string;
  number: string;
  itemColumn: string;
  resultColumn: string;
  noteColumn: string;

  findingsHeading: string;
  noFindings: string;
  severityColumn: string;
  descriptionColumn: string;
  fromItemColumn: string;
  correctionColumn: string;
  yes: string;
  no: string;
  recordedBy: (name: string) => string;

  correctiveHeading: string;
  noCorrective: string;
  findingColumn: string;
  responsibleColumn: string;
  dueColumn: string;
  correctiveStatusColumn: string;

  conclusionHeading: string;
  noSummary: string;
  notClosed: string;
  cancelReasonLabel: string;

  signatureTarget: string;
  signatureLead: string;
  signHint: string;

  notFound: string;
  kinds: Record<MinutesKind, string>;
  statuses: Record<MinutesStatus, string>;
  results: Record<MinutesResult | 'NONE', string>;
  severities: Record<MinutesSeverity, string>;
  correctiveStatuses: Record<MinutesCorrectiveStatus, string>;
}

const vi: MinutesTexts = {
  country: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  documentTitle: 'BIÊN BẢN KIỂM TRA',
  fileName: 'Biên bản kiểm tra',
  runningHeader: 'Biên bản kiểm tra',
  page: (page, pages) => `Trang ${page}/${pages}`,

  generalHeading: 'I. THÔNG TIN CHUNG',
  titleLabel: 'Nội dung kiểm tra',
  kindLabel: 'Hình thức',
  targetLabel: 'Đơn vị được kiểm tra',
  dateLabel: 'Ngày kiểm tra',
  windowLabel: 'Khoảng thời gian kiểm tra',
  startedLabel: 'Bắt đầu',
  closedLabel: 'Kết thúc',
  statusLabel: 'Tình trạng',
  inspectorsLabel: 'Thành phần đoàn kiểm tra',
  lead: 'Trưởng đoàn',
  notFixed: 'chưa xác định',

  checklistHeading: 'II. KẾT QUẢ KIỂM TRA THEO DANH MỤC',
  noChecklist: 'Danh mục kiểm tra không có nội dung nào.',
  number: 'STT',
  itemColumn: 'Nội dung kiểm tra',
  resultColumn: 'Kết quả',
  noteColumn: 'Ghi chú',

  findingsHeading: 'III. CÁC PHÁT HIỆN',
  noFindings: 'Không có phát hiện nào.',
  severityColumn: 'Mức độ',
  descriptionColumn: 'Nội dung phát hiện',
  fromItemColumn: 'Thuộc mục',
  correctionColumn: 'Phải khắc phục',
  yes: 'Có',
  no: 'Không',
  recordedBy: (name) => `Ghi nhận bởi ${name}`,

  correctiveHeading: 'IV. YÊU CẦU KHẮC PHỤC',
  noCorrective: 'Không có yêu cầu khắc phục nào.',
  findingColumn: 'Phát hiện',
  responsibleColumn: 'Đơn vị thực hiện',
  dueColumn: 'Hạn khắc phục',
  correctiveStatusColumn: 'Tình trạng',

  conclusionHeading: 'V. KẾT LUẬN',
  noSummary: 'Chưa có kết luận.',
  notClosed: 'Cuộc kiểm tra chưa kết thúc: biên bản này chưa phải bản chính thức.',
  cancelReasonLabel: 'Lý do hủy',

  signatureTarget: 'ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA',
  signatureLead: 'TRƯỞNG ĐOÀN KIỂM TRA',
  signHint: '(Ký, ghi rõ họ tên)',

  notFound: 'Không tìm thấy cuộc kiểm tra này.',
  kinds: { ANNOUNCED: 'Kiểm tra theo kế hoạch', SURPRISE: 'Kiểm tra đột xuất', SELF: 'Tự kiểm tra' },
  statuses: {
    PLANNED: 'Đã lên kế hoạch',
    IN_PROGRESS: 'Đang kiểm tra',
    CLOSED: 'Đã kết thúc',
    CANCELLED: 'Đã hủy',
  },
  results: { PASS: 'Đạt', FAIL: 'Không đạt', NOT_APPLICABLE: 'Không áp dụng', NONE: 'Chưa đánh giá' },
  severities: { CRITICAL: 'Nghiêm trọng', MAJOR: 'Lớn', MINOR: 'Nhỏ', OBSERVATION: 'Ghi nhận' },
  correctiveStatuses: {
    OPEN: 'Đang khắc phục',
    SUBMITTED: 'Chờ xác nhận',
    VERIFIED: 'Đã xác nhận',
    CANCELLED: 'Đã hủy',
  },
};

const en: MinutesTexts = {
  country: 'SOCIALIST REPUBLIC OF VIET NAM',
  motto: 'Independence - Freedom - Happiness',
  documentTitle: 'INSPECTION MINUTES',
  fileName: 'Inspection minutes',
  runningHeader: 'Inspection minutes',
  page: (page, pages) => `Page ${page}/${pages}`,

  generalHeading: 'I. GENERAL INFORMATION',
  titleLabel: 'Inspection',
  kindLabel: 'Kind',
  targetLabel: 'Inspected unit',
  dateLabel: 'Date of inspection',
  windowLabel: 'Inspection window',
  startedLabel: 'Started',
  closedLabel: 'Closed',
  statusLabel: 'Status',
  inspectorsLabel: 'Inspection team',
  lead: 'lead inspector',
  notFixed: 'not fixed yet',

  checklistHeading: 'II. CHECKLIST RESULTS',
  noChecklist: 'The checklist has no items.',
  number: 'No.',
  itemColumn: 'Checklist item',
  resultColumn: 'Result',
  noteColumn: 'Note',

  findingsHeading: 'III. FINDINGS',
  noFindings: 'No findings.',
  severityColumn: 'Severity',
  descriptionColumn: 'Finding',
  fromItemColumn: 'Item',
  correctionColumn: 'To correct',
  yes: 'Yes',
  no: 'No',
  recordedBy: (name) => `Recorded by ${name}`,

  correctiveHeading: 'IV. CORRECTIVE ACTIONS',
  noCorrective: 'No corrective actions.',
  findingColumn: 'Finding',
  responsibleColumn: 'Responsible unit',
  dueColumn: 'Due date',
  correctiveStatusColumn: 'Status',

  conclusionHeading: 'V. CONCLUSION',
  noSummary: 'No conclusion yet.',
  notClosed: 'The inspection is not closed: these minutes are not final.',
  cancelReasonLabel: 'Reason for cancelling',

  signatureTarget: 'FOR THE INSPECTED UNIT',
  signatureLead: 'LEAD INSPECTOR',
  signHint: '(Signature and full name)',

  notFound: 'There is no such inspection.',
  kinds: { ANNOUNCED: 'Announced inspection', SURPRISE: 'Surprise inspection', SELF: 'Self-inspection' },
  statuses: { PLANNED: 'Planned', IN_PROGRESS: 'In progress', CLOSED: 'Closed', CANCELLED: 'Cancelled' },
  results: { PASS: 'Pass', FAIL: 'Fail', NOT_APPLICABLE: 'Not applicable', NONE: 'Not recorded' },
  severities: { CRITICAL: 'Critical', MAJOR: 'Major', MINOR: 'Minor', OBSERVATION: 'Observation' },
  correctiveStatuses: {
    OPEN: 'Being corrected',
    SUBMITTED: 'Awaiting verification',
    VERIFIED: 'Verified',
    CANCELLED: 'Cancelled',
  },
};

export const minutesTexts: Record<Locale, MinutesTexts> = { vi, en };
