"""Instant issuance (issue 16): the runs of card numbers reserved for this counter, and the
numbers it took (in production, issued, spoiled)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-20 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'card_number_ranges',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('prefix', sa.String(length=12), nullable=False),
        sa.Column('first_no', sa.BigInteger(), nullable=False),
        sa.Column('last_no', sa.BigInteger(), nullable=False),
        sa.Column('width', sa.Integer(), nullable=False),
        sa.Column('bank', sa.String(length=50), nullable=False),
        sa.Column('next_no', sa.BigInteger(), nullable=False),
        sa.Column('reserved_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_card_number_ranges')))
    op.create_table(
        'issued_card_numbers',
        sa.Column('card_number', sa.String(length=30), nullable=False),
        sa.Column('application_id', sa.Uuid(), nullable=False),
        sa.Column('range_id', sa.Uuid(), nullable=False),
        sa.Column('outcome', sa.String(length=20), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=False),
        sa.Column('settled_at', sa.DateTime(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('card_number', name=op.f('pk_issued_card_numbers')))
    with op.batch_alter_table('issued_card_numbers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issued_card_numbers_application_id'),
                              ['application_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('issued_card_numbers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issued_card_numbers_application_id'))
    op.drop_table('issued_card_numbers')
    op.drop_table('card_number_ranges')
