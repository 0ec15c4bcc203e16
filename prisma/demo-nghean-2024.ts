// Nghệ An's 2024 reform plan, a past year written by prisma/demo-history.ts: the tasks the
// province set itself from its ten solutions for 2024 (the steering committee's role, leaders'
// responsibility, transparency at the one-stop units, inspection, digital transformation and
// Project 06, satisfaction surveys), carried by its departments and its districts, so the
// dashboard rolls it up both ways. The unfinished tasks are NOT_COMPLETED, as closing the plan
// left them.
import { historyPlanId, type HistoryPlan } from './demo-history.ts';

/** Heads of the Nghệ An units that carry the plan's tasks. They have no demo password. */
export const ngheAnHeads: { unit: string; email: string; name: string }[] = [
  { unit: 'NA-SNV', email: 'head.snv.nghean@reform.demo', name: 'Nguyễn Thị Thanh Hương' },
  { unit: 'NA-STP', email: 'head.stp.nghean@reform.demo', name: 'Trần Văn Hải' },
  { unit: 'NA-VP', email: 'head.vp.nghean@reform.demo', name: 'Hồ Thị Minh Nguyệt' },
  { unit: 'NA-STC', email: 'head.stc.nghean@reform.demo', name: 'Phan Đức Toàn' },
  { unit: 'NA-STTTT', email: 'head.stttt.nghean@reform.demo', name: 'Lê Quang Huy' },
  { unit: 'NA-TTHCC', email: 'head.tthcc.nghean@reform.demo', name: 'Nguyễn Thị Hồng Nhung' },
  { unit: 'NA-CA', email: 'head.ca.nghean@reform.demo', name: 'Thái Văn Bình' },
  { unit: 'NA-VINH', email: 'head.vinh.nghean@reform.demo', name: 'Đặng Văn Lực' },
  { unit: 'NA-VINH-HB', email: 'head.hungbinh.nghean@reform.demo', name: 'Võ Thị Thu Trang' },
  { unit: 'NA-NL', email: 'head.nghiloc.nghean@reform.demo', name: 'Hoàng Văn Sơn' },
  { unit: 'NA-DC', email: 'head.dienchau.nghean@reform.demo', name: 'Cao Xuân Tùng' },
  { unit: 'NA-QL', email: 'head.quynhluu.nghean@reform.demo', name: 'Nguyễn Hữu Phúc' },
  { unit: 'NA-CC', email: 'head.concuong.nghean@reform.demo', name: 'Lô Thị Hoa' },
];

