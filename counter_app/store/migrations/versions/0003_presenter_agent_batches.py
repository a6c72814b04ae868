"""presenter agent batches

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 04:53:37.754238
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Server defaults fill the new NOT NULL columns of applications taken in before.
    op.create_table('batches',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('site_id', sa.Uuid(), nullable=False),
    sa.Column('operator_id', sa.Uuid(), nullable=False),
    sa.Column('committee', sa.String(length=100), nullable=False),
    sa.Column('source_file', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('handed_to', sa.String(length=100), nullable=False),
    sa.Column('handed_over_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_batches_operator_id_operators')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_batches_site_id_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_batches')),
    sa.UniqueConstraint('number', name=op.f('uq_batches_number'))
    )
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rejection_codes', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('presenter', sa.String(length=20), nullable=False, server_default='applicant'))
        batch_op.add_column(sa.Column('same_register', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('agent_name', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agent_id_number', sa.String(length=30), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agent_phone', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('agent_relation', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('preapplication_number', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('batch_id', sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f('ix_applications_batch_id'), ['batch_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_applications_batch_id_batches'), 'batches', ['batch_id'], ['id'])

    with op.batch_alter_table('materials', schema=None) as batch_op:
        batch_op.add_column(sa.Column('group', sa.String(length=20), nullable=False, server_default=''))



def downgrade() -> None:
    with op.batch_alter_table('materials', schema=None) as batch_op:
        batch_op.drop_column('group')

    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_applications_batch_id_batches'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_applications_batch_id'))
        batch_op.drop_column('batch_id')
        batch_op.drop_column('preapplication_number')
        batch_op.drop_column('agent_relation')
        batch_op.drop_column('agent_phone')
        batch_op.drop_column('agent_id_number')
        batch_op.drop_column('agent_name')
        batch_op.drop_column('same_register')
        batch_op.drop_column('presenter')
        batch_op.drop_column('rejection_codes')

    op.drop_table('batches')
