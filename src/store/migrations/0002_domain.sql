-- The domain of khuyến công (DESIGN.md §4, DOMAIN.md §1–§5).
--
-- Portable SQL for SQLite and PostgreSQL: INTEGER PRIMARY KEY ids (the
-- PostgreSQL driver maps them to identity columns), BIGINT đồng, TEXT dates
-- 'YYYY-MM-DD' and timestamps 'YYYY-MM-DDTHH:MM:SSZ' written by the program,
-- 0/1 integers for flags. Places are recorded as (list, code) as they were
-- at the time; re-basing onto current provinces goes through admin_succession.
-- Every searchable name has a folded name_key and a Vietnamese sort_key.

------------------------------------------------------------------------------
-- Rules as data: what the law says today, versioned by the instrument.
------------------------------------------------------------------------------

CREATE TABLE legal_instrument (
  code           TEXT PRIMARY KEY,       -- 'ND45_2012', 'TT28_2018_BTC'
  kind           TEXT NOT NULL,          -- Nghị định, Thông tư, Quyết định, Nghị quyết ...
  number         TEXT NOT NULL,          -- '45/2012/NĐ-CP'
  issuer         TEXT,
  title          TEXT NOT NULL,
  signed_on      TEXT,
  effective_from TEXT,
  effective_to   TEXT,
  replaced_by    TEXT REFERENCES legal_instrument(code),
  source_tag     TEXT,                   -- DOMAIN.md source tag, e.g. 'W-TT28a'
  unsure         INTEGER NOT NULL DEFAULT 0 CHECK (unsure IN (0, 1))
);

-- Activity contents: the NĐ 45/2012 list and the programme groupings of
-- 2021–2025 and 2026–2030, each a scheme of codes.
CREATE TABLE activity_content (
  code            TEXT PRIMARY KEY,      -- 'C01_TRAINING'
  scheme          TEXT NOT NULL,         -- 'nd45' | 'qd1881' | 'qd2646'
  position        INTEGER NOT NULL,
  label_vi        TEXT NOT NULL,
  label_en        TEXT,
  instrument_code TEXT REFERENCES legal_instrument(code),
  valid_from      TEXT,
  valid_to        TEXT
);

-- Which content of one scheme a content of another corresponds to.
CREATE TABLE activity_content_map (
  from_code TEXT NOT NULL REFERENCES activity_content(code),
  to_code   TEXT NOT NULL REFERENCES activity_content(code),
  PRIMARY KEY (from_code, to_code)
);

