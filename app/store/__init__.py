"""The appliance's one SQLite database: opening, WAL, migrations. Knows nothing of services."""

from app.store.database import Store, open_store

__all__ = ["Store", "open_store"]
