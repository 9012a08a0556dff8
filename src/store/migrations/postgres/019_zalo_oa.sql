-- The Zalo Official Account both ways (app/zalo): the webhook events already taken (a replay of
-- one is refused: the key is Zalo's msg_id, or the SHA-256 of the body for events without one),
-- the OA's followers and the citizen each is linked to (one Zalo account per citizen), the
-- one-time link codes the bot sends (kept as hashes), and the OA's current tokens (one row,
-- shared by every process: Zalo's refresh token is single use).
CREATE TABLE zalo_events (
  event_key TEXT PRIMARY KEY, event_name TEXT NOT NULL, user_id TEXT NOT NULL, received_at BIGINT NOT NULL);
CREATE INDEX zalo_events_received ON zalo_events(received_at);
-- A follower's recent events (the bot's limit on lookups per minute).
CREATE INDEX zalo_events_user ON zalo_events(user_id, received_at);
CREATE TABLE zalo_followers (
  user_id TEXT PRIMARY KEY, following INTEGER NOT NULL, citizen_id TEXT, linked_at BIGINT,
  updated_at BIGINT NOT NULL);
CREATE UNIQUE INDEX zalo_followers_citizen ON zalo_followers(citizen_id) WHERE citizen_id IS NOT NULL;
CREATE TABLE zalo_link_codes (
  code_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,
  used_at BIGINT);
CREATE TABLE zalo_oauth (
  id INTEGER PRIMARY KEY, access_token TEXT NOT NULL, refresh_token TEXT NOT NULL, expires_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL);