-- Indicators the reports count. source says whether a figure is computed
-- from records, entered as an aggregate figure, or either.
CREATE TABLE indicator (
  code          TEXT PRIMARY KEY,        -- 'trainees', 'disbursed_support'
  label_vi      TEXT NOT NULL,
  unit_vi       TEXT NOT NULL,           -- 'người', 'mô hình', 'đồng'
  value_kind    TEXT NOT NULL CHECK (value_kind IN ('count', 'money', 'percent_x100', 'ratio_x100')),
  activity_code TEXT REFERENCES activity_content(code),
  source        TEXT NOT NULL CHECK (source IN ('records', 'aggregate', 'both')),
  position      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sector (
  code            TEXT PRIMARY KEY,
  label_vi        TEXT NOT NULL,
  instrument_code TEXT REFERENCES legal_instrument(code),
  valid_from      TEXT,
  valid_to        TEXT
);

CREATE TABLE funding_source (
  code     TEXT PRIMARY KEY,             -- central | provincial | district | commune | counterpart | other
  label_vi TEXT NOT NULL,
  is_state INTEGER NOT NULL CHECK (is_state IN (0, 1)),
  position INTEGER NOT NULL
);

-- Support caps: at most rate of the eligible cost and at most cap per unit.
-- A rule may derive its cap from another (technology line = 1,5 × machinery).
CREATE TABLE support_rule (
  id              INTEGER PRIMARY KEY,
  instrument_code TEXT NOT NULL REFERENCES legal_instrument(code),
  clause          TEXT,                  -- 'Điều 8 khoản 4'
  program_level   TEXT CHECK (program_level IN ('national', 'local')),  -- NULL: both
  province_list   TEXT,                  -- a provincial resolution's province, else NULL
  province_code   TEXT,
  activity_code   TEXT REFERENCES activity_content(code),
  cost_item       TEXT NOT NULL,         -- 'demo_model', 'machinery', 'technology_line'
  label_vi        TEXT NOT NULL,
  rate_x100       INTEGER,               -- 5000 = 50,00 %; NULL: no rate limit
  cap_dong        BIGINT,                -- NULL: no absolute cap (or derived)
  cap_per         TEXT,                  -- 'model' | 'establishment' | 'cluster' | 'enterprise' | 'person' | 'event'
  base_rule_id    BIGINT REFERENCES support_rule(id),
  multiplier_x100 INTEGER,               -- 150 = 1,5 × the base rule's cap
  valid_from      TEXT,
  valid_to        TEXT,
  source_tag      TEXT
);

-- Who approves an adjustment of a given kind (TT 36/2013 Điều 11 as amended).
CREATE TABLE adjustment_rule (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL,         -- increase_support | change_content | extend_next_year | ...
  program_level   TEXT NOT NULL CHECK (program_level IN ('national', 'local')),
  approver        TEXT NOT NULL,         -- ministry | agency | ppc | doit
  instrument_code TEXT REFERENCES legal_instrument(code),
  valid_from      TEXT,
  valid_to        TEXT
);

-- How a reporting period maps to dates: cutoff_day 0 = calendar periods,
-- D = from day D of the month before to day D-1 (NĐ 09/2019/NĐ-CP uses 15).
CREATE TABLE period_rule (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  cutoff_day      INTEGER NOT NULL CHECK (cutoff_day = 0 OR cutoff_day BETWEEN 2 AND 28),
  instrument_code TEXT REFERENCES legal_instrument(code),
  is_default      INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1))
);

------------------------------------------------------------------------------
-- Organisations, programmes, plans.
------------------------------------------------------------------------------

CREATE TABLE organisation (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL,           -- ministry | national_agency | doit | promotion_centre | ppc | implementing_unit | partner | other
  name          TEXT NOT NULL,
  short_name    TEXT,
  province_list TEXT,
  province_code TEXT,                    -- NULL for national bodies
  valid_from    TEXT,
  valid_to      TEXT,
  successor_id  BIGINT REFERENCES organisation(id),
  name_key      TEXT NOT NULL,
  sort_key      TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  FOREIGN KEY (province_list, province_code) REFERENCES admin_unit (list, code)
);
CREATE INDEX organisation_name ON organisation (name_key);

-- A programme is one phase: "Chương trình khuyến công tỉnh Sóc Trăng giai
-- đoạn 2016 - 2020", or the national programme 2021–2025.
CREATE TABLE programme (
  id              INTEGER PRIMARY KEY,
  level           TEXT NOT NULL CHECK (level IN ('national', 'local')),
  province_list   TEXT,
  province_code   TEXT,                  -- NULL for the national programme
  name            TEXT NOT NULL,
  start_year      INTEGER NOT NULL,
  end_year        INTEGER NOT NULL,
  decision_no     TEXT,                  -- 'QĐ 1881/QĐ-TTg'
  decision_date   TEXT,
  instrument_code TEXT REFERENCES legal_instrument(code),
  note            TEXT,
  version         INTEGER NOT NULL DEFAULT 1,
  CHECK (end_year >= start_year),
  CHECK ((level = 'national') = (province_code IS NULL)),
  FOREIGN KEY (province_list, province_code) REFERENCES admin_unit (list, code)
);

-- Targets of a phase, per indicator: 162 đề án, 25 tỷ đồng, 125,92 tỷ đồng
-- counterpart (seed000). qualifier keeps "trên", "khoảng" as written.
CREATE TABLE programme_target (
  programme_id   BIGINT NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  indicator_code TEXT NOT NULL REFERENCES indicator(code),
  value          BIGINT NOT NULL,
  qualifier      TEXT,
  note           TEXT,
  PRIMARY KEY (programme_id, indicator_code)
);

