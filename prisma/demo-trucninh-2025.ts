// Trực Ninh's reform plan of 2025, a past year written by prisma/demo-history.ts: the five units
// that led the province in online payment (Phương Định, Việt Hùng, Trung Đông, Trực Mỹ, Cát
// Thành) finish their work, mostly on time; Trực Đại, Trực Hùng and Trực Thái finish late or not
// at all, so the dashboard's "who is late where" and the quarterly trend have something to say.
// Also the closed 2025 inspection of Trực Đại's one-stop office, whose findings fed two of those
// tasks, with corrective actions verified (one of them late, after a rejected round).
import type { Prisma } from './client.ts';
import { oneStopTemplate, demoTemplateId } from './demo-inspections.ts';
import { at, historyPlanId, type HistoryPlan } from './demo-history.ts';
import { derivedId } from './demo-trucninh.ts';

export const trucNinh2025: HistoryPlan = {
  key: 'truc-ninh-2025',
  year: 2025,
  title: 'Kế hoạch cải cách hành chính huyện Trực Ninh năm 2025',
  issuingUnit: 'ND-TN',
  createdOn: '2024-12-26',
  issuedOn: '2025-01-06',
  assessmentOpens: '2025-12-01',
  assessmentCloses: '2026-01-15',
  appraisalCloses: '2026-03-01',
  closesOn: '2026-11-30',
  tasks: [
    // ── The leaders ───────────────────────────────────────────────────────────────────────
    {
      key: 'pd-attach',
      unit: 'ND-TN-PD',
      area: 'DIGITAL_GOVERNMENT',
      title: 'Đính kèm đầy đủ tệp hồ sơ ở từng bước xử lý trên phần mềm một cửa điện tử',
      description:
        'Mỗi bước tiếp nhận, thẩm định, phê duyệt đều có tệp hồ sơ; hồ sơ trả kết quả có tệp kết quả điện tử.',
      due: '2025-09-30',
      weight: 2,
      indicatorTarget: '100 % hồ sơ có đủ tệp ở từng bước',
      reports: [
        {
          on: '2025-03-27',
          percent: 30,
          indicatorValue: '62 %',
          note: 'Đã tập huấn lại cho 6 công chức một cửa.',
        },
        {
          on: '2025-06-26',
          percent: 65,
          indicatorValue: '88 %',
          note: 'Còn hồ sơ đất đai chuyển huyện chưa đính kèm tệp ở bước thẩm định.',
        },
        {
          on: '2025-09-22',
          percent: 100,
          indicatorValue: '100 %',
          note: 'Quý III toàn bộ hồ sơ có đủ tệp ở từng bước; kèm số liệu trích từ Hệ thống thông tin giải quyết TTHC.',
          completion: { reviewedOn: '2025-09-26' },
        },
      ],
    },
    {
      key: 'pd-posting',
      unit: 'ND-TN-PD',
      area: 'ADMIN_PROCEDURES',
      title: 'Niêm yết công khai đầy đủ danh mục thủ tục hành chính và mức phí, lệ phí tại bộ phận một cửa',
      description: 'Thay bảng niêm yết theo danh mục thủ tục cấp xã mới công bố; thêm mã QR tra cứu.',
      due: '2025-03-31',
      reports: [
        {
          on: '2025-03-20',
          percent: 100,
          note: 'Đã niêm yết 108 thủ tục cấp xã, mức phí, lệ phí và mã QR tra cứu trên Cổng dịch vụ công.',
          completion: { reviewedOn: '2025-03-25' },
        },
      ],
    },
    {
      key: 'vh-payment',
      unit: 'ND-TN-VH',
      area: 'DIGITAL_GOVERNMENT',
      title: 'Nâng tỷ lệ thanh toán trực tuyến phí, lệ phí thủ tục hành chính',
      description: 'Đặt mã QR thanh toán tại quầy; hướng dẫn người dân thanh toán qua Cổng dịch vụ công.',
      due: '2025-12-15',
      weight: 2,
      indicatorTarget: '≥ 40 % giao dịch có phí được thanh toán trực tuyến',
      reports: [
        { on: '2025-03-28', percent: 20, indicatorValue: '18 %', note: 'Đã đặt mã QR tại 2 quầy tiếp nhận.' },
        {
          on: '2025-06-27',
          percent: 45,
          indicatorValue: '27 %',
          note: 'Đoàn thanh niên hỗ trợ người dân tại quầy.',
        },
        { on: '2025-09-26', percent: 70, indicatorValue: '36 %', note: 'Tỷ lệ tăng đều qua các tháng.' },
        {
          on: '2025-12-08',
          percent: 100,
          indicatorValue: '44 %',
          note: 'Cả năm đạt 44 % giao dịch thanh toán trực tuyến, vượt chỉ tiêu.',
          completion: { reviewedOn: '2025-12-12' },
        },
      ],
    },
    {
      key: 'vh-hamlets',
      unit: 'ND-TN-VH',
      area: 'APPARATUS',
      title: 'Xây dựng đề án sáp nhập thôn, xóm có quy mô nhỏ',
      description: 'Rà soát quy mô dân số các thôn, xóm; lấy ý kiến cử tri về phương án sáp nhập.',
      due: '2025-10-31',
      reports: [{ on: '2025-03-28', percent: 20, note: 'Đã rà soát quy mô dân số 14 thôn, xóm.' }],
      cancelled: {
        on: '2025-04-18',
        reason: 'Tỉnh dừng sáp nhập thôn, xóm để tập trung sắp xếp đơn vị hành chính cấp xã.',
      },
    },
    {
      key: 'td-iso',
      unit: 'ND-TN-TD',
      area: 'APPARATUS',
      title: 'Áp dụng, duy trì hệ thống quản lý chất lượng TCVN ISO 9001:2015',
      description: 'Đánh giá nội bộ, xem xét của lãnh đạo; cập nhật quy trình theo thủ tục mới công bố.',
      due: '2025-10-31',
      reports: [
        { on: '2025-06-25', percent: 40, note: 'Đã cập nhật 18 quy trình nội bộ.' },
        { on: '2025-09-25', percent: 75, note: 'Đã đánh giá nội bộ; 3 điểm không phù hợp đang khắc phục.' },
        {
          on: '2025-10-27',
          percent: 100,
          note: 'Đã khắc phục các điểm không phù hợp; UBND xã công bố lại hệ thống với 41 quy trình.',
          completion: { reviewedOn: '2025-10-30' },
        },
      ],
    },
    {
      key: 'td-payment',
      unit: 'ND-TN-TD',
      area: 'DIGITAL_GOVERNMENT',
      title: 'Thanh toán trực tuyến phí, lệ phí hộ tịch, chứng thực tại bộ phận một cửa',
      description: 'Mở tài khoản thu phí trực tuyến; hướng dẫn người dân thanh toán bằng ứng dụng ngân hàng.',
      due: '2025-12-15',
      indicatorTarget: '≥ 40 % giao dịch có phí được thanh toán trực tuyến',
      reports: [
        {
          on: '2025-06-26',
          percent: 50,
          indicatorValue: '24 %',
          note: 'Đã mở tài khoản thu phí trực tuyến.',
        },
        { on: '2025-09-26', percent: 80, indicatorValue: '35 %', note: 'Tỷ lệ tăng nhờ hướng dẫn tại quầy.' },
        {
          on: '2025-11-28',
          percent: 100,
          indicatorValue: '41 %',
          note: 'Tỷ lệ thanh toán trực tuyến 11 tháng đạt 41 %.',
          completion: { reviewedOn: '2025-12-03' },
        },
      ],
    },
    {
      key: 'tm-staffing',
      unit: 'ND-TN-TM',
      area: 'CIVIL_SERVICE',
      title: 'Bố trí đúng người, đúng vị trí việc làm tại bộ phận tiếp nhận và trả kết quả',
      description:
        'Rà soát vị trí việc làm; bố trí công chức có chuyên môn phù hợp trực tại bộ phận một cửa.',
      due: '2025-06-30',
      reports: [
        {
          on: '2025-06-18',
          percent: 100,
          note: 'Đã bố trí lại 3 công chức; ban hành lịch trực luân phiên tại bộ phận một cửa.',
          completion: { reviewedOn: '2025-06-24' },
        },
      ],
    },
    {
      key: 'tm-payment',
      unit: 'ND-TN-TM',
      area: 'DIGITAL_GOVERNMENT',
      title: 'Nâng tỷ lệ thanh toán trực tuyến phí, lệ phí thủ tục hành chính',
      description: 'Phối hợp bưu điện văn hóa xã hướng dẫn người dân thanh toán trực tuyến.',
      due: '2025-12-15',
      indicatorTarget: '≥ 40 % giao dịch có phí được thanh toán trực tuyến',
      reports: [
        {
          on: '2025-06-27',
          percent: 40,
          indicatorValue: '22 %',
          note: 'Bưu điện văn hóa xã hỗ trợ tại chỗ.',
        },
        {
          on: '2025-09-26',
          percent: 70,
          indicatorValue: '33 %',
          note: 'Thêm mã QR thanh toán tại quầy hộ tịch.',
        },
        {
          on: '2025-12-10',
          percent: 100,
          indicatorValue: '42 %',
          note: 'Cả năm đạt 42 %; kèm số liệu từ Cổng dịch vụ công.',
          completion: { reviewedOn: '2025-12-15' },
        },
      ],
    },
    {
      key: 'ct-signatures',
      unit: 'ND-TN-CT',
      area: 'DIGITAL_GOVERNMENT',
      title: 'Ký số 100 % văn bản điện tử gửi, nhận qua phần mềm quản lý văn bản',
      description: 'Cấp chứng thư số cho công chức; văn bản đi của thị trấn được ký số, trừ văn bản mật.',
      due: '2025-06-30',
      weight: 2,
      indicatorTarget: '100 % văn bản đi được ký số',
      reports: [
        {
          on: '2025-03-27',
          percent: 60,
          indicatorValue: '81 %',
          note: 'Đã cấp chứng thư số cho 4 công chức.',
        },
        {
          on: '2025-06-20',
          percent: 100,
          indicatorValue: '100 %',
          note: 'Từ tháng 5 toàn bộ văn bản đi của thị trấn được ký số và gửi qua phần mềm.',
          completion: { reviewedOn: '2025-06-25' },
        },
      ],
    },
    {
      key: 'ct-budget',
      unit: 'ND-TN-CT',
      area: 'PUBLIC_FINANCE',
      title: 'Công khai dự toán, quyết toán ngân sách thị trấn trên trang thông tin điện tử',
      description: 'Công khai đúng thời hạn dự toán năm 2025 và quyết toán năm 2024.',
      due: '2025-04-15',
      reports: [
        {
          on: '2025-04-10',
          percent: 100,
          note: 'Đã đăng dự toán năm 2025 và quyết toán năm 2024 trên trang thông tin điện tử của thị trấn.',
          completion: { reviewedOn: '2025-04-14' },
        },
      ],
    },
    // ── The late ones ─────────────────────────────────────────────────────────────────────
    {
      key: 'tda-archive',
      unit: 'ND-TN-TDA',
      area: 'DIGITAL_GOVERNMENT',
      title: 'Tạo lập hồ sơ điện tử và nộp lưu vào lưu trữ cơ quan',
      description: 'Lập hồ sơ công việc trên phần mềm quản lý văn bản; nộp lưu hồ sơ điện tử năm 2024.',
      due: '2025-09-30',
      weight: 2,
      indicatorTarget: '≥ 80 % hồ sơ công việc được lập trên phần mềm',
      reports: [
        {
          on: '2025-03-31',
          percent: 10,
          indicatorValue: '12 %',
          note: 'Chưa có công chức văn thư chuyên trách.',
        },
        {
          on: '2025-06-30',
          percent: 25,
          indicatorValue: '30 %',
          note: 'Phần mềm lỗi khi nộp lưu, đã báo huyện.',
        },
        { on: '2025-09-30', percent: 40, indicatorValue: '46 %', note: 'Còn nhiều hồ sơ giấy chưa số hóa.' },
        {
          on: '2025-12-19',
          percent: 55,
          indicatorValue: '61 %',
          note: 'Chưa đạt chỉ tiêu; đề nghị chuyển sang năm 2026.',
        },
      ],
    },
    {
      key: 'tda-backlog',
      unit: 'ND-TN-TDA',
      area: 'ADMIN_PROCEDURES',
      title: 'Giải quyết dứt điểm hồ sơ tồn đọng, quá hạn trên phần mềm một cửa điện tử',
      description:
        'Rà soát từng hồ sơ quá hạn; gửi văn bản xin lỗi người dân, hẹn lại thời gian trả kết quả.',
      due: '2025-06-30',
      weight: 2,
      indicatorTarget: 'Không còn hồ sơ quá hạn',
      reports: [
        {
          on: '2025-06-27',
          percent: 60,
          indicatorValue: 'còn 37 hồ sơ',
          note: 'Đã giải quyết 55 hồ sơ tồn từ năm 2024.',
        },
        {
          on: '2025-07-25',
          percent: 100,
          indicatorValue: 'còn 9 hồ sơ',
          note: 'Đã giải quyết phần lớn hồ sơ tồn đọng.',
          completion: {
            reviewedOn: '2025-07-30',
            returned:
              'Vẫn còn 9 hồ sơ quá hạn và chưa có văn bản xin lỗi người dân; đề nghị giải quyết hết rồi báo cáo lại.',
          },
        },
        {
          on: '2025-09-05',
          percent: 100,
          indicatorValue: 'không còn hồ sơ quá hạn',
          note: 'Đã giải quyết hết hồ sơ quá hạn, gửi 46 văn bản xin lỗi; kèm danh sách trích từ phần mềm.',
          completion: { reviewedOn: '2025-09-10' },
        },
      ],
    },
    {
      key: 'th-website',
      unit: 'ND-TN-TH',
      area: 'INSTITUTIONS',
      title: 'Cập nhật thông tin trên trang thông tin điện tử của xã',
      description: 'Đăng văn bản chỉ đạo, lịch tiếp công dân và kết quả giải quyết thủ tục hành chính.',
      due: '2025-05-31',
      reports: [
        {
          on: '2025-06-20',
          percent: 50,
          note: 'Trang thông tin điện tử chưa có chuyên mục thủ tục hành chính.',
        },
        {
          on: '2025-08-14',
          percent: 100,
          note: 'Đã bổ sung đủ chuyên mục; phân công công chức văn phòng cập nhật hằng tuần.',
          completion: { reviewedOn: '2025-08-19' },
        },
      ],
    },
    {
      key: 'th-simplify',
      unit: 'ND-TN-TH',
      area: 'ADMIN_PROCEDURES',
      title: 'Rà soát, đề xuất đơn giản hóa thủ tục hành chính thuộc thẩm quyền của xã',
      description: 'Rà soát thành phần hồ sơ, thời hạn giải quyết; đề xuất cắt giảm gửi UBND huyện.',
      due: '2025-10-31',
      reports: [
        { on: '2025-09-26', percent: 50, note: 'Đã rà soát 30 thủ tục lĩnh vực hộ tịch, chứng thực.' },
        {
          on: '2025-10-24',
          percent: 100,
          indicatorValue: '5 thủ tục',
          note: 'Đề xuất đơn giản hóa 5 thủ tục, kèm bảng tính chi phí tiết kiệm.',
          completion: { reviewedOn: '2025-10-29' },
        },
      ],
    },
    {
      key: 'tt-iso',
      unit: 'ND-TN-TT',
      area: 'APPARATUS',
      title: 'Xây dựng, áp dụng hệ thống quản lý chất lượng TCVN ISO 9001:2015',
      description: 'Thuê đơn vị tư vấn; xây dựng quy trình nội bộ cho các thủ tục cấp xã.',
      due: '2025-08-31',
      reports: [
        { on: '2025-06-27', percent: 20, note: 'Chưa bố trí được kinh phí thuê tư vấn.' },
        { on: '2025-09-29', percent: 35, note: 'Đã xây dựng 15 quy trình; chưa đánh giá nội bộ.' },
      ],
    },
    {
      key: 'tt-survey',
      unit: 'ND-TN-TT',
      area: 'CIVIL_SERVICE',
      title: 'Khảo sát mức độ hài lòng của người dân tại bộ phận một cửa',
      description: 'Phát phiếu khảo sát cho người dân đến giao dịch; tổng hợp ý kiến, đề xuất khắc phục.',
      due: '2025-11-30',
      indicatorTarget: '≥ 300 phiếu khảo sát',
      reports: [
        { on: '2025-09-29', percent: 40, indicatorValue: '120 phiếu', note: 'Đã thu 120 phiếu.' },
        {
          on: '2025-12-22',
          percent: 100,
          indicatorValue: '312 phiếu',
          note: 'Đã thu 312 phiếu; 91 % hài lòng, góp ý chủ yếu về thời gian chờ.',
          completion: { reviewedOn: '2025-12-29' },
        },
      ],
    },
    {
      key: 'tt-online',
      unit: 'ND-TN-TT',
      area: 'DIGITAL_GOVERNMENT',
      title: 'Hướng dẫn người dân nộp hồ sơ trực tuyến toàn trình tại bộ phận một cửa',
      description: 'Bố trí máy tính và người hướng dẫn tại quầy; tuyên truyền trên loa truyền thanh xã.',
      due: '2025-12-15',
      indicatorTarget: '≥ 50 % hồ sơ nộp trực tuyến',
      reports: [],
    },
  ],
};

