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
    op.create_table(
        'day_closures',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('site_id', sa.Uuid(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('closed_by', sa.Uuid(), nullable=False),
        sa.Column('closed_at', sa.DateTime(), nullable=False),
        sa.Column('report_path', sa.Text(), nullable=False),
        sa.Column('reopened_at', sa.DateTime(), nullable=True),
        sa.Column('reopened_by', sa.Uuid(), nullable=True),
        sa.Column('reopen_reason', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['closed_by'], ['operators.id'],
                                name=op.f('fk_day_closures_closed_by_operators')),
        sa.ForeignKeyConstraint(['reopened_by'], ['operators.id'],
                                name=op.f('fk_day_closures_reopened_by_operators')),
        sa.ForeignKeyConstraint(['site_id'], ['sites.id'],
                                name=op.f('fk_day_closures_site_id_sites')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_day_closures')),
    )
    with op.batch_alter_table('day_closures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_day_closures_day'), ['day'], unique=False)
    op.create_table(
        'day_close_explanations',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('closure_id', sa.Uuid(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('item_key', sa.String(length=80), nullable=False),
        sa.Column('application_id', sa.Uuid(), nullable=True),
        sa.Column('number', sa.String(length=40), nullable=False),
        sa.Column('masked_id', sa.String(length=30), nullable=False),
        sa.Column('status', sa.String(length=30), nullable=False),
        sa.Column('reason', sa.String(length=40), nullable=False),
        sa.Column('reason_label', sa.Text(), nullable=False),
        sa.Column('continues', sa.Boolean(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['closure_id'], ['day_closures.id'],
                                name=op.f('fk_day_close_explanations_closure_id_day_closures'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_day_close_explanations')),
    )
    with op.batch_alter_table('day_close_explanations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_day_close_explanations_application_id'),
                              ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_day_close_explanations_closure_id'),
                              ['closure_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('day_close_explanations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_day_close_explanations_closure_id'))
        batch_op.drop_index(batch_op.f('ix_day_close_explanations_application_id'))
    op.drop_table('day_close_explanations')
    with op.batch_alter_table('day_closures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_day_closures_day'))
    op.drop_table('day_closures')