-- The annual plan of one province (or of the Ministry) at one programme level.
CREATE TABLE annual_plan (
  id            INTEGER PRIMARY KEY,
  programme_id  BIGINT REFERENCES programme(id),
  level         TEXT NOT NULL CHECK (level IN ('national', 'local')),
  province_list TEXT NOT NULL,
  province_code TEXT NOT NULL,
  year          INTEGER NOT NULL,
  decision_no   TEXT,
  decision_date TEXT,
  approver      TEXT,                    -- 'Bộ Công Thương', 'UBND tỉnh'
  note          TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  UNIQUE (level, province_list, province_code, year),
  FOREIGN KEY (province_list, province_code) REFERENCES admin_unit (list, code)
);

-- Planned budget and quantity per activity content (and optionally per
-- indicator and funding source) of an annual plan.
CREATE TABLE annual_plan_line (
  id             INTEGER PRIMARY KEY,
  plan_id        BIGINT NOT NULL REFERENCES annual_plan(id) ON DELETE CASCADE,
  activity_code  TEXT NOT NULL REFERENCES activity_content(code),
  indicator_code TEXT REFERENCES indicator(code),
  source_code    TEXT REFERENCES funding_source(code),
  planned_amount BIGINT,
  planned_qty    BIGINT,
  note           TEXT
);
CREATE INDEX annual_plan_line_plan ON annual_plan_line (plan_id);

------------------------------------------------------------------------------
-- Establishments (cơ sở CNNT), their products and recognitions.
------------------------------------------------------------------------------

CREATE TABLE establishment (
  id                     INTEGER PRIMARY KEY,
  name                   TEXT NOT NULL,
  legal_form             TEXT NOT NULL CHECK (legal_form IN ('sme', 'coop', 'coop_union', 'coop_group', 'household_business', 'craft_village', 'other')),
  tax_code               TEXT,
  address                TEXT,           -- as written
  province_list          TEXT NOT NULL,
  province_code          TEXT NOT NULL,
  commune_list           TEXT,
  commune_code           TEXT,
  sector_code            TEXT REFERENCES sector(code),
  workers                INTEGER CHECK (workers >= 0),
  revenue                BIGINT CHECK (revenue >= 0),
  women_owned            INTEGER NOT NULL DEFAULT 0 CHECK (women_owned IN (0, 1)),
  ethnic_minority_labour INTEGER NOT NULL DEFAULT 0 CHECK (ethnic_minority_labour IN (0, 1)),
  craft_village          TEXT,
  survey_year            INTEGER,
  representative         TEXT,
  phone                  TEXT,
  name_key               TEXT NOT NULL,
  sort_key               TEXT NOT NULL,
  version                INTEGER NOT NULL DEFAULT 1,
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  FOREIGN KEY (province_list, province_code) REFERENCES admin_unit (list, code),
  FOREIGN KEY (commune_list, commune_code) REFERENCES admin_unit (list, code)
);
CREATE UNIQUE INDEX establishment_tax_code ON establishment (tax_code) WHERE tax_code IS NOT NULL;
CREATE INDEX establishment_name ON establishment (name_key);
CREATE INDEX establishment_place ON establishment (province_list, province_code, commune_code);

