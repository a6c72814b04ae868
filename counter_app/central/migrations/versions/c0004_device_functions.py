"""Counters write through functions: the invalid list records which device and operator
listed or released an entry (the functions and grants are made by fencing.apply).

Revision ID: c0004
Revises: c0003
Create Date: 2026-12-07 14:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'c0004'
down_revision = 'c0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('central_invalid_list', schema=None) as batch_op:
        batch_op.add_column(sa.Column('device_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('operator', sa.String(length=50), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('released_by_device', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('released_by', sa.String(length=50), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('central_invalid_list', schema=None) as batch_op:
        batch_op.drop_column('released_by')
        batch_op.drop_column('released_by_device')
        batch_op.drop_column('operator')
        batch_op.drop_column('device_id')
