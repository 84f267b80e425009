CREATE TABLE deliveries (
  id TEXT PRIMARY KEY NOT NULL,
  received_at INTEGER NOT NULL,
  body_sha TEXT NOT NULL
);
