"""preapplications

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 05:11:32.430702
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('preapplications',
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('pulled_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('number', name=op.f('pk_preapplications'))
    )


def downgrade() -> None:
    op.drop_table('preapplications')
