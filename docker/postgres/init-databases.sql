-- Runs once, when the compose PostgreSQL volume is first initialised (docker-entrypoint-initdb.d).
-- One database per stateful service; both owned by the compose user (POSTGRES_USER).
CREATE DATABASE backfire_orchestrator OWNER backfire;
CREATE DATABASE backfire_stats OWNER backfire;
