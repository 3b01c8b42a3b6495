"""Alembic environment: run from code (journal.store.db.run_alembic_upgrade) on a live connection.

Batch mode because SQLite cannot ALTER most things in place; one transaction per migration so a
failure leaves the file at the last good revision (and the verified backup beside it).
"""

from alembic import context

from journal.store.schema import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only used from code
    raise RuntimeError("Run migrations through journal.store.db.run_alembic_upgrade().")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transaction_per_migration=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