export const ngheAn2024: HistoryPlan = {
  key: 'nghe-an-2024',
  year: 2024,
  title: 'Kế hoạch cải cách hành chính nhà nước tỉnh Nghệ An năm 2024',
  issuingUnit: 'NA',
  createdOn: '2023-12-27',
  issuedOn: '2024-01-05',
  assessmentOpens: '2024-12-01',
  assessmentCloses: '2025-01-15',
  appraisalCloses: '2025-03-01',
  // A past year, closed on its default date (31 December of the next year).
  closesOn: '2025-12-31',
  tasks: [
    {
      key: 'snv-1',
      unit: 'NA-SNV',
      area: 'APPARATUS',
      title: 'Kiện toàn Ban Chỉ đạo cải cách hành chính tỉnh, ban hành quy chế hoạt động năm 2024',
      description:
        'Phát huy vai trò của Ban Chỉ đạo cải cách hành chính các cấp; phân công thành viên theo dõi từng lĩnh vực cải cách.',
      due: '2024-03-31',
      weight: 2,
      reports: [
        {
          on: '2024-03-22',
          percent: 100,
          note: 'UBND tỉnh đã ban hành quyết định kiện toàn Ban Chỉ đạo và quy chế hoạt động; 6 thành viên được phân công theo dõi 6 lĩnh vực cải cách.',
          completion: { reviewedOn: '2024-03-27' },
        },
      ],
    },
    {
      key: 'snv-2',
      unit: 'NA-SNV',
      area: 'APPARATUS',
      title: 'Thẩm định đề án sắp xếp đơn vị hành chính cấp huyện, cấp xã giai đoạn 2023–2025',
      description: 'Tham mưu UBND tỉnh hoàn thiện hồ sơ đề án, lấy ý kiến cử tri và trình cấp có thẩm quyền.',
      due: '2024-08-31',
      weight: 2,
      reports: [
        {
          on: '2024-06-26',
          percent: 60,
          note: 'Đã hoàn thành lấy ý kiến cử tri tại các xã thuộc diện sắp xếp; đang tổng hợp hồ sơ đề án.',
        },
        {
          on: '2024-08-23',
          percent: 100,
          note: 'Hồ sơ đề án đã được HĐND tỉnh thông qua và trình Chính phủ đúng thời hạn.',
          completion: { reviewedOn: '2024-08-28' },
        },
      ],
    },
    {
      key: 'snv-3',
      unit: 'NA-SNV',
      area: 'CIVIL_SERVICE',
      title:
        'Kiểm tra công tác cải cách hành chính, kỷ luật, kỷ cương hành chính tại các sở, ngành và UBND cấp huyện',
      description:
        'Kết hợp kiểm tra theo kế hoạch và kiểm tra đột xuất; theo dõi việc khắc phục tồn tại sau kiểm tra.',
      due: '2024-11-30',
      weight: 2,
      indicatorTarget: 'Kiểm tra ≥ 30 % cơ quan, đơn vị; 100 % kết luận được theo dõi khắc phục',
      reports: [
        {
          on: '2024-06-25',
          percent: 45,
          indicatorValue: '12 cơ quan, đơn vị (29 %)',
          note: 'Đã kiểm tra 8 sở, ngành và 4 UBND cấp huyện, trong đó có 2 cuộc kiểm tra đột xuất tại Bộ phận Một cửa.',
        },
        {
          on: '2024-09-26',
          percent: 80,
          indicatorValue: '17 cơ quan, đơn vị (41 %)',
          note: 'Đã ban hành thông báo kết luận; yêu cầu 3 đơn vị khắc phục tồn tại về công khai thủ tục hành chính trước ngày 31/10.',
        },
      ],
    },
    {
      key: 'snv-4',
      unit: 'NA-SNV',
      area: 'CIVIL_SERVICE',
      title: 'Xác định, công bố Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành và UBND cấp huyện',
      description:
        'Đánh giá khách quan, xếp hạng chính xác; dùng kết quả làm căn cứ đánh giá trách nhiệm người đứng đầu.',
      due: '2024-04-30',
      weight: 2,
      reports: [
        {
          on: '2024-04-19',
          percent: 100,
          note: 'UBND tỉnh đã công bố Chỉ số cải cách hành chính năm 2023; kết quả được đưa vào đánh giá, xếp loại người đứng đầu.',
          completion: { reviewedOn: '2024-04-24' },
        },
      ],
    },
    {
      key: 'snv-5',
      unit: 'NA-SNV',
      area: 'CIVIL_SERVICE',
      title: 'Bồi dưỡng kỹ năng cho công chức làm công tác cải cách hành chính và Bộ phận Một cửa các cấp',
      description:
        'Làm rõ vai trò, trách nhiệm của từng cán bộ, công chức; nâng cao năng lực thực thi nhiệm vụ cải cách.',
      due: '2024-10-31',
      indicatorTarget: '≥ 600 lượt công chức được bồi dưỡng',
      reports: [
        {
          on: '2024-06-20',
          percent: 50,
          indicatorValue: '310 lượt',
          note: 'Đã mở 3 lớp bồi dưỡng cho công chức cấp huyện, cấp xã.',
        },
        {
          on: '2024-10-25',
          percent: 100,
          indicatorValue: '645 lượt',
          note: 'Hoàn thành 6 lớp bồi dưỡng; 100 % học viên đạt yêu cầu.',
          completion: { reviewedOn: '2024-10-30' },
        },
      ],
    },
    {
      key: 'snv-6',
      unit: 'NA-SNV',
      area: 'CIVIL_SERVICE',
      title:
        'Khen thưởng kịp thời tập thể, cá nhân làm tốt cải cách hành chính; xử lý nghiêm công chức vi phạm kỷ luật, kỷ cương',
      description:
        'Động viên người làm tốt; xử lý nghiêm người không hoàn thành nhiệm vụ, gây phiền hà trong giải quyết thủ tục hành chính.',
      due: '2024-12-31',
      reports: [
        {
          on: '2024-07-10',
          percent: 60,
          note: 'Đã khen thưởng 12 tập thể, 25 cá nhân; khiển trách 2 công chức cấp xã để hồ sơ quá hạn mà không xin lỗi người dân.',
        },
      ],
    },
    {
      key: 'stp-1',
      unit: 'NA-STP',
      area: 'INSTITUTIONS',
      title:
        'Tham mưu ban hành đúng tiến độ các nghị quyết, quyết định quy phạm pháp luật theo Chương trình công tác năm 2024 của UBND tỉnh',
      description:
        'Khắc phục tình trạng dự thảo nghị quyết, quyết định trình chậm so với chương trình công tác đã đề ra.',
      due: '2024-12-15',
      weight: 2,
      indicatorTarget: '100 % văn bản ban hành đúng tiến độ',
      reports: [
        {
          on: '2024-06-28',
          percent: 40,
          indicatorValue: '18/21 văn bản đúng tiến độ',
          note: 'Đã thẩm định 21 dự thảo; 3 dự thảo chậm do cơ quan chủ trì trình muộn.',
        },
        {
          on: '2024-09-27',
          percent: 70,
          indicatorValue: '30/34 văn bản đúng tiến độ',
          note: 'Đã đôn đốc các sở chủ trì soạn thảo; tổ chức 2 cuộc họp liên ngành về các dự thảo còn vướng.',
        },
        {
          on: '2024-12-10',
          percent: 85,
          indicatorValue: '41/45 văn bản đúng tiến độ (91 %)',
          note: 'Còn 4 văn bản chậm tiến độ; đã đề nghị UBND tỉnh điều chỉnh chương trình công tác.',
        },
      ],
    },
    {
      key: 'stp-2',
      unit: 'NA-STP',
      area: 'INSTITUTIONS',
      title: 'Rà soát, hệ thống hóa văn bản quy phạm pháp luật của HĐND, UBND tỉnh kỳ 2019–2023',
      description: 'Công bố danh mục văn bản hết hiệu lực, cần sửa đổi, bổ sung hoặc thay thế.',
      due: '2024-06-30',
      reports: [
        {
          on: '2024-06-21',
          percent: 100,
          note: 'Đã rà soát 1.126 văn bản; công bố 87 văn bản hết hiệu lực toàn bộ hoặc một phần.',
          completion: { reviewedOn: '2024-06-26' },
        },
      ],
    },
    {
      key: 'vp-1',
      unit: 'NA-VP',
      area: 'ADMIN_PROCEDURES',
      title:
        'Công bố, công khai đầy đủ thủ tục hành chính và quy trình nội bộ trên Cổng Dịch vụ công quốc gia và Hệ thống thông tin giải quyết TTHC tỉnh',
      description:
        'Tăng cường công khai, minh bạch trong tiếp nhận, giải quyết thủ tục hành chính của các cơ quan, đơn vị.',
      due: '2024-06-30',
      indicatorTarget: '100 % thủ tục hành chính được công khai đúng hạn',
      reports: [
        {
          on: '2024-03-28',
          percent: 60,
          indicatorValue: '64 %',
          note: 'Đã công bố, công khai thủ tục thuộc 11 lĩnh vực; các lĩnh vực đất đai, xây dựng đang chờ quyết định của bộ, ngành.',
        },
        {
          on: '2024-06-24',
          percent: 100,
          indicatorValue: '100 %',
          note: 'Toàn bộ thủ tục và quy trình nội bộ đã được công khai, đồng bộ trên Cổng Dịch vụ công quốc gia.',
          completion: { reviewedOn: '2024-06-28' },
        },
      ],
    },
    {
      key: 'vp-2',
      unit: 'NA-VP',
      area: 'ADMIN_PROCEDURES',
      title: 'Rà soát, đề xuất phương án đơn giản hóa thủ tục hành chính, cắt giảm chi phí tuân thủ',
      description:
        'Rà soát thủ tục có nhiều phản ánh của người dân, doanh nghiệp; đề xuất cắt giảm thành phần hồ sơ.',
      due: '2024-09-30',
      indicatorTarget: '≥ 20 thủ tục được đề xuất đơn giản hóa',
      reports: [
        {
          on: '2024-06-27',
          percent: 50,
          indicatorValue: '14 thủ tục',
          note: 'Đã rà soát 46 thủ tục thuộc 8 lĩnh vực; dự kiến đề xuất đơn giản hóa 14 thủ tục.',
        },
        {
          on: '2024-09-30',
          percent: 100,
          indicatorValue: '23 thủ tục',
          note: 'Đã trình UBND tỉnh phương án đơn giản hóa 23 thủ tục, cắt giảm khoảng 18 % chi phí tuân thủ.',
          completion: {},
        },
      ],
    },
    {
      key: 'tthcc-1',
      unit: 'NA-TTHCC',
      area: 'ADMIN_PROCEDURES',
      title:
        'Lấy ý kiến đánh giá sự hài lòng của người dân, tổ chức tại Trung tâm Phục vụ hành chính công tỉnh (6 tháng và cả năm)',
      description:
        'Khảo sát tinh thần, thái độ, trách nhiệm của công chức tiếp nhận và trả kết quả; công khai kết quả khảo sát.',
      due: '2024-12-20',
      indicatorTarget: '2 đợt khảo sát; mức độ hài lòng ≥ 90 %',
      reports: [
        {
          on: '2024-07-05',
          percent: 50,
          indicatorValue: '1/2 đợt; 94,6 % hài lòng',
          note: 'Hoàn thành đợt khảo sát 6 tháng đầu năm với 1.200 phiếu; góp ý chủ yếu về thời gian chờ tại quầy đất đai.',
        },
      ],
    },
    {
      key: 'tthcc-2',
      unit: 'NA-TTHCC',
      area: 'DIGITAL_GOVERNMENT',
      title:
        'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính ngay khi tiếp nhận tại Trung tâm Phục vụ hành chính công tỉnh',
      description:
        'Nâng cao chất lượng vận hành Trung tâm; bố trí thêm thiết bị quét tại các quầy tiếp nhận.',
      due: '2024-12-31',
      weight: 2,
      indicatorTarget: '≥ 80 % hồ sơ được số hóa khi tiếp nhận',
      reports: [
        {
          on: '2024-06-27',
          percent: 60,
          indicatorValue: '71 %',
          note: 'Tỷ lệ số hóa hồ sơ quý II đạt 71 %; đã bố trí thêm 2 máy quét tại quầy.',
        },
        {
          on: '2024-12-20',
          percent: 100,
          indicatorValue: '83 %',
          note: 'Tỷ lệ số hóa hồ sơ khi tiếp nhận cả năm đạt 83 %.',
          completion: {
            reviewedOn: '2024-12-26',
            returned:
              'Chưa có số liệu trích xuất từ Hệ thống thông tin giải quyết TTHC tỉnh để đối chiếu tỷ lệ 83 %; đề nghị bổ sung báo cáo thống kê.',
          },
        },
      ],
    },
    {
      key: 'stttt-1',
      unit: 'NA-STTTT',
      area: 'DIGITAL_GOVERNMENT',
      title:
        'Nâng tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình; hướng dẫn các sở, ngành cấu hình quy trình điện tử',
      description:
        'Khắc phục tình trạng tỷ lệ hồ sơ trực tuyến toàn trình còn thấp; ưu tiên các lĩnh vực hộ tịch, đất đai.',
      due: '2024-12-31',
      weight: 3,
      indicatorTarget: '≥ 50 % hồ sơ trực tuyến toàn trình',
      reports: [
        {
          on: '2024-03-29',
          percent: 20,
          indicatorValue: '28 %',
          note: 'Đã rà soát 412 dịch vụ công đủ điều kiện cung cấp trực tuyến toàn trình.',
        },
        {
          on: '2024-06-28',
          percent: 35,
          indicatorValue: '36 %',
          note: 'Đã hướng dẫn 12 sở, ngành cấu hình quy trình điện tử; nhiều hồ sơ đất đai vẫn nộp trực tiếp.',
        },
        {
          on: '2024-09-27',
          percent: 55,
          indicatorValue: '42 %',
          note: 'Phối hợp bưu điện hỗ trợ người dân nộp hồ sơ trực tuyến tại 50 điểm bưu điện văn hóa xã.',
        },
      ],
    },
    {
      key: 'stttt-2',
      unit: 'NA-STTTT',
      area: 'DIGITAL_GOVERNMENT',
      title:
        'Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh, kết nối Cổng Dịch vụ công quốc gia và tài khoản VNeID',
      description: 'Đồng bộ trạng thái hồ sơ với Cổng Dịch vụ công quốc gia; đăng nhập một lần bằng VNeID.',
      due: '2024-09-30',
      reports: [
        {
          on: '2024-06-25',
          percent: 70,
          note: 'Đã kết nối thử nghiệm và đồng bộ trạng thái hồ sơ của 5 sở với Cổng Dịch vụ công quốc gia.',
        },
        {
          on: '2024-09-20',
          percent: 100,
          note: 'Hệ thống đã đồng bộ hồ sơ của toàn tỉnh; người dân đăng nhập bằng tài khoản định danh điện tử mức 2.',
          completion: { reviewedOn: '2024-09-25' },
        },
      ],
    },
    {
      key: 'ca-1',
      unit: 'NA-CA',
      area: 'DIGITAL_GOVERNMENT',
      title:
        'Triển khai Đề án 06: làm sạch dữ liệu dân cư, khai thác dữ liệu trên VNeID trong giải quyết thủ tục hành chính',
      description:
        'Ưu tiên đầu tư cơ sở vật chất, ứng dụng công nghệ thông tin để đạt các chỉ tiêu Đề án 06 của Thủ tướng Chính phủ.',
      due: '2024-10-31',
      weight: 2,
      indicatorTarget: 'Dữ liệu dân cư bảo đảm “đúng, đủ, sạch, sống”',
      reports: [
        {
          on: '2024-06-24',
          percent: 50,
          note: 'Đã làm sạch dữ liệu hộ tịch, cư trú tại 21 huyện, thành phố, thị xã; tiếp tục đối soát dữ liệu bảo hiểm xã hội.',
        },
        {
          on: '2024-09-25',
          percent: 75,
          note: 'Người dân đã dùng thông tin trên VNeID thay giấy tờ trong 11 thủ tục; còn vướng kết nối dữ liệu đất đai.',
        },
      ],
    },
    {
      key: 'stc-1',
      unit: 'NA-STC',
      area: 'PUBLIC_FINANCE',
      title:
        'Bố trí kinh phí thực hiện nhiệm vụ cải cách hành chính năm 2024 trong dự toán ngân sách các cấp',
      description: 'Ưu tiên nguồn lực tài chính cho các nhiệm vụ cải cách hành chính trọng tâm.',
      due: '2024-02-29',
      reports: [
        {
          on: '2024-02-26',
          percent: 100,
          note: 'Dự toán năm 2024 đã bố trí kinh phí cải cách hành chính cho 100 % cơ quan cấp tỉnh và UBND cấp huyện.',
          completion: { reviewedOn: '2024-02-28' },
        },
      ],
    },
    {
      key: 'stc-2',
      unit: 'NA-STC',
      area: 'PUBLIC_FINANCE',
      title: 'Đẩy nhanh tiến độ giải ngân kế hoạch vốn đầu tư công năm 2024',
      description: 'Theo dõi từng dự án chậm giải ngân; báo cáo UBND tỉnh điều chuyển vốn khi cần.',
      due: '2024-12-31',
      weight: 2,
      indicatorTarget: 'Giải ngân ≥ 95 % kế hoạch vốn được giao',
      reports: [
        {
          on: '2024-06-28',
          percent: 35,
          indicatorValue: '38,2 %',
          note: 'Giải ngân 6 tháng đầu năm đạt 38,2 % kế hoạch vốn.',
        },
        {
          on: '2024-09-30',
          percent: 60,
          indicatorValue: '61,5 %',
          note: 'Đã đề xuất điều chuyển vốn từ 7 dự án chậm giải ngân sang các dự án có khối lượng hoàn thành.',
        },
        {
          on: '2024-12-27',
          percent: 80,
          indicatorValue: '84,7 %',
          note: 'Một số dự án còn vướng giải phóng mặt bằng; tiếp tục giải ngân đến hết tháng 01/2025.',
        },
      ],
    },
    {
      key: 'stc-3',
      unit: 'NA-STC',
      area: 'PUBLIC_FINANCE',
      title:
        'Hướng dẫn, thẩm định phương án tự chủ tài chính của đơn vị sự nghiệp công lập giai đoạn 2023–2025',
      description: 'Giao quyền tự chủ tài chính theo Nghị định 60/2021/NĐ-CP cho các đơn vị đủ điều kiện.',
      due: '2024-08-31',
      reports: [],
    },
    {
      key: 'vinh-1',
      unit: 'NA-VINH',
      area: 'ADMIN_PROCEDURES',
      criterion: '3.2',
      title:
        'Giải quyết hồ sơ thủ tục hành chính đúng hạn tại Bộ phận Một cửa thành phố; xin lỗi người dân khi hồ sơ trễ hạn',
      description: 'Theo dõi hồ sơ sắp đến hạn hằng ngày; công khai hồ sơ trễ hạn và lý do.',
      due: '2024-12-31',
      weight: 2,
      indicatorTarget: '≥ 98 % hồ sơ giải quyết đúng hạn',
      reports: [
        {
          on: '2024-03-28',
          percent: 30,
          indicatorValue: '97,4 %',
          note: 'Tiếp nhận 9.850 hồ sơ; đã gửi thư xin lỗi đối với 100 % hồ sơ trễ hạn.',
        },
        {
          on: '2024-09-26',
          percent: 90,
          indicatorValue: '98,3 %',
          note: 'Tỷ lệ đúng hạn tăng nhờ nhắc hạn tự động trên phần mềm một cửa điện tử.',
        },
      ],
    },
    {
      key: 'vinh-hb-1',
      unit: 'NA-VINH-HB',
      area: 'ADMIN_PROCEDURES',
      title:
        'Niêm yết công khai đầy đủ thủ tục hành chính, mức phí, lệ phí và số điện thoại đường dây nóng tại Bộ phận Một cửa phường',
      description: 'Thay bảng niêm yết cũ; bổ sung mã QR tra cứu thủ tục trên Cổng Dịch vụ công quốc gia.',
      due: '2024-04-30',
      reports: [
        {
          on: '2024-04-22',
          percent: 100,
          note: 'Đã niêm yết 112 thủ tục cấp xã, mức phí, lệ phí và số điện thoại đường dây nóng của UBND phường.',
          completion: { reviewedOn: '2024-04-25' },
        },
      ],
    },
    {
      key: 'dc-1',
      unit: 'NA-DC',
      area: 'DIGITAL_GOVERNMENT',
      criterion: '7.3',
      title: 'Thanh toán trực tuyến phí, lệ phí thủ tục hành chính tại Bộ phận Một cửa huyện và các xã',
      description:
        'Hướng dẫn người dân thanh toán qua Cổng Dịch vụ công quốc gia; mở tài khoản thu phí cho các xã.',
      due: '2024-11-30',
      indicatorTarget: '≥ 30 % hồ sơ có phí, lệ phí được thanh toán trực tuyến',
      reports: [
        {
          on: '2024-06-27',
          percent: 25,
          indicatorValue: '14 %',
          note: 'Nhiều xã chưa mở tài khoản thu phí trực tuyến; đã đề nghị Kho bạc hỗ trợ.',
        },
        {
          on: '2024-09-27',
          percent: 40,
          indicatorValue: '22 %',
          note: 'Thêm 15 xã triển khai thu phí trực tuyến; tổ công nghệ số cộng đồng hướng dẫn người dân tại chỗ.',
        },
      ],
    },
    {
      key: 'ql-1',
      unit: 'NA-QL',
      area: 'APPARATUS',
      criterion: '4.3',
      title:
        'Áp dụng, duy trì hệ thống quản lý chất lượng TCVN ISO 9001:2015 tại UBND huyện và UBND các xã, thị trấn',
      description: 'Cập nhật quy trình ISO theo danh mục thủ tục hành chính mới công bố.',
      due: '2024-10-31',
      indicatorTarget: '100 % UBND cấp xã áp dụng ISO 9001:2015',
      reports: [],
    },
    {
      key: 'cc-1',
      unit: 'NA-CC',
      area: 'DIGITAL_GOVERNMENT',
      criterion: '7.1',
      title:
        'Tuyên truyền, hướng dẫn người dân các xã vùng cao sử dụng dịch vụ công trực tuyến và tài khoản VNeID',
      description:
        'Phối hợp đoàn thanh niên, tổ công nghệ số cộng đồng hướng dẫn tại bản; tuyên truyền bằng tiếng Thái.',
      due: '2024-09-30',
      reports: [],
    },
    {
      key: 'nl-1',
      unit: 'NA-NL',
      area: 'CIVIL_SERVICE',
      criterion: '5.4',
      title: 'Lấy ý kiến người dân về tinh thần, thái độ phục vụ của công chức cấp xã và công khai kết quả',
      description: 'Đánh giá 2 lần trong năm (6 tháng và cuối năm); xử lý công chức bị phản ánh.',
      due: '2024-12-20',
      indicatorTarget: '2 đợt lấy ý kiến (6 tháng và cả năm)',
      reports: [
        {
          on: '2024-07-12',
          percent: 50,
          indicatorValue: '1/2 đợt',
          note: 'Hoàn thành đợt 1 tại các xã, thị trấn với 3.000 phiếu; 2 công chức bị phản ánh về thái độ đã được nhắc nhở.',
        },
      ],
    },
  ],
};

export const ngheAn2024PlanId = historyPlanId(ngheAn2024);
