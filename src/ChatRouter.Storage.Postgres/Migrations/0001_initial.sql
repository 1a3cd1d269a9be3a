-- Every store ChatRouter keeps. Each document is the LiteDB mapper's shape as jsonb (doc); the columns beside it
-- are the keys the stores look up, sort or filter by. Text keys use the "C" collation: ids sort ordinally,
-- as in LiteDB (its Binary collation), whatever the database's locale.

CREATE TABLE profiles (
    id text COLLATE "C" PRIMARY KEY,
    phone text COLLATE "C",
    external_id text COLLATE "C",
    created_at timestamptz NOT NULL,
    doc jsonb NOT NULL);
CREATE INDEX profiles_phone ON profiles (phone);
CREATE INDEX profiles_external_id ON profiles (external_id);

-- identity -> profile id (whatsapp:16505551234, ...), one row per identity.
CREATE TABLE identities (
    identity text COLLATE "C" PRIMARY KEY,
    profile_id text COLLATE "C" NOT NULL);

CREATE TABLE conversations (
    id text COLLATE "C" PRIMARY KEY,
    customer_id text COLLATE "C" NOT NULL,
    handoff_status text COLLATE "C",
    doc jsonb NOT NULL);
CREATE INDEX conversations_customer ON conversations (customer_id);
CREATE INDEX conversations_handoff ON conversations (handoff_status) WHERE handoff_status IS NOT NULL;

CREATE TABLE messages (
    id text COLLATE "C" PRIMARY KEY,
    conversation_id text COLLATE "C" NOT NULL,
    at timestamptz NOT NULL,
    doc jsonb NOT NULL);
CREATE INDEX messages_conversation ON messages (conversation_id, id);
-- The hourly retention purge deletes by age.
CREATE INDEX messages_at ON messages (at);

CREATE TABLE inbox (
    id text COLLATE "C" PRIMARY KEY,
    ord text COLLATE "C" NOT NULL,
    state text COLLATE "C" NOT NULL,
    received_at timestamptz NOT NULL,
    doc jsonb NOT NULL);
-- Only a restart reads the pending entries; the partial index stays small.
CREATE INDEX inbox_pending ON inbox (ord) WHERE state = 'Pending';
CREATE INDEX inbox_received ON inbox (received_at);

CREATE TABLE outbox (
    id text COLLATE "C" PRIMARY KEY,
    idempotency_key text COLLATE "C" NOT NULL UNIQUE,
    provider_message_id text COLLATE "C",
    conversation_id text COLLATE "C" NOT NULL,
    state text COLLATE "C" NOT NULL,
    created_at timestamptz NOT NULL,
    failed_at timestamptz,
    doc jsonb NOT NULL);
CREATE INDEX outbox_provider ON outbox (provider_message_id) WHERE provider_message_id IS NOT NULL;
CREATE INDEX outbox_conversation ON outbox (conversation_id, id);
CREATE INDEX outbox_created ON outbox (created_at);
CREATE INDEX outbox_failed ON outbox (failed_at) WHERE failed_at IS NOT NULL;
CREATE INDEX outbox_pending ON outbox (id) WHERE state = 'Pending';

CREATE TABLE handoff_history (
    id text COLLATE "C" PRIMARY KEY,
    conversation_id text COLLATE "C" NOT NULL,
    released_at timestamptz NOT NULL,
    doc jsonb NOT NULL);
CREATE INDEX handoff_history_conversation ON handoff_history (conversation_id);
CREATE INDEX handoff_history_released ON handoff_history (released_at);

CREATE TABLE downgrades (
    id text COLLATE "C" PRIMARY KEY,
    conversation_id text COLLATE "C" NOT NULL,
    outbox_id text COLLATE "C",
    reason text COLLATE "C" NOT NULL,
    state text COLLATE "C" NOT NULL,
    doc jsonb NOT NULL);
CREATE INDEX downgrades_conversation ON downgrades (conversation_id, id);
-- One downgrade per outbox entry and reason.
CREATE UNIQUE INDEX downgrades_outbox_reason ON downgrades (outbox_id, reason) WHERE outbox_id IS NOT NULL;

CREATE TABLE whatsapp_templates (
    id text COLLATE "C" PRIMARY KEY,
    doc jsonb NOT NULL);

CREATE TABLE consent_ledger (
    id text COLLATE "C" PRIMARY KEY,
    profile_id text COLLATE "C" NOT NULL,
    doc jsonb NOT NULL);
CREATE INDEX consent_ledger_profile ON consent_ledger (profile_id, id);

CREATE TABLE audit (
    id text COLLATE "C" PRIMARY KEY,
    customer_id text COLLATE "C",
    at timestamptz NOT NULL,
    decision text COLLATE "C",
    campaign_id text COLLATE "C",
    doc jsonb NOT NULL);
CREATE INDEX audit_customer ON audit (customer_id, at);
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_campaign ON audit (campaign_id) WHERE campaign_id IS NOT NULL;

CREATE TABLE scheduled (
    id text COLLATE "C" PRIMARY KEY,
    customer_id text COLLATE "C" NOT NULL,
    due_at timestamptz NOT NULL,
    doc jsonb NOT NULL);
CREATE INDEX scheduled_due ON scheduled (due_at);
CREATE INDEX scheduled_customer ON scheduled (customer_id);

-- key -> value the server keeps for itself (the erasure hash salt); never customer data.
CREATE TABLE settings (
    key text COLLATE "C" PRIMARY KEY,
    value text NOT NULL);

CREATE TABLE campaigns (
    id text COLLATE "C" PRIMARY KEY,
    idempotency_key text COLLATE "C" NOT NULL UNIQUE,
    state text COLLATE "C" NOT NULL,
    doc jsonb NOT NULL);
CREATE INDEX campaigns_state ON campaigns (state);

-- A campaign's phone list, one row per phone in the order given.
CREATE TABLE campaign_members (
    campaign_id text COLLATE "C" NOT NULL,
    position integer NOT NULL,
    phone text NOT NULL,
    PRIMARY KEY (campaign_id, position));
