-- Deliveries of an event that already had its outcome (a redelivery after a lost ack, a crawler
-- sending the same event again) are acknowledged without work; the ledger counts them here, so an
-- operator can tell a crawler that resends from one that does not.
ALTER TABLE batch_ledger ADD COLUMN duplicate_deliveries INTEGER NOT NULL DEFAULT 0;