CREATE TABLE product (
  id               INTEGER PRIMARY KEY,
  establishment_id BIGINT NOT NULL REFERENCES establishment(id),
  name             TEXT NOT NULL,
  product_group    TEXT NOT NULL CHECK (product_group IN ('handicraft', 'food', 'machinery', 'other')),
  name_key         TEXT NOT NULL,
  sort_key         TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX product_establishment ON product (establishment_id);

-- Typical rural-industrial product certificates (TT 26/2014, TT 14/2018,
-- TT 38/2025): district level is historic, commune level since 01/7/2025.
CREATE TABLE certification (
  id             INTEGER PRIMARY KEY,
  product_id     BIGINT NOT NULL REFERENCES product(id),
  level          TEXT NOT NULL CHECK (level IN ('district', 'commune', 'provincial', 'regional', 'national')),
  year           INTEGER NOT NULL,
  certificate_no TEXT,
  decision_no    TEXT,
  decision_date  TEXT,
  valid_until    TEXT,
  score          INTEGER,
  version        INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX certification_no ON certification (level, certificate_no) WHERE certificate_no IS NOT NULL;
CREATE INDEX certification_product ON certification (product_id);

-- OCOP star ratings are a separate programme (Ministry of Agriculture).
CREATE TABLE ocop_rating (
  id          INTEGER PRIMARY KEY,
  product_id  BIGINT NOT NULL REFERENCES product(id),
  stars       INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  year        INTEGER NOT NULL,
  decision_no TEXT,
  valid_until TEXT,
  version     INTEGER NOT NULL DEFAULT 1
);

------------------------------------------------------------------------------
-- Đề án (and the plans and tasks counted beside them).
------------------------------------------------------------------------------

CREATE TABLE project (
  id                INTEGER PRIMARY KEY,
  code              TEXT NOT NULL UNIQUE,
  title             TEXT NOT NULL,
  kind              TEXT NOT NULL DEFAULT 'project' CHECK (kind IN ('project', 'plan', 'task')),
  level             TEXT NOT NULL CHECK (level IN ('national', 'local')),
  type              TEXT NOT NULL DEFAULT 'ordinary' CHECK (type IN ('ordinary', 'group', 'flagship', 'value_chain')),
  scope             TEXT NOT NULL DEFAULT 'provincial' CHECK (scope IN ('provincial', 'inter_provincial')),
  activity_code     TEXT NOT NULL REFERENCES activity_content(code),
  province_list     TEXT NOT NULL,
  province_code     TEXT NOT NULL,
  commune_list      TEXT,
  commune_code      TEXT,
  implementing_id   BIGINT REFERENCES organisation(id),
  programme_id      BIGINT REFERENCES programme(id),
  plan_id           BIGINT REFERENCES annual_plan(id),
  registration_year INTEGER NOT NULL,
  start_year        INTEGER NOT NULL,
  end_year          INTEGER NOT NULL,
  eligible_from     TEXT,                -- invoices count from this date (contract or approval)
  eligible_to       TEXT,                -- to this date (fiscal-year end or approved extension)
  status            TEXT NOT NULL DEFAULT 'draft',
  status_date       TEXT,
  objective         TEXT,
  note              TEXT,
  title_key         TEXT NOT NULL,
  sort_key          TEXT NOT NULL,
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  CHECK (start_year >= registration_year),
  CHECK (end_year >= start_year),
  FOREIGN KEY (province_list, province_code) REFERENCES admin_unit (list, code),
  FOREIGN KEY (commune_list, commune_code) REFERENCES admin_unit (list, code)
);
CREATE INDEX project_place ON project (province_list, province_code, start_year);
CREATE INDEX project_status ON project (status);
CREATE INDEX project_title ON project (title_key);

CREATE TABLE project_partner (
  project_id BIGINT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  org_id     BIGINT NOT NULL REFERENCES organisation(id),
  role       TEXT NOT NULL DEFAULT 'partner',  -- partner | lead
  PRIMARY KEY (project_id, org_id)
);

CREATE TABLE project_beneficiary (
  project_id       BIGINT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  establishment_id BIGINT NOT NULL REFERENCES establishment(id),
  role             TEXT NOT NULL DEFAULT 'beneficiary',
  PRIMARY KEY (project_id, establishment_id)
);
CREATE INDEX project_beneficiary_est ON project_beneficiary (establishment_id);

-- Cost lines by funding source: planned and approved amounts; what was
-- disbursed is the sum of the disbursements against the line.
CREATE TABLE project_cost_line (
  id              INTEGER PRIMARY KEY,
  project_id      BIGINT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  source_code     TEXT NOT NULL REFERENCES funding_source(code),
  item            TEXT NOT NULL,         -- 'Máy đóng gói', 'Thù lao giảng viên'
  rule_id         BIGINT REFERENCES support_rule(id),
  eligible_cost   BIGINT CHECK (eligible_cost >= 0),
  planned         BIGINT NOT NULL DEFAULT 0 CHECK (planned >= 0),
  approved        BIGINT CHECK (approved >= 0),
  cap_override    TEXT,                  -- the reason given for exceeding the cap, if it was
  position        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX project_cost_line_project ON project_cost_line (project_id);

CREATE TABLE disbursement (
  id           INTEGER PRIMARY KEY,
  project_id   BIGINT NOT NULL REFERENCES project(id),
  cost_line_id BIGINT NOT NULL REFERENCES project_cost_line(id),
  kind         TEXT NOT NULL CHECK (kind IN ('advance', 'payment', 'advance_recovery', 'refund')),
  paid_on      TEXT NOT NULL,
  fiscal_year  INTEGER NOT NULL,
  amount       BIGINT NOT NULL CHECK (amount > 0),  -- recoveries and refunds count negative by kind
  voucher_no   TEXT,
  note         TEXT
);
CREATE INDEX disbursement_project ON disbursement (project_id, paid_on);

CREATE TABLE invoice (
  id           INTEGER PRIMARY KEY,
  project_id   BIGINT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  cost_line_id BIGINT REFERENCES project_cost_line(id),
  number       TEXT,
  issued_on    TEXT NOT NULL,
  amount       BIGINT NOT NULL CHECK (amount > 0),
  supplier     TEXT,
  tax_code     TEXT
);
CREATE INDEX invoice_project ON invoice (project_id);

-- Every state change of a đề án: the transition, its document and reason.
CREATE TABLE project_event (
  id            INTEGER PRIMARY KEY,
  project_id    BIGINT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  from_status   TEXT,
  to_status     TEXT NOT NULL,
  event_date    TEXT NOT NULL,
  decision_no   TEXT,
  decision_date TEXT,
  actor_org_id  BIGINT REFERENCES organisation(id),
  user_id       BIGINT,
  reason_code   TEXT,
  reason        TEXT,
  created_at    TEXT NOT NULL
);
CREATE INDEX project_event_project ON project_event (project_id, id);

CREATE TABLE project_adjustment (
  id            INTEGER PRIMARY KEY,
  project_id    BIGINT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL,
  rule_id       BIGINT REFERENCES adjustment_rule(id),
  approver      TEXT NOT NULL,           -- computed from adjustment_rule when recorded
  status        TEXT NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'rejected')),
  requested_on  TEXT NOT NULL,
  request_doc   TEXT,
  confirm_doc   TEXT,                    -- the Sở Công Thương's confirmation
  decision_no   TEXT,
  decision_date TEXT,
  old_value     TEXT,
  new_value     TEXT,
  reason_code   TEXT,
  reason        TEXT
);
CREATE INDEX project_adjustment_project ON project_adjustment (project_id);

-- Outputs and outcomes per indicator: planned and actual.
CREATE TABLE project_output (
  project_id     BIGINT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  indicator_code TEXT NOT NULL REFERENCES indicator(code),
  planned        BIGINT,
  actual         BIGINT,
  qualifier      TEXT,
  note           TEXT,
  PRIMARY KEY (project_id, indicator_code)
);

CREATE TABLE inspection (
  id            INTEGER PRIMARY KEY,
  project_id    BIGINT REFERENCES project(id),
  province_list TEXT NOT NULL,
  province_code TEXT NOT NULL,
  inspected_on  TEXT NOT NULL,
  inspector     TEXT,
  org_id        BIGINT REFERENCES organisation(id),
  result        TEXT,
  note          TEXT,
  FOREIGN KEY (province_list, province_code) REFERENCES admin_unit (list, code)
);
CREATE INDEX inspection_project ON inspection (project_id);

-- Documents: metadata here, the file under the database's folder, named by
-- its SHA-256 so the same file is stored once.
CREATE TABLE document (
  id          INTEGER PRIMARY KEY,
  project_id  BIGINT REFERENCES project(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,             -- decision | contract | minutes | invoice | photo | other
  title       TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  mime_type   TEXT NOT NULL,
  size_bytes  BIGINT NOT NULL,
  sha256      TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  user_id     BIGINT
);
CREATE INDEX document_project ON document (project_id);

------------------------------------------------------------------------------
-- Activities the reports count, with or without a đề án of their own.
------------------------------------------------------------------------------

CREATE TABLE training_class (
  id              INTEGER PRIMARY KEY,
  project_id      BIGINT REFERENCES project(id),
  province_list   TEXT NOT NULL,
  province_code   TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('vocational', 'craft_transmission', 'management', 'startup', 'staff', 'cleaner_production', 'other')),
  title           TEXT NOT NULL,
  start_date      TEXT,
  end_date        TEXT,
  classes         INTEGER NOT NULL DEFAULT 1 CHECK (classes > 0),
  trainees        INTEGER NOT NULL CHECK (trainees >= 0),
  women           INTEGER CHECK (women >= 0),
  ethnic_minority INTEGER CHECK (ethnic_minority >= 0),
  jobs_created    INTEGER CHECK (jobs_created >= 0),
  note            TEXT,
  CHECK (women IS NULL OR women <= trainees),
  CHECK (ethnic_minority IS NULL OR ethnic_minority <= trainees),
  FOREIGN KEY (province_list, province_code) REFERENCES admin_unit (list, code)
);

CREATE TABLE fair (
  id             INTEGER PRIMARY KEY,
  project_id     BIGINT REFERENCES project(id),
  province_list  TEXT NOT NULL,          -- the province supporting its establishments
  province_code  TEXT NOT NULL,
  name           TEXT NOT NULL,
  place          TEXT,
  scope          TEXT NOT NULL CHECK (scope IN ('provincial', 'regional', 'national', 'international')),
  start_date     TEXT,
  end_date       TEXT,
  booths         INTEGER CHECK (booths >= 0),
  participations INTEGER CHECK (participations >= 0),  -- lượt cơ sở
  note           TEXT,
  FOREIGN KEY (province_list, province_code) REFERENCES admin_unit (list, code)
);

CREATE TABLE media_item (
  id            INTEGER PRIMARY KEY,
  project_id    BIGINT REFERENCES project(id),
  province_list TEXT NOT NULL,
  province_code TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('special_page', 'handbook', 'leaflet', 'newspaper', 'tv_radio', 'letter', 'website', 'other')),
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  issued_on     TEXT,
  year          INTEGER NOT NULL,
  note          TEXT,
  FOREIGN KEY (province_list, province_code) REFERENCES admin_unit (list, code)
);

