"""The installation's own settings (the role prefix `central init` chose).

Revision ID: c0003
Revises: c0002
Create Date: 2026-12-07 11:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'c0003'
down_revision = 'c0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('central_settings',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_central_settings'))
    )


def downgrade() -> None:
    op.drop_table('central_settings')
