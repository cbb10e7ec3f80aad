/* api_project.c — /api/v1/projects: đề án khuyến công, their partners and
 * beneficiaries, their moves through the lifecycle (core/project_state.h)
 * with the status history, and their adjustments (DOMAIN §3).
 *
 * Who may do what is the route table's, with one rule the store cannot
 * know: a national đề án (KCQG) is appraised, approved, carried over and
 * stopped by the Ministry (DOMAIN §3.1 steps 4, 6, 11; §3.2), and the
 * Ministry or its agency decides its adjustments; a province's manager
 * records the other moves. The handlers below enforce that, naming the rule
 * in the refusal. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/api_routes.h"
#include "core/project_state.h"
#include "store/store_project.h"

/* ---- Schemas ---------------------------------------------------------------------------- */

static const Field project_fields[] = {
        FIELD_I64(Project, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        FIELD_TEXT(
                Project, code, FORMAT_PLAIN, FIELD_REQUIRED, "Mã đề án, duy nhất: KCQG-2019-ST-01"),
        FIELD_TEXT(Project, title, FORMAT_PLAIN, FIELD_REQUIRED, "Tên đề án"),
        FIELD_TEXT(Project, kind, FORMAT_PLAIN, 0,
                "Loại hồ sơ: project (đề án, mặc định), plan, task"),
        FIELD_TEXT(Project, level, FORMAT_PLAIN, FIELD_REQUIRED,
                "Cấp: national (khuyến công quốc gia) hoặc local (khuyến công địa phương)"),
        FIELD_TEXT(Project, type, FORMAT_PLAIN, 0,
                "Loại đề án: ordinary (mặc định), group, flagship, value_chain"),
        FIELD_TEXT(Project, scope, FORMAT_PLAIN, 0,
                "Phạm vi: provincial (mặc định) hoặc inter_provincial"),
        FIELD_TEXT(Project, activity_code, FORMAT_PLAIN, FIELD_REQUIRED,
                "Nội dung hoạt động khuyến công (mã)"),
        FIELD_TEXT(Project, province_list, FORMAT_PLAIN, FIELD_REQUIRED,
                "Danh mục đơn vị hành chính của tỉnh: current hoặc legacy"),
        FIELD_TEXT(Project, province_code, FORMAT_PLAIN, FIELD_REQUIRED, "Mã tỉnh"),
        FIELD_TEXT(Project, commune_list, FORMAT_PLAIN, 0, "Danh mục của xã (như của tỉnh)"),
        FIELD_TEXT(Project, commune_code, FORMAT_PLAIN, 0, "Mã xã"),
        FIELD_I64(Project, implementing_id, -1, FORMAT_PLAIN, 0, "Đơn vị thực hiện (số tổ chức)"),
        FIELD_I64(Project, programme_id, -1, FORMAT_PLAIN, 0, "Chương trình khuyến công (số)"),
        FIELD_I64(Project, plan_id, -1, FORMAT_PLAIN, 0, "Kế hoạch khuyến công năm (số)"),
        FIELD_INT(Project, registration_year, 0, FORMAT_YEAR, 0, "Năm đăng ký"),
        FIELD_INT(Project, start_year, 0, FORMAT_YEAR, FIELD_REQUIRED, "Năm bắt đầu thực hiện"),
        FIELD_INT(Project, end_year, 0, FORMAT_YEAR, FIELD_REQUIRED, "Năm kết thúc thực hiện"),
        FIELD_TEXT(Project, eligible_from, FORMAT_DATE, 0,
                "Ngày đầu được tính chi phí (hóa đơn từ ngày này)"),
        FIELD_TEXT(Project, eligible_to, FORMAT_DATE, 0, "Ngày cuối được tính chi phí"),
        FIELD_TEXT(Project, objective, FORMAT_PLAIN, 0, "Mục tiêu"),
        FIELD_TEXT(Project, note, FORMAT_PLAIN, 0, "Ghi chú"),
        FIELD_TEXT(Project, status, FORMAT_PLAIN, FIELD_READONLY,
                "Trạng thái; chỉ đổi qua POST .../transition"),
        FIELD_TEXT(Project, status_date, FORMAT_DATE, FIELD_READONLY,
                "Ngày chuyển sang trạng thái hiện tại"),
        FIELD_INT(Project, version, 0, FORMAT_PLAIN, 0,
                "Phiên bản đã đọc (khi sửa: để không ghi đè thay đổi của người khác)"),
};
const Schema api_project_schema = SCHEMA("Project", project_fields, "Đề án khuyến công");

/* What a move asks for: the target state and what the store records. */
typedef struct TransitionIn {
	const char *to_status;
	const char *event_date, *decision_no, *decision_date;
	int64_t actor_org_id;
	const char *reason_code, *reason;
	int version;
} TransitionIn;

static const Field transition_fields[] = {
        FIELD_TEXT(TransitionIn, to_status, FORMAT_PLAIN, FIELD_REQUIRED,
                "Trạng thái chuyển tới (xem GET .../transitions)"),
        FIELD_TEXT(TransitionIn, event_date, FORMAT_DATE, 0, "Ngày chuyển; mặc định hôm nay"),
        FIELD_TEXT(TransitionIn, decision_no, FORMAT_PLAIN, 0,
                "Số quyết định (bắt buộc khi phê duyệt, ngừng, chuyển năm, nghiệm thu, "
                "thanh quyết toán)"),
        FIELD_TEXT(TransitionIn, decision_date, FORMAT_DATE, 0, "Ngày ký quyết định"),
        FIELD_I64(TransitionIn, actor_org_id, -1, FORMAT_PLAIN, 0, "Đơn vị quyết định (số)"),
        FIELD_TEXT(TransitionIn, reason_code, FORMAT_PLAIN, 0, "Mã lý do"),
        FIELD_TEXT(TransitionIn, reason, FORMAT_PLAIN, 0, "Lý do"),
        FIELD_INT(TransitionIn, version, 0, FORMAT_PLAIN, 0,
                "Phiên bản đề án đã đọc (hoặc If-Match)"),
};
const Schema api_transition_schema =
        SCHEMA("Transition", transition_fields, "Chuyển trạng thái đề án");

/* A state a đề án may move to next, as GET .../transitions lists them. */
typedef struct NextState {
	const char *to_status, *label;
	bool needs_decision; /* the move records a decision's number and date */
	bool allowed;        /* the caller may make it */
} NextState;

static const Field next_fields[] = {
        FIELD_TEXT(NextState, to_status, FORMAT_PLAIN, FIELD_READONLY, "Trạng thái"),
        FIELD_TEXT(NextState, label, FORMAT_PLAIN, FIELD_READONLY, "Tên trạng thái"),
        FIELD_BOOL(NextState, needs_decision, FIELD_READONLY,
                "Cần số và ngày quyết định (decision_no, decision_date)"),
        FIELD_BOOL(NextState, allowed, FIELD_READONLY, "Người đang đăng nhập được chuyển"),
};
const Schema api_next_state_schema =
        SCHEMA("NextState", next_fields, "Trạng thái đề án có thể chuyển tới");

static const Field event_fields[] = {
        FIELD_I64(ProjectEvent, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        FIELD_TEXT(ProjectEvent, from_status, FORMAT_PLAIN, FIELD_READONLY,
                "Trạng thái trước (null: lần tạo)"),
        FIELD_TEXT(ProjectEvent, to_status, FORMAT_PLAIN, FIELD_READONLY, "Trạng thái sau"),
        FIELD_TEXT(ProjectEvent, event_date, FORMAT_DATE, FIELD_READONLY, "Ngày chuyển"),
        FIELD_TEXT(ProjectEvent, decision_no, FORMAT_PLAIN, FIELD_READONLY, "Số quyết định"),
        FIELD_TEXT(ProjectEvent, decision_date, FORMAT_DATE, FIELD_READONLY, "Ngày ký quyết định"),
        FIELD_I64(ProjectEvent, actor_org_id, -1, FORMAT_PLAIN, FIELD_READONLY,
                "Đơn vị quyết định (số)"),
        FIELD_I64(ProjectEvent, user_id, -1, FORMAT_PLAIN, FIELD_READONLY,
                "Người ghi (số tài khoản)"),
        FIELD_TEXT(ProjectEvent, reason_code, FORMAT_PLAIN, FIELD_READONLY, "Mã lý do"),
        FIELD_TEXT(ProjectEvent, reason, FORMAT_PLAIN, FIELD_READONLY, "Lý do"),
        FIELD_TEXT(ProjectEvent, created_at, FORMAT_TIME, FIELD_READONLY, "Thời điểm ghi"),
};
const Schema api_project_event_schema =
        SCHEMA("ProjectEvent", event_fields, "Một lần chuyển trạng thái của đề án");

/* A member as answered, and the two bodies that add one. */
static const Field member_fields[] = {
        FIELD_I64(ProjectMember, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số tổ chức hoặc số cơ sở"),
        FIELD_TEXT(ProjectMember, name, FORMAT_PLAIN, FIELD_READONLY, "Tên"),
        FIELD_TEXT(ProjectMember, role, FORMAT_PLAIN, FIELD_READONLY,
                "Vai trò: partner, lead (đơn vị phối hợp, chủ trì) hoặc beneficiary"),
};
const Schema api_project_member_schema =
        SCHEMA("ProjectMember", member_fields, "Đơn vị phối hợp hoặc cơ sở thụ hưởng của đề án");

typedef struct PartnerIn {
	int64_t org_id;
	const char *role;
} PartnerIn;

static const Field partner_fields[] = {
        FIELD_I64(PartnerIn, org_id, -1, FORMAT_PLAIN, FIELD_REQUIRED, "Số tổ chức"),
        FIELD_TEXT(PartnerIn, role, FORMAT_PLAIN, 0, "partner (mặc định) hoặc lead (chủ trì)"),
};
const Schema api_project_partner_schema =
        SCHEMA("ProjectPartnerIn", partner_fields, "Thêm đơn vị phối hợp");

typedef struct BeneficiaryIn {
	int64_t establishment_id;
} BeneficiaryIn;

static const Field beneficiary_fields[] = {
        FIELD_I64(BeneficiaryIn, establishment_id, -1, FORMAT_PLAIN, FIELD_REQUIRED,
                "Số cơ sở công nghiệp nông thôn"),
};
const Schema api_project_beneficiary_schema =
        SCHEMA("ProjectBeneficiaryIn", beneficiary_fields, "Thêm cơ sở thụ hưởng");

static const Field adjustment_fields[] = {
        FIELD_I64(Adjustment, id, -1, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        FIELD_I64(Adjustment, project_id, -1, FORMAT_PLAIN, FIELD_READONLY, "Đề án (số)"),
        FIELD_TEXT(Adjustment, kind, FORMAT_PLAIN, FIELD_REQUIRED,
                "Loại: increase_support, change_content, extend_next_year, add_project, stop, "
                "change_location, change_beneficiary, change_partner, change_timing_in_year, "
                "reduce_support, other"),
        FIELD_TEXT(Adjustment, requested_on, FORMAT_DATE, 0, "Ngày đề nghị; mặc định hôm nay"),
        FIELD_TEXT(Adjustment, request_doc, FORMAT_PLAIN, 0, "Văn bản đề nghị"),
        FIELD_TEXT(Adjustment, confirm_doc, FORMAT_PLAIN, 0, "Văn bản xác nhận của Sở Công Thương"),
        FIELD_TEXT(Adjustment, old_value, FORMAT_PLAIN, 0, "Nội dung cũ"),
        FIELD_TEXT(Adjustment, new_value, FORMAT_PLAIN, 0, "Nội dung mới"),
        FIELD_TEXT(Adjustment, reason_code, FORMAT_PLAIN, 0, "Mã lý do"),
        FIELD_TEXT(Adjustment, reason, FORMAT_PLAIN, 0, "Lý do"),
        FIELD_I64(Adjustment, rule_id, -1, FORMAT_PLAIN, FIELD_READONLY,
                "Quy tắc xác định cấp phê duyệt (số)"),
        FIELD_TEXT(Adjustment, approver, FORMAT_PLAIN, FIELD_READONLY,
                "Cấp phê duyệt: ministry, agency, ppc, doit"),
        FIELD_TEXT(Adjustment, status, FORMAT_PLAIN, FIELD_READONLY,
                "requested, approved hoặc rejected"),
        FIELD_TEXT(Adjustment, decision_no, FORMAT_PLAIN, FIELD_READONLY, "Số quyết định"),
        FIELD_TEXT(Adjustment, decision_date, FORMAT_DATE, FIELD_READONLY, "Ngày quyết định"),
};
const Schema api_adjustment_schema =
        SCHEMA("Adjustment", adjustment_fields, "Đề nghị điều chỉnh đề án");

typedef struct DecisionIn {
	const char *decision, *decision_no, *decision_date;
} DecisionIn;

static const Field decision_fields[] = {
        FIELD_TEXT(DecisionIn, decision, FORMAT_PLAIN, FIELD_REQUIRED, "approved hoặc rejected"),
        FIELD_TEXT(
                DecisionIn, decision_no, FORMAT_PLAIN, 0, "Số quyết định (bắt buộc khi phê duyệt)"),
        FIELD_TEXT(DecisionIn, decision_date, FORMAT_DATE, 0, "Ngày ký (bắt buộc khi phê duyệt)"),
};
const Schema api_adjustment_decision_schema =
        SCHEMA("AdjustmentDecision", decision_fields, "Quyết định về đề nghị điều chỉnh");

static const char *const levels[] = {"national", "local", NULL};

const Param api_project_list_params[] = {
        API_SEARCH_PARAM,
        API_PROVINCE_PARAM,
        {"year", PARAM_INT, 1990, 2100, NULL, "Đề án thực hiện trong năm này", false},
        {"level", PARAM_ENUM, 0, 0, levels, "Cấp khuyến công", false},
        {"activity", PARAM_TEXT, 0, 32, NULL, "Nội dung hoạt động (mã)", false},
        {"status", PARAM_TEXT, 0, 32, NULL,
                "Trạng thái: draft, registered, appraised_basic, appraised, approved, "
                "not_funded, contracted, in_progress, carried_over, accepted, settled, "
                "closed, terminated",
                false},
        API_PAGE_PARAMS,
        {NULL},
};

/* ---- Loading and scope ------------------------------------------------------------------ */

int api_project_scope(Ctx *c, int64_t project_id, char province[3])
{
	Project p;
	return store_project_get_scoped(c->db, project_id, c->arena, &p, province, &c->err);
}

int api_project_child(Ctx *c, int64_t owner, const char *what, char province[3])
{
	if (owner != c->id)
		return err_set(&c->err, KC_ENOTFOUND, "Không có %s số %lld trong đề án số %lld",
		        what, (long long)c->sub, (long long)c->id);
	return api_project_scope(c, c->id, province);
}

int api_project_created(Ctx *c, const char *what, int64_t id, const Schema *s, const void *rec)
{
	char collection[64];
	snprintf(collection, sizeof collection, "/api/v1/projects/%lld/%s", (long long)c->id, what);
	return api_created(c, collection, id, s, rec, 0);
}

int api_project_load(Ctx *c, char province[3])
{
	Project *p = arena_alloc(c->arena, sizeof *p);
	int rc = store_project_get_scoped(c->db, c->id, c->arena, p, province, &c->err);
	if (rc == 0)
		c->rec = p;
	return rc;
}

/* ---- The đề án record ------------------------------------------------------------------- */

int api_project_list(Ctx *c)
{
	ProjectFilter f = store_project_filter();
	f.q = api_text(c, "q");
	f.current_province = *c->province ? c->province : NULL;
	f.year = (int)api_int(c, "year", 0);
	f.level = api_text(c, "level");
	f.activity_code = api_text(c, "activity");
	f.status = api_text(c, "status");
	f.limit = api_limit(c);
	f.offset = api_offset(c);
	ProjectList list;
	int rc = store_project_list(c->db, &f, c->arena, &list, &c->err);
	if (rc)
		return rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < list.n; i++)
		schema_write(&w, &api_project_schema, &list.v[i]);
	api_list_end(c, &w, list.total);
	return 0;
}

int api_project_get(Ctx *c)
{
	const Project *p = c->rec;
	return api_record(c, 200, &api_project_schema, p, p->version);
}

/* Answers the đề án id as stored now, with status. */
static int answer_project(Ctx *c, int status, int64_t id)
{
	Project p;
	int rc = store_project_get(c->db, id, c->arena, &p, &c->err);
	if (rc)
		return rc;
	if (status == 201)
		return api_created(c, "/api/v1/projects", id, &api_project_schema, &p, p.version);
	return api_record(c, status, &api_project_schema, &p, p.version);
}

int api_project_create(Ctx *c)
{
	Project in = store_project_blank();
	int64_t id;
	int rc = http_body_read(c, &api_project_schema, NULL, &in);
	if (!rc)
		rc = store_project_create(c->db, &c->actor, &in, &id, &c->err);
	return rc ? api_ref_status(c, rc) : answer_project(c, 201, id);
}

int api_project_update(Ctx *c)
{
	Project in = *(const Project *)c->rec;
	in.version = 0;
	int rc = http_body_read(c, &api_project_schema, NULL, &in);
	if (!rc)
		rc = api_version(c, in.version, &in.version);
	if (!rc)
		rc = api_ref_status(c, store_project_update(c->db, &c->actor, &in, &c->err));
	return rc ? rc : answer_project(c, 200, c->id);
}

int api_project_audit(Ctx *c)
{
	return api_audit_history(c, "project", NULL);
}

int api_project_delete(Ctx *c)
{
	int version;
	int rc = api_version(c, 0, &version);
	if (!rc)
		rc = store_project_delete(c->db, &c->actor, c->id, version, &c->err);
	return rc ? rc : api_no_content(c);
}

/* ---- Lifecycle -------------------------------------------------------------------------- */

/* The store decides which moves a province may not make
 * (store_project_may_move); the role is the router's. */
bool api_project_may_move(const Ctx *c, const Project *p, const char *to)
{
	return ctx_can(c, ROLE_MANAGER) && store_project_may_move(&c->actor, p->level, to);
}

/* A refusal of the store for who the caller is (the Ministry's move of a
 * national đề án) is 403; one for the record's state stays 409. */
int api_project_move_refused(Ctx *c, const Project *p, const char *to, int rc)
{
	if (rc == KC_EDENIED && !store_project_may_move(&c->actor, p->level, to))
		return ctx_fail(c, 403, rc);
	return rc;
}

int api_project_transitions(Ctx *c)
{
	const Project *p = c->rec;
	const char *next[PROJECT_STATE_COUNT];
	int n = project_state_next(p->status, next, PROJECT_STATE_COUNT);
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < n && i < PROJECT_STATE_COUNT; i++) {
		NextState s = {
		        .to_status = next[i],
		        .label = project_state_label(next[i]),
		        .needs_decision = project_transition_needs_decision(p->status, next[i]),
		        .allowed = api_project_may_move(c, p, next[i]),
		};
		schema_write(&w, &api_next_state_schema, &s);
	}
	json_arr_end(&w);
	json_key(&w, "status");
	json_cstr(&w, p->status);
	json_key(&w, "label");
	json_cstr(&w, project_state_label(p->status));
	json_key(&w, "total");
	json_int(&w, n);
	json_obj_end(&w);
	return 0;
}

int api_project_transition(Ctx *c)
{
	const Project *p = c->rec;
	TransitionIn in = {.actor_org_id = -1};
	int rc = http_body_read(c, &api_transition_schema, NULL, &in);
	if (rc)
		return rc;
	if (!in.to_status)
		return ctx_fail(c, 422,
		        err_field(&c->err, "to_status", KC_EINVAL,
		                "Chưa chọn trạng thái chuyển tới (to_status)"));
	if ((rc = api_version(c, in.version, &in.version)))
		return rc;
	Transition t = store_project_transition_blank();
	t.event_date = in.event_date;
	t.decision_no = in.decision_no;
	t.decision_date = in.decision_date;
	t.actor_org_id = in.actor_org_id;
	t.reason_code = in.reason_code;
	t.reason = in.reason;
	rc = store_project_transition(
	        c->db, &c->actor, c->id, in.version, in.to_status, &t, &c->err);
	if (rc && !strcmp(c->err.field, "status")) /* the store's name for the body's to_status */
		snprintf(c->err.field, sizeof c->err.field, "to_status");
	return rc ? api_project_move_refused(c, p, in.to_status, rc)
	          : answer_project(c, 200, c->id);
}

int api_project_events(Ctx *c)
{
	ProjectEvents ev;
	int rc = store_project_events(c->db, c->id, c->arena, &ev, &c->err);
	return rc ? rc : api_all(c, &api_project_event_schema, ev.v, sizeof *ev.v, ev.n);
}

/* ---- Partners and beneficiaries --------------------------------------------------------- */

typedef int (*MembersFn)(Db *db, int64_t id, Arena *arena, ProjectMembers *out, Err *e);

static int answer_members(Ctx *c, MembersFn list)
{
	ProjectMembers m;
	int rc = list(c->db, c->id, c->arena, &m, &c->err);
	return rc ? rc : api_all(c, &api_project_member_schema, m.v, sizeof *m.v, m.n);
}

/* 201 with member mid as listed now, at <the đề án>/<what>/<mid>. */
static int answer_member(Ctx *c, MembersFn list, const char *what, int64_t mid)
{
	ProjectMembers m;
	int rc = list(c->db, c->id, c->arena, &m, &c->err);
	for (int i = 0; !rc && i < m.n; i++)
		if (m.v[i].id == mid)
			return api_project_created(
			        c, what, mid, &api_project_member_schema, &m.v[i]);
	return rc ? rc
	          : err_set(&c->err, KC_EIO, "member %lld not listed after adding", (long long)mid);
}

int api_project_partners(Ctx *c)
{
	return answer_members(c, store_project_partners);
}

int api_project_partner_add(Ctx *c)
{
	PartnerIn in = {.org_id = -1};
	int rc = http_body_read(c, &api_project_partner_schema, NULL, &in);
	if (!rc)
		rc = api_ref_status(c, store_project_partner_add(c->db, &c->actor, c->id, in.org_id,
		                               in.role, &c->err));
	return rc ? rc : answer_member(c, store_project_partners, "partners", in.org_id);
}

int api_project_partner_remove(Ctx *c)
{
	int rc = store_project_partner_remove(c->db, &c->actor, c->id, c->sub, &c->err);
	return rc ? rc : api_no_content(c);
}

int api_project_beneficiaries(Ctx *c)
{
	return answer_members(c, store_project_beneficiaries);
}

int api_project_beneficiary_add(Ctx *c)
{
	BeneficiaryIn in = {.establishment_id = -1};
	int rc = http_body_read(c, &api_project_beneficiary_schema, NULL, &in);
	if (!rc)
		rc = api_ref_status(c, store_project_beneficiary_add(c->db, &c->actor, c->id,
		                               in.establishment_id, &c->err));
	return rc ? rc
	          : answer_member(
	                    c, store_project_beneficiaries, "beneficiaries", in.establishment_id);
}

int api_project_beneficiary_remove(Ctx *c)
{
	int rc = store_project_beneficiary_remove(c->db, &c->actor, c->id, c->sub, &c->err);
	return rc ? rc : api_no_content(c);
}

/* ---- Adjustments ------------------------------------------------------------------------ */

int api_adjustment_load(Ctx *c, char province[3])
{
	Adjustment *a = arena_alloc(c->arena, sizeof *a);
	int rc = store_project_adjustment_get(c->db, c->sub, c->arena, a, &c->err);
	if (rc)
		return rc;
	c->rec = a;
	return api_project_child(c, a->project_id, "đề nghị điều chỉnh", province);
}

int api_adjustment_list(Ctx *c)
{
	Adjustments list;
	int rc = store_project_adjustments(c->db, c->id, c->arena, &list, &c->err);
	return rc ? rc : api_all(c, &api_adjustment_schema, list.v, sizeof *list.v, list.n);
}

int api_adjustment_get(Ctx *c)
{
	return api_record(c, 200, &api_adjustment_schema, c->rec, 0);
}

int api_adjustment_propose(Ctx *c)
{
	Adjustment in = store_project_adjustment_blank();
	int64_t id;
	int rc = http_body_read(c, &api_adjustment_schema, NULL, &in);
	if (!rc)
		rc = api_ref_status(
		        c, store_project_adjust(c->db, &c->actor, c->id, &in, &id, &c->err));
	if (!rc)
		rc = store_project_adjustment_get(c->db, id, c->arena, &in, &c->err);
	return rc ? rc : api_project_created(c, "adjustments", id, &api_adjustment_schema, &in);
}

int api_adjustment_decider(Ctx *c, const Adjustment *a)
{
	/* DOMAIN §3.2: the Ministry (Bộ) or its agency (Cục) decide the
	 * adjustments of national đề án; the province (UBND tỉnh, Sở CT) its own. */
	bool national =
	        a->approver && (!strcmp(a->approver, "ministry") || !strcmp(a->approver, "agency"));
	if (national && !c->who.all_provinces)
		return ctx_fail(c, 403,
		        err_field(&c->err, "decision", KC_EDENIED,
		                "Đề nghị điều chỉnh số %lld của đề án khuyến công quốc gia do %s quyết"
		                " định; tài khoản cấp tỉnh không ghi được quyết định này",
		                (long long)a->id,
		                strcmp(a->approver, "ministry")
		                        ? "Cục (cơ quan khuyến công quốc gia của Bộ Công Thương)"
		                        : "Bộ Công Thương"));
	return 0;
}

int api_adjustment_decide(Ctx *c)
{
	const Adjustment *a = c->rec;
	DecisionIn in = {0};
	int rc = http_body_read(c, &api_adjustment_decision_schema, NULL, &in);
	if (rc || (rc = api_adjustment_decider(c, a)))
		return rc;
	Adjustment out;
	rc = store_project_adjust_decide(
	        c->db, &c->actor, c->sub, in.decision, in.decision_no, in.decision_date, &c->err);
	if (!rc)
		rc = store_project_adjustment_get(c->db, c->sub, c->arena, &out, &c->err);
	return rc ? rc : api_record(c, 200, &api_adjustment_schema, &out, 0);
}
