"""Carrying the outbox by hand: the counter's exports and their receipts (issue 17)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 22:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'carried_exports',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('operator_id', sa.Uuid(), nullable=False),
        sa.Column('device_id', sa.String(length=40), nullable=False),
        sa.Column('first_seq', sa.Integer(), nullable=False),
        sa.Column('last_seq', sa.Integer(), nullable=False),
        sa.Column('operations', sa.Integer(), nullable=False),
        sa.Column('applications', sa.Integer(), nullable=False),
        sa.Column('files', sa.Integer(), nullable=False),
        sa.Column('audit_rows', sa.Integer(), nullable=False),
        sa.Column('file_sha256', sa.String(length=64), nullable=False),
        sa.Column('receipt_at', sa.DateTime(), nullable=True),
        sa.Column('marked_sent', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['operator_id'], ['operators.id'],
                                name=op.f('fk_carried_exports_operator_id_operators')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_carried_exports')),
    )


def downgrade() -> None:
    op.drop_table('carried_exports')
