"""Closing the day: closed days, their explanations, an administrator's reopen (issue 17)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 22:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
