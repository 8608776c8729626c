namespace CallSync.Hub.Storage;

/// <summary>
/// The hub schema, as ordered plain-SQL steps. Never edit a released step: append a new one.
/// Times are BIGINT unix milliseconds (UTC); flags are BIGINT 0/1, so both engines read them alike.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "initial schema", """
            CREATE TABLE users (
                user_id TEXT PRIMARY KEY,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                number_patterns TEXT NOT NULL,
                push_policy TEXT NOT NULL,
                push_time TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                created_at BIGINT NOT NULL);
            CREATE TABLE devices (
                device_id TEXT PRIMARY KEY,
                desk_number TEXT NOT NULL UNIQUE,
                provisioning_key TEXT NOT NULL,
                attestation_key TEXT NOT NULL,
                created_at BIGINT NOT NULL);
            CREATE TABLE device_state (
                device_id TEXT PRIMARY KEY,
                online BIGINT NOT NULL,
                changed_at BIGINT NOT NULL);
            CREATE TABLE bindings (
                user_id TEXT NOT NULL,
                device_id TEXT NOT NULL,
                status TEXT NOT NULL,
                can_dial BIGINT NOT NULL,
                via TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (user_id, device_id));
            CREATE INDEX ix_bindings_device ON bindings (device_id, status);
            CREATE TABLE binding_audit (
                id {identity},
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                user_id TEXT NOT NULL,
                device_id TEXT NOT NULL,
                outcome TEXT NOT NULL,
                detail TEXT NOT NULL);
            CREATE TABLE call_records (
                record_id TEXT PRIMARY KEY,
                device_id TEXT NOT NULL,
                direction TEXT NOT NULL,
                local_number TEXT NOT NULL,
                remote_number TEXT NOT NULL,
                result TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                received_at BIGINT NOT NULL,
                payload TEXT NOT NULL);
            CREATE INDEX ix_call_records_device_time ON call_records (device_id, started_at, record_id);
            CREATE TABLE push_ledger (
                user_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                push_key TEXT NOT NULL,
                pushed_at BIGINT NOT NULL,
                PRIMARY KEY (user_id, kind, push_key));
            CREATE TABLE dial_requests (
                request_id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL,
                device_id TEXT NOT NULL,
                number TEXT NOT NULL,
                status TEXT NOT NULL,
                record_id TEXT NULL,
                reason TEXT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                deadline_at BIGINT NOT NULL);
            """),
        new(2, "records by time across devices", """
            CREATE INDEX ix_call_records_time ON call_records (started_at, record_id);
            """),
        new(3, "broker credentials and enrollment codes", """
            CREATE TABLE broker_credentials (
                username TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                secret_hash TEXT NOT NULL,
                expires_at BIGINT NULL,
                updated_at BIGINT NOT NULL);
            CREATE TABLE enrollment_codes (
                code_hash TEXT PRIMARY KEY,
                device_id TEXT NOT NULL,
                expires_at BIGINT NOT NULL,
                used_at BIGINT NULL,
                created_at BIGINT NOT NULL);
            CREATE INDEX ix_enrollment_codes_device ON enrollment_codes (device_id);
            """),

        new(4, "recordings uploaded by the apps, the live event log", """
            CREATE TABLE hub_recordings (
                record_id TEXT PRIMARY KEY,
                device_id TEXT NOT NULL,
                uploaded_by TEXT NOT NULL,
                bytes BIGINT NOT NULL,
                sha256 TEXT NOT NULL,
                stored_at BIGINT NOT NULL);
            CREATE INDEX ix_hub_recordings_stored ON hub_recordings (stored_at);
            CREATE TABLE hub_events (
                id {identity},
                at BIGINT NOT NULL,
                kind TEXT NOT NULL,
                device_id TEXT NULL,
                user_id TEXT NULL,
                data TEXT NOT NULL);
            CREATE INDEX ix_hub_events_at ON hub_events (at);
            """),
        new(5, "users can be disabled", """
            ALTER TABLE users ADD COLUMN disabled BIGINT NOT NULL DEFAULT 0;
            """),
        // Every call-log filter a seek (CallRecordQuerySql): number search by either number, a result however rare,
        // with the phone carried in the number indexes so a salesperson's phones are checked without reading the row.
        new(6, "call-log filters served by indexes", """
            CREATE INDEX ix_call_records_remote ON call_records (remote_number, started_at, record_id, device_id);
            CREATE INDEX ix_call_records_local ON call_records (local_number, started_at, record_id, device_id);
            CREATE INDEX ix_call_records_device_result ON call_records (device_id, result, started_at, record_id);
            CREATE INDEX ix_call_records_result ON call_records (result, started_at, record_id);
            """),
        new(7, "call records say how the call was protected", """
            ALTER TABLE call_records ADD COLUMN security TEXT NOT NULL DEFAULT 'none';
            """),
    ];
}
