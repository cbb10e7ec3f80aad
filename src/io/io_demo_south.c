/* io_demo_south.c — the southern region's first half of 2016 (seed001: the
 * southern khuyến công conference, 15/08/2016).
 *
 * The article gives the 20 provinces' results only as consolidated totals,
 * so they are stored as the region's reported figures (region 'moit_south',
 * period 2016-H1), each with its DOMAIN §7 id. No split by province is
 * invented: khuyencong's region lists 19 southern provinces for 2016 where
 * the conference counted 20 (data/README.md), so a split would have to
 * invent a province too. */
#include "io/io_demo_kit.h"

/* DOMAIN §7.2, and the indicators tests/store/test_rules.c maps them to. */
static const DemoFigure figures[] = {
        {"001-01", "reporting_provinces", "2016-H1", "actual", "all", 20, NULL,
                "20 tỉnh, thành phố khu vực phía Nam"},
        {"001-02", "trainees", "2016-H1", "actual", "local", 331, NULL,
                "kinh phí khuyến công địa phương đào tạo nghề và nâng cao tay nghề cho 331 lao"
                " động"},
        {"001-03", "trainees_pct_plan", "2016-H1", "actual", "local", 1900, NULL,
                "đạt 19% kế hoạch"},
        {"001-04", "disbursed_training", "2016-H1", "actual", "local", 74000000, NULL,
                "giải ngân 74 triệu đồng"},
        {"001-05", "disbursement_rate_training", "2016-H1", "actual", "local", 500, NULL,
                "đạt 5% kế hoạch"},
        {"001-06", "management_trainees", "2016-H1", "actual", "all", 369, NULL,
                "đào tạo nâng cao năng lực quản lý và khởi sự cho 369 người"},
        {"001-07", "disbursed_management", "2016-H1", "actual", "all", 412000000, NULL,
                "giải ngân 412 triệu đồng"},
        {"001-08", "disbursement_rate_management", "2016-H1", "actual", "all", 2000, NULL,
                "đạt 20% kế hoạch"},
        {"001-09", "demo_models", "2016-H1", "actual", "all", 5, NULL,
                "tổ chức trình diễn được 5 mô hình trình diễn kỹ thuật"},
        {"001-10", "establishments_supported", "2016-H1", "actual", "all", 59, NULL,
                "hỗ trợ 59 cơ sở CNNT chuyển giao công nghệ và ứng dụng máy móc thiết bị hiện đại"},
        {"001-11", "disbursed_machinery", "2016-H1", "actual", "all", 9200000000, NULL,
                "giải ngân được 9,2 tỷ đồng"},
        {"001-12", "disbursement_rate_machinery", "2016-H1", "actual", "all", 3000, NULL,
                "đạt 30% kế hoạch"},
        {"001-13", "fair_participations", "2016-H1", "actual", "all", 130, "gần",
                "gần 130 lượt cơ sở CNNT tham gia hội chợ trong nước"},
        {"001-14", "disbursed_fairs", "2016-H1", "actual", "all", 632000000, NULL,
                "giải ngân được 632 triệu đồng"},
        {"001-15", "disbursement_rate_fairs", "2016-H1", "actual", "all", 1000, NULL,
                "đạt 10% kế hoạch"},
        {"001-16", "consulting_support_amount", "2016-H1", "actual", "all", 164000000, NULL,
                "164 triệu đồng hỗ trợ tư vấn trong lĩnh vực marketing"},
        {"001-17", "disbursed_information", "2016-H1", "actual", "all", 1050000000, NULL,
                "cung cấp thông tin về chính sách phát triển công nghiệp, khuyến công: giải ngân"
                " 1,05 tỷ đồng"},
        {"001-18", "disbursement_rate_information", "2016-H1", "actual", "all", 3200, NULL,
                "đạt 32% kế hoạch"},
        {"001-19", "consulting_projects", "2016-H1", "actual", "all", 244, NULL,
                "tư vấn và phát triển công nghiệp đã tư vấn cho 244 dự án"},
        {"001-20", "consulting_revenue", "2016-H1", "estimate", "all", 2800000000, "ước",
                "doanh thu ước đạt 2,8 tỷ đồng"},
        {"001-21", "consulting_revenue_pct_plan", "2016-H1", "estimate", "all", 5200, NULL,
                "đạt 52% kế hoạch"},
};

int demo_south_2016(Demo *d)
{
	int rc = demo_figures(d, "region", NULL, "moit_south",
	        "seed001: Hội nghị khuyến công các tỉnh, thành phố khu vực phía Nam năm 2016"
	        " (15/08/2016)",
	        figures, sizeof figures / sizeof figures[0]);
	return demo_context(d, rc, "Khu vực phía Nam");
}
