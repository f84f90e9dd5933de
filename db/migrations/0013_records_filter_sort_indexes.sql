-- Filters that come with a date sort (ADR 0011): one index per filter column, in the sort order, so "this city / this
-- county / this status / this type, newest first" reads the first page from the index whatever the correlation between
-- the filter and the date (granted records are old applications: an index on the date alone read 100,000 rows to find
-- 20 in force). The leading column alone serves the filter without a sort too; the old combined region index could
-- not serve a city or county on its own.
DROP INDEX IF EXISTS records_region;
DROP INDEX IF EXISTS records_type;
CREATE INDEX IF NOT EXISTS records_province_date ON records (province_code, application_date DESC NULLS LAST, id DESC);
CREATE INDEX IF NOT EXISTS records_city_date ON records (city_code, application_date DESC NULLS LAST, id DESC);
CREATE INDEX IF NOT EXISTS records_county_date ON records (county_code, application_date DESC NULLS LAST, id DESC);
CREATE INDEX IF NOT EXISTS records_status_date ON records (status, application_date DESC NULLS LAST, id DESC);
CREATE INDEX IF NOT EXISTS records_type_date ON records (right_type, application_date DESC NULLS LAST, id DESC);