CREATE TABLE study_tour (
  id            INTEGER PRIMARY KEY,
  project_id    BIGINT REFERENCES project(id),
  province_list TEXT NOT NULL,
  province_code TEXT NOT NULL,
  start_date    TEXT,
  year          INTEGER NOT NULL,
  delegations   INTEGER NOT NULL DEFAULT 1 CHECK (delegations > 0),
  participants  INTEGER NOT NULL CHECK (participants >= 0),
  places        TEXT,                    -- as written: "Khánh Hòa, Bà Rịa - Vũng Tàu, ..."
  note          TEXT,
  FOREIGN KEY (province_list, province_code) REFERENCES admin_unit (list, code)
);

-- Fee-based industrial-development consulting (tư vấn phát triển công
-- nghiệp, dịch vụ có thu): projects advised and revenue, per period.
CREATE TABLE consulting_service (
  id            INTEGER PRIMARY KEY,
  province_list TEXT NOT NULL,
  province_code TEXT NOT NULL,
  period        TEXT NOT NULL,           -- canonical period code: '2016-H1'
  projects      INTEGER CHECK (projects >= 0),
  revenue       BIGINT CHECK (revenue >= 0),
  note          TEXT,
  FOREIGN KEY (province_list, province_code) REFERENCES admin_unit (list, code)
);

