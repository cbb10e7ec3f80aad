-- The search of establishments by name (issue 9): for each word of an
-- establishment's folded name, the name from that word on (at most 48
-- bytes: store_words.h), so that "banh pia" finds "Cơ sở bánh pía Tân Huê
-- Viên" through one range of an index, word >= 'banh pia' AND word <
-- 'banh pia' || U+10FFFF, on SQLite and PostgreSQL alike; name_key LIKE
-- '%banh pia%' read the million names of the national data on every search
-- (490 ms). The store writes the words with the name, in its transaction;
-- this migration's step (store_migrate.c) writes those of the names already
-- there. No foreign key: the words of a name are removed by (word, id),
-- which the primary key finds, and the search checks name_key too.
CREATE TABLE establishment_word (
  word             TEXT NOT NULL,
  establishment_id BIGINT NOT NULL,
  PRIMARY KEY (word, establishment_id)
);
