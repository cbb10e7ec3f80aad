/* io_kind_product.c — rows of typical-product certificates.
 *
 * A row names the establishment (tax code, or a name unique in the row's
 * province), its product (made when the establishment has none of that
 * name) and the certificate, known by its level and number, or without a
 * number by product, level and year. */
#include <string.h>

#include "io/io_run.h"
#include "store/store_product.h"

enum {
	C_STT,
	C_ESTABLISHMENT,
	C_PROVINCE,
	C_PRODUCT,
	C_GROUP,
	C_LEVEL,
	C_YEAR,
	C_NUMBER,
	C_DECISION_NO,
	C_DECISION_DATE,
	C_VALID_UNTIL,
	C_SCORE,
	C_NFIELDS
};

static const char *const fields[C_NFIELDS] = {"stt", "establishment", "province_code", "product",
        "product_group", "level", "year", "certificate_no", "decision_no", "decision_date",
        "valid_until", "score"};

/* The product the row names, made if the establishment has none of its
 * name; a group written that differs from the stored one is updated. */
static int product_of(Run *r, int64_t est, int64_t *id, Outcome *out, bool *ok)
{
	Err e = {0};
	*ok = false;
	int rc = store_product_find(run_db(r), est, run_text(r, C_PRODUCT), id, &e);
	const char *group = run_val(r, C_GROUP)->code;
	if (rc == KC_ENOTFOUND) {
		Product p = store_product_blank();
		p.establishment_id = est;
		p.name = run_text(r, C_PRODUCT);
		if (group)
			p.product_group = group;
		rc = store_product_create(run_db(r), run_actor(r), &p, id, &e);
	} else if (rc == 0 && group) {
		Product p;
		if ((rc = store_product_get(run_db(r), *id, run_arena(r), &p, &e)) == 0 &&
		        strcmp(p.product_group, group)) {
			p.product_group = group;
			rc = store_product_update(run_db(r), run_actor(r), &p, &e);
		}
	}
	*ok = rc == 0;
	return run_store(r, rc, &e, out);
}

static bool same_cert(const Certification *a, const Certification *b)
{
	return a->product_id == b->product_id && a->year == b->year &&
	       run_same_text(a->certificate_no, b->certificate_no) &&
	       run_same_text(a->decision_no, b->decision_no) &&
	       run_same_text(a->decision_date, b->decision_date) &&
	       run_same_text(a->valid_until, b->valid_until) && a->score == b->score;
}

static int cert_row(Run *r, Outcome *out)
{
	UnitRef p = {0}, c;
	bool ok = true;
	int rc = run_val(r, C_PROVINCE)->set ? run_place(r, C_PROVINCE, -1, -1,
	                                               (int)run_val(r, C_YEAR)->num, &p, &c, &ok)
	                                     : 0;
	if (rc || !ok)
		return rc;
	int64_t est, product, id = 0, row;
	if ((rc = run_find_establishment(r, C_ESTABLISHMENT, run_text(r, C_ESTABLISHMENT),
	             p.code[0] ? &p : NULL, &est, &ok)) ||
	        !ok || (rc = run_establishment_scope(r, C_ESTABLISHMENT, est, &ok)) || !ok)
		return rc;
	if ((rc = product_of(r, est, &product, out, &ok)) || !ok)
		return rc;
	Certification x = store_product_cert_blank();
	x.product_id = product;
	x.level = run_val(r, C_LEVEL)->code;
	x.year = (int)run_val(r, C_YEAR)->num;
	x.certificate_no = run_text(r, C_NUMBER);
	x.decision_no = run_text(r, C_DECISION_NO);
	x.decision_date = run_date(r, C_DECISION_DATE);
	x.valid_until = run_date(r, C_VALID_UNTIL);
	x.score = run_val(r, C_SCORE)->set ? run_val(r, C_SCORE)->num : -1;
	Err e = {0};
	rc = store_product_cert_find(run_db(r), &x, &id, &e);
	if (rc && rc != KC_ENOTFOUND)
		return run_store(r, rc, &e, out);
	if (id && run_seen(r, SEEN_CERT, id, &row)) {
		run_problem(r, x.certificate_no ? C_NUMBER : C_PRODUCT, false,
		        "Trùng với dòng %lld: cùng %s", (long long)row,
		        x.certificate_no ? "cấp và số giấy chứng nhận" : "sản phẩm, cấp và năm");
		return 0;
	}
	if (!id) {
		*out = OUT_CREATED;
		rc = store_product_cert_create(run_db(r), run_actor(r), &x, &id, &e);
		if (rc == 0)
			run_seen(r, SEEN_CERT, id, &row);
		return run_store(r, rc, &e, out);
	}
	Certification cur;
	if ((rc = store_product_cert_get(run_db(r), id, run_arena(r), &cur, &e)))
		return run_store(r, rc, &e, out);
	if (same_cert(&cur, &x)) {
		*out = OUT_UNCHANGED;
		return 0;
	}
	x.id = id;
	x.version = cur.version;
	*out = OUT_UPDATED;
	return run_store(r, store_product_cert_update(run_db(r), run_actor(r), &x, &e), &e, out);
}

const KindDef io_kind_certifications = {
        "certifications", "Sản phẩm CNNT tiêu biểu được công nhận", fields, C_NFIELDS, cert_row};
