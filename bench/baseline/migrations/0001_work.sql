-- Rows the floor-with-the-workflow's-I/O writes from its objects' alarms (account-like, item-like).
CREATE TABLE work (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL,
  body TEXT NOT NULL
);

-- The floor-io's receiver claims each event once (by its body's digest) and runs the I/O only for new ones, as the product does.
CREATE TABLE seen (
  body_sha TEXT PRIMARY KEY NOT NULL,
  received_at INTEGER NOT NULL
);
