-- ASP.NET data-protection key ring shared by every app instance (auth cookies and antiforgery tokens stay valid across
-- restarts and behind a load balancer).
CREATE TABLE data_protection_keys (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name  text NOT NULL,
    xml            text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
