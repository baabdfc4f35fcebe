"""rasid's corpus store: SQLite (WAL) tables of records and their facts, FTS5 search over
Arabic-normalised text, near-duplicate stories, queries and exports.

    >>> from rasid.store import Store, queries
    >>> with Store() as store:                      # $RASID_DB or ~/.local/share/rasid/rasid.db
    ...     hits = queries.search(store, "عشق أباد")
"""

from rasid.store.db import Store, default_db_path, entity_key, input_hash

__all__ = ["Store", "default_db_path", "entity_key", "input_hash"]
