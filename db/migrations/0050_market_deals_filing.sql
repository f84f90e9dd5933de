-- A 对接 that ends in a filing (已备案) points at the licence/assignment filing of the filings register when the 备案号 is
-- one of its own (ADR 0035); a number filed elsewhere is kept as written, without a link.
ALTER TABLE market_deals ADD CONSTRAINT market_deals_filing_fk FOREIGN KEY (filing_id) REFERENCES licence_filings (id) ON DELETE SET NULL;
