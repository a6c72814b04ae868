"""Instant issuance: the blank cards counted at day close, beside the stock expected then
(issue 16)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-21 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'blank_counts',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('site_id', sa.Uuid(), nullable=False),
        sa.Column('received', sa.Integer(), nullable=False),
        sa.Column('issued', sa.Integer(), nullable=False),
        sa.Column('spoiled', sa.Integer(), nullable=False),
        sa.Column('pending', sa.Integer(), nullable=False),
        sa.Column('expected', sa.Integer(), nullable=False),
        sa.Column('counted', sa.Integer(), nullable=False),
        sa.Column('explanation', sa.Text(), nullable=False),
        sa.Column('counted_by', sa.Uuid(), nullable=False),
        sa.Column('counted_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['counted_by'], ['operators.id'],
                                name=op.f('fk_blank_counts_counted_by_operators')),
        sa.ForeignKeyConstraint(['site_id'], ['sites.id'],
                                name=op.f('fk_blank_counts_site_id_sites')),
        sa.PrimaryKeyConstraint('day', name=op.f('pk_blank_counts')),
    )


def downgrade() -> None:
    op.drop_table('blank_counts')