/** The closed 2025 inspection of Trực Đại's one-stop office, written as rows (no workflow). */
export const trucDai2025InspectionId = derivedId(
  'reform-tracker-demo',
  'history',
  'truc-dai-2025-inspection',
);

interface HistoryFinding {
  key: string;
  item: number;
  severity: 'INFO' | 'MINOR' | 'MAJOR';
  description: string;
  correction?: {
    due: string;
    /** Rounds: submitted, then verified or rejected with a reason. */
    rounds: {
      submitted: string;
      remedy: string;
      verified?: string;
      /** Rejected with a reason and a new due date. */
      rejected?: { on: string; reason: string; due: string };
    }[];
  };
}

const inspectionDay = '2025-08-12';
const checklistResults: ('PASS' | 'FAIL' | 'NOT_APPLICABLE')[] = [
  'PASS',
  'FAIL',
  'FAIL',
  'FAIL',
  'PASS',
  'PASS',
  'PASS',
  'FAIL',
];

export const trucDaiFindings: HistoryFinding[] = [
  {
    key: 'backlog',
    item: 1,
    severity: 'MAJOR',
    description:
      '37 hồ sơ đất đai, hộ tịch quá hạn chưa giải quyết trên phần mềm một cửa điện tử, có hồ sơ tồn từ năm 2024.',
    correction: {
      due: '2025-09-09',
      rounds: [
        {
          submitted: '2025-09-05',
          remedy: 'Đã giải quyết 28 hồ sơ; 9 hồ sơ đang chờ ý kiến phòng Tài nguyên và Môi trường.',
          rejected: {
            on: '2025-09-10',
            reason: 'Còn 9 hồ sơ quá hạn chưa có văn bản xin lỗi và hẹn lại ngày trả kết quả.',
            due: '2025-10-08',
          },
        },
        {
          submitted: '2025-10-06',
          remedy: 'Đã giải quyết hết 37 hồ sơ, gửi văn bản xin lỗi; danh sách trích từ phần mềm kèm theo.',
          verified: '2025-10-10',
        },
      ],
    },
  },
  {
    key: 'apology',
    item: 2,
    severity: 'MINOR',
    description: 'Hồ sơ quá hạn không có văn bản xin lỗi người dân, không ghi thời hạn trả kết quả mới.',
    correction: {
      due: '2025-09-09',
      rounds: [
        {
          submitted: '2025-08-29',
          remedy: 'Ban hành mẫu văn bản xin lỗi; công chức một cửa gửi ngay khi hồ sơ có nguy cơ quá hạn.',
          verified: '2025-09-03',
        },
      ],
    },
  },
  {
    key: 'result-files',
    item: 3,
    severity: 'MINOR',
    description: 'Nhiều hồ sơ trả kết quả trực tuyến không đính kèm tệp kết quả điện tử.',
    correction: {
      due: '2025-09-09',
      rounds: [
        {
          submitted: '2025-09-04',
          remedy: 'Đã bổ sung tệp kết quả cho 64 hồ sơ; hướng dẫn lại quy trình trả kết quả trực tuyến.',
          verified: '2025-09-08',
        },
      ],
    },
  },
  {
    key: 'ticket-machine',
    item: 7,
    severity: 'INFO',
    description: 'Máy lấy số thứ tự hỏng, người dân phải xếp hàng tại quầy.',
  },
];

