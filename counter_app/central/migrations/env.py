"""Alembic environment of the central database: always handed a connection by
counter_app.central.migrate."""

from alembic import context

from counter_app.central.schema import metadata

context.configure(
    connection=context.config.attributes["connection"],
    target_metadata=metadata,
    version_table="central_alembic_version",
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
