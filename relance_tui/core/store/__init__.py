"""The data file: a TinyDB JSON snapshot, an append-only journal, recovery.

- `files`: atomic, fsync'd, 0600 file writes that any part of relance may use;
- `snapshot`: the sealed TinyDB JSON file (write, read, verify);
- `journal`: one checksummed line per transaction, fsync'd before it counts;
- `store`: the `Store` the domain talks to (lock, open, commit, read);
- `recovery`: rebuilding a damaged file from its backup, resealing hand edits;
- `migrations`: older schema versions brought up to date.
"""
