// Acquisition channels: 「联系我」 channel codes with their adds (attribution, welcome and tag outcomes), group join
// codes with their joins, stores with their landing-page codes and scans.
export const channels = `
CREATE TABLE channel_code_groups (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, name)
);
SELECT siyu_tenant_table('channel_code_groups');

CREATE TABLE channel_codes (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  group_id uuid,
  state text NOT NULL,
  config_id text,
  qr_code text,
  wecom_type integer NOT NULL DEFAULT 2,
  staff_userids text[] NOT NULL DEFAULT '{}',
  backup_userids text[] NOT NULL DEFAULT '{}',
  schedule jsonb NOT NULL DEFAULT '[]',
  daily_cap integer CHECK (daily_cap IS NULL OR daily_cap > 0),
  skip_verify boolean NOT NULL DEFAULT true,
  auto_accept jsonb,
  tag_ids text[] NOT NULL DEFAULT '{}',
  welcome jsonb NOT NULL DEFAULT '{}',
  cost numeric(14, 2) NOT NULL DEFAULT 0 CHECK (cost >= 0),
  applied_userids text[] NOT NULL DEFAULT '{}',
  applied_skip_verify boolean,
  applied_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, state),
  FOREIGN KEY (corp_id, group_id) REFERENCES channel_code_groups (corp_id, id) ON DELETE SET NULL (group_id)
);
SELECT siyu_tenant_table('channel_codes');

CREATE TABLE channel_adds (
  corp_id text NOT NULL,
  id bigserial,
  channel_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  staff_userid text NOT NULL,
  added_at timestamptz NOT NULL,
  welcome_status text NOT NULL DEFAULT 'pending' CHECK (welcome_status IN ('pending', 'sending', 'sent', 'late', 'failed', 'none')),
  welcome_error text,
  tag_status text NOT NULL DEFAULT 'pending' CHECK (tag_status IN ('pending', 'done', 'failed', 'none')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, channel_id, customer_id, staff_userid, added_at),
  FOREIGN KEY (corp_id, channel_id) REFERENCES channel_codes (corp_id, id) ON DELETE CASCADE,
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX channel_adds_channel ON channel_adds (corp_id, channel_id, added_at);
CREATE INDEX channel_adds_staff_day ON channel_adds (corp_id, staff_userid, added_at);
SELECT siyu_tenant_table('channel_adds');

CREATE TABLE group_codes (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  state text NOT NULL,
  config_id text,
  qr_code text,
  chat_ids text[] NOT NULL DEFAULT '{}',
  auto_create_room boolean NOT NULL DEFAULT true,
  room_base_name text,
  room_base_id integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, state)
);
SELECT siyu_tenant_table('group_codes');

CREATE TABLE group_code_joins (
  corp_id text NOT NULL,
  id bigserial,
  group_code_id uuid NOT NULL,
  chat_id text NOT NULL,
  member_userid text NOT NULL,
  joined_at timestamptz NOT NULL,
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, chat_id, member_userid, joined_at),
  FOREIGN KEY (corp_id, group_code_id) REFERENCES group_codes (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX group_code_joins_code ON group_code_joins (corp_id, group_code_id, joined_at);
SELECT siyu_tenant_table('group_code_joins');

CREATE TABLE stores (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  city text NOT NULL,
  address text NOT NULL DEFAULT '',
  lat double precision CHECK (lat BETWEEN -90 AND 90),
  lng double precision CHECK (lng BETWEEN -180 AND 180),
  channel_id uuid,
  group_code_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, name),
  FOREIGN KEY (corp_id, channel_id) REFERENCES channel_codes (corp_id, id) ON DELETE SET NULL (channel_id),
  FOREIGN KEY (corp_id, group_code_id) REFERENCES group_codes (corp_id, id) ON DELETE SET NULL (group_code_id)
);
SELECT siyu_tenant_table('stores');

CREATE TABLE store_codes (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  title text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id)
);
SELECT siyu_tenant_table('store_codes');

CREATE TABLE store_scans (
  corp_id text NOT NULL,
  id bigserial,
  store_code_id uuid NOT NULL,
  store_id uuid,
  scanned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  FOREIGN KEY (corp_id, store_code_id) REFERENCES store_codes (corp_id, id) ON DELETE CASCADE,
  FOREIGN KEY (corp_id, store_id) REFERENCES stores (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX store_scans_store ON store_scans (corp_id, store_id, scanned_at);
SELECT siyu_tenant_table('store_scans');
`;
