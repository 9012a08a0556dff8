-- Payments (DOMAIN.md §6): one row per attempt to pay a fee of a dossier, and the ledger of
-- everything that happened to it (created, sent to the platform, each callback and query, each
-- state change, each refusal). Amounts in VND (integers). `order_ref` is our reference, unique
-- per attempt, sent to the platform as its order id.
CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  dossier_id TEXT NOT NULL,
  owner_personal_id TEXT,
  provider TEXT NOT NULL,          -- paygov | vnpay
  order_ref TEXT NOT NULL UNIQUE,
  purpose TEXT NOT NULL,           -- filing | agency (asked by the agency: awaiting_payment)
  amount BIGINT NOT NULL,
  description TEXT NOT NULL,
  state TEXT NOT NULL,             -- pending | paid | failed | cancelled
  pay_url TEXT NOT NULL,
  provider_txn TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  paid_at BIGINT,
  next_query_at BIGINT,            -- the re-query job's next look (pending only)
  query_attempts INTEGER NOT NULL DEFAULT 0,
  receipt_no TEXT,
  version INTEGER NOT NULL DEFAULT 1);
CREATE INDEX payments_dossier ON payments(dossier_id, created_at);
CREATE INDEX payments_requery ON payments(next_query_at) WHERE state = 'pending';
CREATE INDEX payments_paid_day ON payments(paid_at);
CREATE TABLE payment_ledger (
  id BIGSERIAL PRIMARY KEY,
  payment_id TEXT NOT NULL,
  at BIGINT NOT NULL,
  kind TEXT NOT NULL,              -- created | callback | query | state | refused | receipt
  from_state TEXT,
  to_state TEXT,
  amount BIGINT,
  actor TEXT NOT NULL,
  detail TEXT NOT NULL);
CREATE INDEX payment_ledger_payment ON payment_ledger(payment_id, id);
