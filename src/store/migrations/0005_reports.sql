-- Report templates and submitted reports (DESIGN.md §5, DOMAIN.md §5).
--
-- A template is data: its rows, columns and filters are a JSON document that
-- the report layer parses and checks (docs/reports.md). The shipped
-- templates (data/reports/*.json) are inserted by `khuyencong init` when
-- their id is missing; an administrator's edit adds a new version and
-- becomes the current one, and init never overwrites it. Every version is
-- kept, because a submitted report names the version it was computed with.
--
-- A snapshot is a submitted report frozen: the computed table as JSON, the
-- template version, scope, period, boundaries and filters, who submitted it
-- and when. Versions are numbered per (template, scope, period): submitting
-- the same report again adds version 2, never changes version 1. The store
-- has no function that updates a snapshot.

CREATE TABLE report_template (
  id              TEXT PRIMARY KEY,     -- 'ket_qua_thuc_hien'
  position        INTEGER NOT NULL,     -- order in lists
  current_version INTEGER NOT NULL,
  updated_at      TEXT NOT NULL
);

CREATE TABLE report_template_version (
  template_id TEXT NOT NULL REFERENCES report_template(id),
  version     INTEGER NOT NULL CHECK (version > 0),
  title       TEXT NOT NULL,            -- the template's title, for lists
  body        TEXT NOT NULL,            -- the template as JSON
  origin      TEXT NOT NULL,            -- 'shipped:01_ket_qua_thuc_hien.json' | 'edit'
  created_at  TEXT NOT NULL,
  created_by  BIGINT,                   -- app_user.id; NULL for the system
  PRIMARY KEY (template_id, version)
);

CREATE TABLE report_snapshot (
  id               INTEGER PRIMARY KEY,
  template_id      TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  scope            TEXT NOT NULL,       -- canonical: 'nation', 'region:moit_south', 'province:legacy:94'
  period           TEXT NOT NULL,       -- canonical period code: '2016-H1'
  boundaries       TEXT NOT NULL CHECK (boundaries IN ('legacy', 'current')),
  filters          TEXT NOT NULL,       -- canonical filter text, '' for none
  version          INTEGER NOT NULL CHECK (version > 0),
  table_json       TEXT NOT NULL,       -- the computed table (report JSON format)
  submitted_by     BIGINT,              -- app_user.id; NULL for the system
  submitted_name   TEXT NOT NULL,
  submitted_at     TEXT NOT NULL,
  note             TEXT,
  UNIQUE (template_id, scope, period, version),
  FOREIGN KEY (template_id, template_version) REFERENCES report_template_version (template_id, version)
);

-- Indicators the standard report templates need besides the catalogue of
-- 0003: the articles count completed plans and đề án apart from those
-- carried out ("hoàn thành 1 kế hoạch và 66 đề án", seed000; "hoàn thành 2
-- kế hoạch và 223 đề án", seed004; "thực hiện 44 đề án", seed003).
INSERT INTO indicator (code, label_vi, unit_vi, value_kind, activity_code, source, position) VALUES
  ('plans_completed', 'Số kế hoạch hoàn thành', 'kế hoạch', 'count', NULL, 'both', 111),
  ('projects_completed', 'Số đề án hoàn thành', 'đề án', 'count', NULL, 'both', 101);
