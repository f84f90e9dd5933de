-- Transactions (issue 22, ADR 0030): the 金融机构 (bank) role of PRODUCT.md. A pledgee of a pledge financing is an org unit
-- of kind 'bank'; its users (role 'bank') see the pledges, valuations and risk-compensation claims of their own unit.
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('admin','bureau','department','district','enterprise','agency','expert','bank'));
ALTER TABLE org_units DROP CONSTRAINT IF EXISTS org_units_kind_check;
ALTER TABLE org_units ADD CONSTRAINT org_units_kind_check
    CHECK (kind IN ('bureau','department','district','enterprise','agency','expert_group','bank','other'));