------------------------------------------------------------------------------
-- Aggregate figures: what a province (or a region) reports per period.
------------------------------------------------------------------------------

CREATE TABLE aggregate_figure (
  id             INTEGER PRIMARY KEY,
  indicator_code TEXT NOT NULL REFERENCES indicator(code),
  scope_kind     TEXT NOT NULL CHECK (scope_kind IN ('province', 'region', 'nation')),
  scope_list     TEXT,                   -- for a province: its list
  scope_code     TEXT,                   -- province code or region code; NULL for the nation
  period         TEXT NOT NULL,          -- canonical period code
  figure_kind    TEXT NOT NULL CHECK (figure_kind IN ('plan', 'actual', 'estimate')),
  program_level  TEXT NOT NULL DEFAULT 'all' CHECK (program_level IN ('national', 'local', 'all')),
  value          BIGINT NOT NULL,
  qualifier      TEXT,                   -- gần | trên | khoảng | ước ...
  note           TEXT,
  source         TEXT,                   -- where the figure was taken from
  entered_by     BIGINT,
  entered_at     TEXT NOT NULL,
  version        INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX aggregate_figure_key ON aggregate_figure
  (indicator_code, scope_kind, COALESCE(scope_list, ''), COALESCE(scope_code, ''), period, figure_kind, program_level);

------------------------------------------------------------------------------
-- Users, sessions, tokens and the audit log.
------------------------------------------------------------------------------

-- Accounts. password_hash is argon2id in its encoded form ($argon2id$v=19$m=..,t=..,p=..$salt$hash):
-- the parameters travel with the hash. Roles in increasing power; ministry and
-- admin always have national = 1.
CREATE TABLE app_user (
  id                  INTEGER PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE,  -- [a-z0-9._-], 3..64
  full_name           TEXT NOT NULL,
  password_hash       TEXT NOT NULL,
  role                TEXT NOT NULL CHECK (role IN ('viewer', 'staff', 'manager', 'ministry', 'admin')),
  national            INTEGER NOT NULL DEFAULT 0 CHECK (national IN (0, 1)),  -- all provinces
  active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1,
  CHECK (national = 1 OR role NOT IN ('ministry', 'admin'))
);

-- The provinces a user may see and change (unless national), as given: a
-- legacy province is re-based onto its current successor when the user signs in.
CREATE TABLE user_province (
  user_id       BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  province_list TEXT NOT NULL,
  province_code TEXT NOT NULL,
  PRIMARY KEY (user_id, province_list, province_code),
  FOREIGN KEY (province_list, province_code) REFERENCES admin_unit (list, code)
);

-- A signed-in browser. The cookie value is never stored, only its SHA-256.
-- A session ends idle_seconds after last_seen_at (the policy is the server's
-- setting, so it is computed, not stored) or at expires_at, whichever is first.
CREATE TABLE user_session (
  token_hash   TEXT PRIMARY KEY,           -- hex SHA-256 of the cookie value
  user_id      BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,              -- sent to the page; useless without the cookie
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,              -- absolute: created_at + absolute_seconds
  remote_addr  TEXT
);
CREATE INDEX user_session_user ON user_session (user_id);

-- Bearer tokens for other systems, stored as the SHA-256 of the token text.
CREATE TABLE api_token (
  id         INTEGER PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,         -- hex SHA-256 of the token text
  can_write  INTEGER NOT NULL DEFAULT 0 CHECK (can_write IN (0, 1)),
  created_at TEXT NOT NULL,
  expires_at TEXT,                         -- NULL: never
  revoked_at TEXT
);
CREATE INDEX api_token_user ON api_token (user_id);

-- Every sign-in with a password, for throttling and for the record. username
-- is NULL when what was typed cannot be a user name; remote_addr when unknown.
CREATE TABLE login_attempt (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  username    TEXT,
  remote_addr TEXT,
  ok          INTEGER NOT NULL CHECK (ok IN (0, 1))
);
CREATE INDEX login_attempt_user ON login_attempt (username, ok, at);
CREATE INDEX login_attempt_addr ON login_attempt (remote_addr, ok, at);

-- Every insert, update and delete made through the store: who, when, from
-- where, which record, and the values before and after (JSON objects).
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  user_id     BIGINT,
  actor       TEXT NOT NULL,             -- user name, or 'system'
  via         TEXT NOT NULL,             -- cli | http | import | init
  remote_addr TEXT,
  action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
  table_name  TEXT NOT NULL,
  record_id   TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT
);
CREATE INDEX audit_log_record ON audit_log (table_name, record_id, id);
