-- VNeID login through OpenID Connect (issue 15). A login under way: its state (stored hashed),
-- nonce and PKCE verifier stay server-side, bound to the browser that started it (the hash of a
-- short-lived cookie), used once, for ten minutes.
CREATE TABLE oidc_logins (
  state_hash TEXT PRIMARY KEY, nonce TEXT NOT NULL, verifier TEXT NOT NULL, browser_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT);
CREATE INDEX oidc_logins_expires ON oidc_logins(expires_at);
-- How a session was opened: "password" (staff), "dev" (development citizen login) or "vneid";
-- a VNeID session keeps the assurance level (0 none, 1, 2) with the provider's acr, and the ID
-- token to end the provider's session too (RP-initiated logout, id_token_hint).
ALTER TABLE sessions ADD COLUMN login_method TEXT;
ALTER TABLE sessions ADD COLUMN assurance INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN acr TEXT;
ALTER TABLE sessions ADD COLUMN id_token TEXT;