/** Writes the closed 2025 inspection with its findings and corrective actions; nothing when it is there. */
export async function writeTrucDaiInspection(
  tx: Prisma.TransactionClient,
  context: { unitOf: (code: string) => string; steeringId: string; inspectorId: string; headId: string },
): Promise<boolean> {
  const id = trucDai2025InspectionId;
  if (await tx.inspection.findUnique({ where: { id }, select: { id: true } })) return false;
  const { unitOf, steeringId, inspectorId, headId } = context;
  const targetUnitId = unitOf('ND-TN-TDA');
  const audit: Prisma.AuditEventCreateManyInput[] = [];
  const event = (
    key: string,
    row: Omit<Prisma.AuditEventCreateManyInput, 'eventId' | 'at' | 'createdAt'> & { on: Date },
  ) => {
    const { on, ...rest } = row;
    audit.push({ ...rest, eventId: `demo-history:${id}:${key}`, at: on, createdAt: on });
  };
  const title = 'Kiểm tra công tác cải cách hành chính tại bộ phận một cửa xã Trực Đại năm 2025';
  const correctiveCount = trucDaiFindings.filter((finding) => finding.correction).length;
  await tx.inspection.create({
    data: {
      id,
      kind: 'ANNOUNCED',
      targetUnitId,
      title,
      windowStart: new Date(`${inspectionDay}T00:00:00.000Z`),
      windowEnd: new Date(`${inspectionDay}T00:00:00.000Z`),
      scheduledOn: new Date(`${inspectionDay}T00:00:00.000Z`),
      status: 'CLOSED',
      startedAt: at(inspectionDay, '08:00'),
      closedAt: at(inspectionDay, '16:30'),
      summary:
        'Bộ phận một cửa niêm yết đủ thủ tục, áp dụng ISO; còn hồ sơ quá hạn không có văn bản xin lỗi, hồ sơ trực tuyến thiếu tệp kết quả. Xã khắc phục trong 20 ngày làm việc.',
      templateId: demoTemplateId(oneStopTemplate),
      createdById: steeringId,
      createdAt: at('2025-07-28', '14:00'),
      inspectors: { create: { userId: inspectorId, lead: true } },
      checklist: {
        create: oneStopTemplate.items.map((text, index) => ({
          id: derivedId(id, 'item', String(index)),
          sortOrder: index + 1,
          text,
          result: checklistResults[index] ?? 'PASS',
        })),
      },
    },
  });
  event('planned', {
    actorId: steeringId,
    action: 'inspection.planned',
    entityType: 'Inspection',
    entityId: id,
    after: { kind: 'ANNOUNCED', targetUnitId, scheduledOn: inspectionDay, title },
    on: at('2025-07-28', '14:00'),
  });
  event('started', {
    actorId: null,
    action: 'inspection.started',
    entityType: 'Inspection',
    entityId: id,
    before: { status: 'PLANNED' },
    after: { status: 'IN_PROGRESS' },
    on: at(inspectionDay, '08:00'),
  });
  const actionIds: string[] = [];
  for (const finding of trucDaiFindings) {
    const findingId = derivedId(id, 'finding', finding.key);
    await tx.finding.create({
      data: {
        id: findingId,
        inspectionId: id,
        checklistItemId: derivedId(id, 'item', String(finding.item)),
        severity: finding.severity,
        description: finding.description,
        requiresCorrection: finding.correction !== undefined,
        recordedById: inspectorId,
        createdAt: at(inspectionDay, '10:00'),
      },
    });
    event(`finding:${finding.key}`, {
      actorId: inspectorId,
      action: 'inspection.findingRecorded',
      entityType: 'Inspection',
      entityId: id,
      after: { findingId, severity: finding.severity, description: finding.description },
      on: at(inspectionDay, '10:00'),
    });
    const correction = finding.correction;
    if (!correction) continue;
    const actionId = derivedId(id, 'corrective', finding.key);
    actionIds.push(actionId);
    const last = correction.rounds[correction.rounds.length - 1]!;
    // A rejection gave a new due date; the last one is the action's.
    const due = correction.rounds.reduce((date, round) => round.rejected?.due ?? date, correction.due);
    const late = last.verified !== undefined && last.verified > due;
    await tx.correctiveAction.create({
      data: {
        id: actionId,
        findingId,
        responsibleUnitId: targetUnitId,
        dueDate: new Date(`${due}T00:00:00.000Z`),
        status: 'VERIFIED',
        round: correction.rounds.length,
        escalationLevel: late ? 1 : 0,
        verifiedAt: last.verified ? at(last.verified, '15:00') : null,
        createdAt: at(inspectionDay, '16:30'),
        rounds: {
          create: correction.rounds.map((round, index) => ({
            id: derivedId(actionId, 'round', String(index + 1)),
            number: index + 1,
            remedy: round.remedy,
            submittedById: headId,
            submittedAt: at(round.submitted, '10:00'),
            verdict: round.verified ? 'ACCEPTED' : 'RETURNED',
            verdictReason: round.rejected?.reason ?? null,
            verifiedById: inspectorId,
            verifiedAt: at(round.verified ?? round.rejected!.on, '15:00'),
            createdAt: at(round.submitted, '10:00'),
          })),
        },
      },
    });
    const corrective = (key: string, row: Omit<Parameters<typeof event>[1], 'entityType' | 'entityId'>) =>
      event(`corrective:${finding.key}:${key}`, {
        ...row,
        entityType: 'CorrectiveAction',
        entityId: actionId,
      });
    corrective('opened', {
      actorId: null,
      action: 'corrective.opened',
      after: { responsibleUnitId: targetUnitId, dueDate: correction.due, status: 'OPEN' },
      on: at(inspectionDay, '16:30'),
    });
    for (const [index, round] of correction.rounds.entries()) {
      corrective(`round:${index + 1}:submitted`, {
        actorId: headId,
        action: 'corrective.submitted',
        before: { status: 'OPEN', round: index + 1 },
        after: { status: 'SUBMITTED', round: { number: index + 1, remedy: round.remedy } },
        on: at(round.submitted, '10:00'),
      });
      if (round.rejected) {
        corrective(`round:${index + 1}:rejected`, {
          actorId: inspectorId,
          action: 'corrective.rejected',
          before: { status: 'SUBMITTED', round: index + 1 },
          after: { status: 'OPEN', round: index + 2, dueDate: round.rejected.due },
          on: at(round.rejected.on, '15:00'),
        });
      }
      if (round.verified) {
        corrective(`round:${index + 1}:verified`, {
          actorId: inspectorId,
          action: 'corrective.verified',
          before: { status: 'SUBMITTED', round: index + 1 },
          after: { status: 'VERIFIED', reinspect: false },
          on: at(round.verified, '15:00'),
        });
      }
    }
  }
  event('closed', {
    actorId: inspectorId,
    action: 'inspection.closed',
    entityType: 'Inspection',
    entityId: id,
    before: { status: 'IN_PROGRESS' },
    after: { status: 'CLOSED', correctiveActions: actionIds, findings: trucDaiFindings.length },
    on: at(inspectionDay, '16:30'),
  });
  if (correctiveCount !== actionIds.length) throw new Error('Demo history: corrective actions miscounted.');
  await tx.auditEvent.createMany({ data: audit });
  return true;
}

/** The plan's ID, for tests and the README's figures. */
export const trucNinh2025PlanId = historyPlanId(trucNinh2025);
