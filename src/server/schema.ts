import type { Migration } from '../store/schema.js';

/**
 * The team server's own state, in `<workspace>/server.duckdb`, beside (never inside) the
 * record index: the index is opened only by verification jobs, in their own process.
 *
 * Secrets are stored hashed: passwords with scrypt (passwords.ts), session ids, API tokens
 * and the bootstrap token with SHA-256 (they are 32 random bytes, so a fast hash is enough).
 * Samples themselves live encrypted on disk; this database holds only their metadata.
 * Audit timestamps are ISO strings, not TIMESTAMPTZ, so the hash chain covers the exact
 * text that is shown and re-hashed.
 */
export const SERVER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'team server',
    statements: [
      `CREATE TABLE users (
        id VARCHAR PRIMARY KEY,
        username VARCHAR NOT NULL UNIQUE,
        password_hash VARCHAR NOT NULL,
        role VARCHAR NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
        created_at TIMESTAMPTZ NOT NULL,
        disabled BOOLEAN NOT NULL DEFAULT false
      )`,
      `CREATE TABLE api_tokens (
        id VARCHAR PRIMARY KEY,
        user_id VARCHAR NOT NULL,
        token_hash VARCHAR NOT NULL UNIQUE,
        label VARCHAR NOT NULL,
        role VARCHAR NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
        created_at TIMESTAMPTZ NOT NULL,
        revoked BOOLEAN NOT NULL DEFAULT false
      )`,
      `CREATE TABLE sessions (
        id_hash VARCHAR PRIMARY KEY,
        user_id VARCHAR NOT NULL,
        csrf_token VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL
      )`,
      `CREATE TABLE one_time_tokens (
        token_hash VARCHAR PRIMARY KEY,
        purpose VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        used_at TIMESTAMPTZ
      )`,
      `CREATE TABLE cases (
        id VARCHAR PRIMARY KEY,
        title VARCHAR NOT NULL,
        forum_ref VARCHAR NOT NULL,
        claimed_rows BIGINT,
        claim_date VARCHAR,
        created_by VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        exposure_public BOOLEAN NOT NULL DEFAULT false,
        default_region VARCHAR
      )`,
      `CREATE TABLE samples (
        id VARCHAR PRIMARY KEY,
        case_id VARCHAR NOT NULL,
        original_name VARCHAR NOT NULL,
        size BIGINT NOT NULL,
        sha256 VARCHAR NOT NULL,
        sealed_path VARCHAR NOT NULL,
        uploaded_by VARCHAR NOT NULL,
        uploaded_at TIMESTAMPTZ NOT NULL
      )`,
      `CREATE TABLE runs (
        id VARCHAR PRIMARY KEY,
        case_id VARCHAR NOT NULL,
        sample_id VARCHAR NOT NULL,
        status VARCHAR NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'interrupted')),
        progress VARCHAR NOT NULL DEFAULT '{}',
        verdict VARCHAR,
        result VARCHAR,
        report_dir VARCHAR,
        settings VARCHAR NOT NULL DEFAULT '{}',
        error VARCHAR,
        created_by VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        finished_at TIMESTAMPTZ
      )`,
      `CREATE TABLE exposure_hashes (
        case_id VARCHAR NOT NULL,
        sample_id VARCHAR NOT NULL,
        hash VARCHAR NOT NULL
      )`,
      `CREATE TABLE suspicious_reports (
        id VARCHAR PRIMARY KEY,
        case_id VARCHAR NOT NULL,
        received_at TIMESTAMPTZ NOT NULL,
        what VARCHAR NOT NULL,
        channel VARCHAR NOT NULL,
        event_date VARCHAR,
        sender VARCHAR,
        contact VARCHAR,
        client_hash VARCHAR
      )`,
      `CREATE TABLE audit_log (
        seq BIGINT PRIMARY KEY,
        "at" VARCHAR NOT NULL,
        actor VARCHAR NOT NULL,
        action VARCHAR NOT NULL,
        target VARCHAR NOT NULL,
        detail VARCHAR NOT NULL,
        prev_hash VARCHAR NOT NULL,
        hash VARCHAR NOT NULL
      )`,
    ],
  },
];
