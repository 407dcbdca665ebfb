/**
 * Schema v1 for the whole domain. Money columns are integers at scale 4 (1/10000 of the unit) with a
 * currency column beside them; times are UTC epoch ms; provider identifiers are TEXT.
 */
import type { Migration } from './index.js';

const PROVIDERS = "'kasushou','kuaimai','duomai','unionhome','itboye'";
const ORDER_STATUSES = "'pending','processing','completed','cancelled','refunded','failed','unknown'";
const CURRENCIES = "'CNY','USD'";

const SQL = `
CREATE TABLE schema_migrations (
  version     INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  applied_at  INTEGER NOT NULL
);

CREATE TABLE key_slots (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('passphrase','safe-storage')),
  params       TEXT NOT NULL,
  wrapped_key  BLOB NOT NULL,
  created_at   INTEGER NOT NULL
);

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);

CREATE TABLE accounts (
  id                  INTEGER PRIMARY KEY,
  provider            TEXT NOT NULL CHECK (provider IN (${PROVIDERS})),
  name                TEXT NOT NULL UNIQUE,
  base_url            TEXT NOT NULL,
  settings_json       TEXT NOT NULL DEFAULT '{}',
  secrets_enc         BLOB,
  secret_hints_json   TEXT NOT NULL DEFAULT '{}',
  enabled             INTEGER NOT NULL DEFAULT 1,
  sync_interval_min   INTEGER NOT NULL DEFAULT 15 CHECK (sync_interval_min >= 1),
  lookback_days       INTEGER,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  last_success_at     INTEGER,
  last_error_at       INTEGER,
  last_error_kind     TEXT,
  last_error_message  TEXT,
  needs_attention     TEXT,
  next_run_at         INTEGER
);

CREATE TABLE orders (
  id                 INTEGER PRIMARY KEY,
  account_id         INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  provider           TEXT NOT NULL CHECK (provider IN (${PROVIDERS})),
  order_no           TEXT NOT NULL,
  external_order_no  TEXT,
  status             TEXT NOT NULL CHECK (status IN (${ORDER_STATUSES})),
  status_raw         TEXT NOT NULL,
  title              TEXT,
  buyer              TEXT,
  currency           TEXT NOT NULL DEFAULT 'CNY' CHECK (currency IN (${CURRENCIES})),
  total              INTEGER,
  paid               INTEGER,
  refunded           INTEGER,
  commission         INTEGER,
  commission_currency TEXT CHECK (commission_currency IN (${CURRENCIES})),
  created_at         INTEGER,
  updated_at         INTEGER,
  paid_at            INTEGER,
  raw                TEXT NOT NULL,
  content_hash       TEXT NOT NULL,
  first_seen_at      INTEGER NOT NULL,
  last_seen_at       INTEGER NOT NULL,
  missing_since      INTEGER,
  UNIQUE (account_id, order_no)
);
CREATE INDEX orders_by_created ON orders (created_at DESC, id DESC);
CREATE INDEX orders_by_provider_created ON orders (provider, created_at DESC, id DESC);
CREATE INDEX orders_by_account_created ON orders (account_id, created_at DESC, id DESC);
CREATE INDEX orders_by_status_created ON orders (status, created_at DESC, id DESC);
CREATE INDEX orders_by_total ON orders (total DESC, id DESC);
CREATE INDEX orders_by_external ON orders (external_order_no) WHERE external_order_no IS NOT NULL;

CREATE TABLE order_items (
  id          INTEGER PRIMARY KEY,
  order_id    INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  item_key    TEXT NOT NULL,
  title       TEXT,
  sku         TEXT,
  quantity    INTEGER,
  currency    TEXT NOT NULL DEFAULT 'CNY' CHECK (currency IN (${CURRENCIES})),
  unit_price  INTEGER,
  amount      INTEGER,
  raw         TEXT NOT NULL,
  UNIQUE (order_id, item_key)
);

CREATE TABLE card_codes (
  id             INTEGER PRIMARY KEY,
  account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  order_id       INTEGER REFERENCES orders(id) ON DELETE SET NULL,
  order_no       TEXT NOT NULL,
  card_key       TEXT NOT NULL,
  card_no        TEXT NOT NULL,
  password_enc   BLOB NOT NULL,
  show_type      INTEGER NOT NULL DEFAULT 1 CHECK (show_type IN (1,2,3)),
  expires_at     INTEGER,
  content_hash   TEXT NOT NULL,
  first_seen_at  INTEGER NOT NULL,
  last_seen_at   INTEGER NOT NULL,
  UNIQUE (account_id, order_no, card_key)
);
CREATE INDEX card_codes_by_order ON card_codes (order_id);
CREATE INDEX card_codes_by_seen ON card_codes (first_seen_at DESC, id DESC);

CREATE TABLE commissions (
  id             INTEGER PRIMARY KEY,
  account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  order_id       INTEGER REFERENCES orders(id) ON DELETE SET NULL,
  order_no       TEXT NOT NULL,
  beneficiary    TEXT NOT NULL,
  level          INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
  currency       TEXT NOT NULL DEFAULT 'CNY' CHECK (currency IN (${CURRENCIES})),
  amount         INTEGER NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('estimated','pending','confirmed','settled','invalid','unknown')),
  status_raw     TEXT NOT NULL,
  earned_at      INTEGER,
  content_hash   TEXT NOT NULL,
  first_seen_at  INTEGER NOT NULL,
  last_seen_at   INTEGER NOT NULL,
  UNIQUE (account_id, order_no, beneficiary, level)
);
CREATE INDEX commissions_by_beneficiary ON commissions (beneficiary, level, earned_at DESC);
CREATE INDEX commissions_by_earned ON commissions (earned_at DESC, id DESC);

CREATE TABLE settlement_changes (
  id                INTEGER PRIMARY KEY,
  account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  change_key        TEXT NOT NULL,
  order_no          TEXT NOT NULL,
  order_time        INTEGER,
  modified_at       INTEGER,
  currency          TEXT NOT NULL DEFAULT 'CNY' CHECK (currency IN (${CURRENCIES})),
  price_old         INTEGER,
  price_delta       INTEGER,
  price_new         INTEGER,
  commission_old    INTEGER,
  commission_delta  INTEGER,
  commission_new    INTEGER,
  ads_id            TEXT,
  ads_name          TEXT,
  euid              TEXT,
  raw               TEXT NOT NULL,
  first_seen_at     INTEGER NOT NULL,
  UNIQUE (account_id, change_key)
);
CREATE INDEX settlement_changes_by_order ON settlement_changes (account_id, order_no, modified_at);
CREATE INDEX settlement_changes_by_modified ON settlement_changes (modified_at DESC, id DESC);

CREATE TABLE money_flows (
  id             INTEGER PRIMARY KEY,
  account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  flow_key       TEXT NOT NULL,
  tid            TEXT NOT NULL,
  flow_type      INTEGER NOT NULL,
  currency       TEXT NOT NULL DEFAULT 'CNY' CHECK (currency IN (${CURRENCIES})),
  amount         INTEGER NOT NULL,
  payment        INTEGER,
  paid           INTEGER,
  post_fee       INTEGER,
  created_at     INTEGER,
  raw            TEXT NOT NULL,
  first_seen_at  INTEGER NOT NULL,
  UNIQUE (account_id, flow_key)
);
CREATE INDEX money_flows_by_tid ON money_flows (account_id, tid);
CREATE INDEX money_flows_by_created ON money_flows (created_at DESC, id DESC);

CREATE TABLE money_flow_items (
  id          INTEGER PRIMARY KEY,
  flow_id     INTEGER NOT NULL REFERENCES money_flows(id) ON DELETE CASCADE,
  item_key    TEXT NOT NULL,
  title       TEXT,
  sku         TEXT,
  quantity    INTEGER,
  currency    TEXT NOT NULL DEFAULT 'CNY' CHECK (currency IN (${CURRENCIES})),
  unit_price  INTEGER,
  amount      INTEGER,
  raw         TEXT NOT NULL,
  UNIQUE (flow_id, item_key)
);

CREATE TABLE record_history (
  id           INTEGER PRIMARY KEY,
  account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  entity       TEXT NOT NULL CHECK (entity IN ('order','commission','card')),
  entity_id    INTEGER NOT NULL,
  field        TEXT NOT NULL,
  old_value    TEXT,
  new_value    TEXT,
  changed_at   INTEGER NOT NULL,
  sync_run_id  INTEGER REFERENCES sync_runs(id) ON DELETE SET NULL
);
CREATE INDEX record_history_by_entity ON record_history (entity, entity_id, changed_at);

CREATE TABLE tracked_ids (
  account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  value       TEXT NOT NULL,
  added_at    INTEGER NOT NULL,
  PRIMARY KEY (account_id, kind, value)
) WITHOUT ROWID;

CREATE TABLE sync_cursors (
  account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  stream       TEXT NOT NULL,
  cursor_json  TEXT NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (account_id, stream)
) WITHOUT ROWID;

CREATE TABLE sync_runs (
  id             INTEGER PRIMARY KEY,
  account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  trigger        TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('running','succeeded','failed','cancelled','interrupted')),
  started_at     INTEGER NOT NULL,
  finished_at    INTEGER,
  windows        INTEGER NOT NULL DEFAULT 0,
  pages          INTEGER NOT NULL DEFAULT 0,
  fetched        INTEGER NOT NULL DEFAULT 0,
  inserted       INTEGER NOT NULL DEFAULT 0,
  updated        INTEGER NOT NULL DEFAULT 0,
  unchanged      INTEGER NOT NULL DEFAULT 0,
  error_kind     TEXT,
  error_message  TEXT,
  details_json   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX sync_runs_by_account ON sync_runs (account_id, started_at DESC);
CREATE INDEX sync_runs_by_started ON sync_runs (started_at DESC);

CREATE TABLE failed_payloads (
  id           INTEGER PRIMARY KEY,
  account_id   INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
  sync_run_id  INTEGER REFERENCES sync_runs(id) ON DELETE SET NULL,
  at           INTEGER NOT NULL,
  error_kind   TEXT NOT NULL,
  message      TEXT NOT NULL,
  http_status  INTEGER,
  raw          TEXT
);

CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  actor        TEXT NOT NULL,
  action       TEXT NOT NULL,
  target_type  TEXT,
  target_id    TEXT,
  details_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_by_at ON audit_log (at DESC);

-- Trigram tokenizer: Chinese titles and partial order numbers match substrings of 3+ characters.
CREATE VIRTUAL TABLE orders_fts USING fts5 (
  order_no, external_order_no, title, buyer,
  content = 'orders', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER orders_fts_insert AFTER INSERT ON orders BEGIN
  INSERT INTO orders_fts (rowid, order_no, external_order_no, title, buyer)
  VALUES (new.id, new.order_no, new.external_order_no, new.title, new.buyer);
END;
CREATE TRIGGER orders_fts_delete AFTER DELETE ON orders BEGIN
  INSERT INTO orders_fts (orders_fts, rowid, order_no, external_order_no, title, buyer)
  VALUES ('delete', old.id, old.order_no, old.external_order_no, old.title, old.buyer);
END;
CREATE TRIGGER orders_fts_update AFTER UPDATE OF order_no, external_order_no, title, buyer ON orders BEGIN
  INSERT INTO orders_fts (orders_fts, rowid, order_no, external_order_no, title, buyer)
  VALUES ('delete', old.id, old.order_no, old.external_order_no, old.title, old.buyer);
  INSERT INTO orders_fts (rowid, order_no, external_order_no, title, buyer)
  VALUES (new.id, new.order_no, new.external_order_no, new.title, new.buyer);
END;
`;

export const initialSchema: Migration = {
  version: 1,
  name: 'initial-schema',
  up(db) {
    db.exec(SQL);
  },
};
