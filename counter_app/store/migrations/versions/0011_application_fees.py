"""Fees: the fee of each application as worked out when it was saved, and its payment
(issue 16)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-20 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Applications saved before this revision have no row: their fee is the rules' of the
    # day it is asked for (services/fees.py), recorded when it is paid.
    op.create_table(
        'application_fees',
        sa.Column('application_id', sa.Uuid(), nullable=False),
        sa.Column('business_type', sa.String(length=30), nullable=False),
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('standard_fen', sa.Integer(), nullable=False),
        sa.Column('amount_fen', sa.Integer(), nullable=False),
        sa.Column('waiver', sa.String(length=40), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.Column('paid_at', sa.DateTime(), nullable=True),
        sa.Column('method', sa.String(length=20), nullable=False),
        sa.Column('paid_by', sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                                name=op.f('fk_application_fees_application_id_applications'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['paid_by'], ['operators.id'],
                                name=op.f('fk_application_fees_paid_by_operators')),
        sa.PrimaryKeyConstraint('application_id', name=op.f('pk_application_fees')),
    )
    with op.batch_alter_table('application_fees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_fees_paid_at'), ['paid_at'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('application_fees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_fees_paid_at'))
    op.drop_table('application_fees')
