-- Administrative units in the code lists that were in force at different
-- times (DOMAIN.md §6). A unit is keyed by (list, level, code), never by
-- code alone: code 15 was Yên Bái in the legacy list and is Lào Cai now.
-- Records keep the unit as recorded; reports re-base through admin_succession.

CREATE TABLE admin_list (
  code        TEXT PRIMARY KEY,        -- 'legacy' | 'current'
  name        TEXT NOT NULL,
  instrument  TEXT NOT NULL,           -- the decision that issued the list
  valid_from  TEXT,                    -- ISO date; NULL: since before any record
  valid_to    TEXT                     -- ISO date, inclusive; NULL: in force
);

INSERT INTO admin_list (code, name, instrument, valid_from, valid_to) VALUES
  ('legacy', 'Danh mục đơn vị hành chính trước ngày 01/7/2025', 'QĐ 124/2004/QĐ-TTg', NULL, '2025-06-30'),
  ('current', 'Danh mục đơn vị hành chính từ ngày 01/7/2025', 'QĐ 19/2025/QĐ-TTg', '2025-07-01', NULL);

CREATE TABLE admin_unit (
  list          TEXT NOT NULL REFERENCES admin_list(code),
  level         TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  code          TEXT NOT NULL,         -- 2, 3 or 5 digits, leading zeros kept
  name          TEXT NOT NULL,         -- 'Sóc Trăng'
  full_name     TEXT NOT NULL,         -- 'Tỉnh Sóc Trăng'
  type          TEXT NOT NULL,         -- 'Tỉnh', 'Thành phố trực thuộc trung ương', 'Huyện', 'Xã', 'Phường', 'Đặc khu', ...
  parent_code   TEXT,                  -- the province of a district or current commune; the district of a legacy commune
  province_code TEXT NOT NULL,         -- the province it lies in, within the same list
  valid_from    TEXT,                  -- NULL: as its list
  valid_to      TEXT,                  -- NULL: as its list
  name_key      TEXT NOT NULL,         -- folded search key: 'soc trang'
  sort_key      TEXT NOT NULL,         -- Vietnamese collation key: ORDER BY sort_key
  PRIMARY KEY (list, level, code),
  -- Codes of different levels differ in length (2, 3, 5 digits), so a code is
  -- unique within its list: records reference units by (list, code).
  UNIQUE (list, code)
);
CREATE INDEX admin_unit_province ON admin_unit (list, province_code, level);
CREATE INDEX admin_unit_name ON admin_unit (name_key);

-- Which unit of the newer list a unit of the older one became part of. A
-- province maps to exactly one; a legacy commune split between several maps
-- to each of them (merge_type 'partial').
CREATE TABLE admin_succession (
  old_list    TEXT NOT NULL,
  old_level   TEXT NOT NULL,
  old_code    TEXT NOT NULL,
  new_list    TEXT NOT NULL,
  new_level   TEXT NOT NULL,
  new_code    TEXT NOT NULL,
  merge_type  TEXT NOT NULL,           -- whole | partial | unchanged | renamed | type_changed | ...
  PRIMARY KEY (old_list, old_level, old_code, new_list, new_level, new_code),
  FOREIGN KEY (old_list, old_level, old_code) REFERENCES admin_unit (list, level, code),
  FOREIGN KEY (new_list, new_level, new_code) REFERENCES admin_unit (list, level, code)
);
CREATE INDEX admin_succession_new ON admin_succession (new_list, new_level, new_code);

-- Regions group provinces for reports: the Ministry's conference regions
-- (phía Bắc, miền Trung - Tây Nguyên, phía Nam), the six socio-economic
-- regions, the eight geographic ones. Membership is dated and editable,
-- because it changed with the 2025 merger and is not settled in law.
CREATE TABLE region (
  code   TEXT PRIMARY KEY,
  kind   TEXT NOT NULL,                -- 'moit' | 'socioeconomic' | 'geographic'
  name   TEXT NOT NULL
);

CREATE TABLE region_member (
  region_code   TEXT NOT NULL REFERENCES region(code),
  list          TEXT NOT NULL,
  level         TEXT NOT NULL DEFAULT 'province' CHECK (level = 'province'),
  province_code TEXT NOT NULL,
  valid_from    TEXT,
  valid_to      TEXT,
  PRIMARY KEY (region_code, list, province_code),
  FOREIGN KEY (list, level, province_code) REFERENCES admin_unit (list, level, code)
);
