-- The alo153 role and database. Run as the postgres superuser:
--   sudo -u postgres psql -v password="'$(openssl rand -hex 24)'" -f deploy/postgresql/alo153-role.sql
-- then set DATABASE_URL=postgres://alo153:<that password>@127.0.0.1:5432/alo153 and run `npm run migrate`
-- (alo153 also migrates at start). The role owns its database and schema; it is no superuser and
-- cannot create roles or databases.
CREATE ROLE alo153 LOGIN PASSWORD :password NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION CONNECTION LIMIT 30;
-- Turkish sorting (ç after c, ı before i) needs a Turkish collation: add LOCALE_PROVIDER icu ICU_LOCALE 'tr-TR' LOCALE 'C.UTF-8'
-- (PostgreSQL 15+, ICU built in) or LC_COLLATE/LC_CTYPE 'tr_TR.UTF-8' when that locale is installed (locale -a).
CREATE DATABASE alo153 OWNER alo153 ENCODING 'UTF8' TEMPLATE template0;
-- Per-role limits: no call-path statement takes seconds; a year's report takes ≤ 2 s (README, Reports), so 30 s is
-- a runaway, not a report. A transaction left open by a crashed client is ended after 60 s.
ALTER ROLE alo153 SET statement_timeout = '30s';
ALTER ROLE alo153 SET lock_timeout = '5s';
ALTER ROLE alo153 SET idle_in_transaction_session_timeout = '60s';
ALTER ROLE alo153 SET timezone = 'UTC';
\connect alo153
-- PostgreSQL 15+ no longer lets every role create in public; alo153 gets its own schema it owns.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS alo153 AUTHORIZATION alo153;
ALTER ROLE alo153 IN DATABASE alo153 SET search_path = alo153;
