"""Cross-site look-ups budgeted and recorded, audit records verified centrally, enrolment
codes signed, single use and expiring (issue 12).

Revision ID: c0005
Revises: c0004
Create Date: 2026-12-07 15:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'c0005'
down_revision = 'c0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('central_sites', sa.Column('lookup_budget', sa.Integer(), nullable=False,
                                             server_default='100'))
    op.add_column('central_devices', sa.Column('enrolled_at', sa.DateTime(), nullable=True))
    # devices enrolled before codes were recorded keep working
    op.execute("UPDATE central_devices SET enrolled_at = created_at")
    op.create_table(
        'central_enrolment_codes',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('device_id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['device_id'], ['central_devices.id'],
                                name=op.f('fk_central_enrolment_codes_device_id_central_devices')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_central_enrolment_codes')))
    op.create_table(
        'central_lookups',
        sa.Column('site_id', sa.Uuid(), nullable=False),
        sa.Column('id', sa.Uuid(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('device_id', sa.Uuid(), nullable=False),
        sa.Column('operator', sa.String(length=50), server_default='', nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('number_hash', sa.String(length=64), nullable=False),
        sa.Column('allowed', sa.Boolean(), nullable=False),
        sa.Column('spent_xid', sa.BigInteger(), server_default='0', nullable=False),
        sa.Column('question_hash', sa.String(length=64), server_default='', nullable=False),
        sa.PrimaryKeyConstraint('site_id', 'id', name=op.f('pk_central_lookups')))
    op.create_index('ix_central_lookups_device_at', 'central_lookups', ['device_id', 'at'],
                    postgresql_where=sa.text('allowed'))
    op.create_table(
        'central_audit_records',
        sa.Column('site_id', sa.Uuid(), nullable=False),
        sa.Column('device_id', sa.Uuid(), nullable=False),
        sa.Column('seq', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('operator_id', sa.Uuid(), nullable=True),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('entity', sa.String(length=40), nullable=False),
        sa.Column('entity_id', sa.String(length=64), nullable=False),
        sa.Column('from_status', sa.String(length=30), server_default='', nullable=False),
        sa.Column('to_status', sa.String(length=30), server_default='', nullable=False),
        sa.Column('detail', sa.Text(), server_default='', nullable=False),
        sa.Column('chain_hash', sa.String(length=64), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('site_id', 'device_id', 'seq',
                                name=op.f('pk_central_audit_records')))
    op.create_table(
        'central_device_flags',
        sa.Column('site_id', sa.Uuid(), nullable=False),
        sa.Column('device_id', sa.Uuid(), nullable=False),
        sa.Column('id', sa.Uuid(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('flagged_at', sa.DateTime(), nullable=False),
        sa.Column('reason', sa.String(length=30), nullable=False),
        sa.Column('detail', sa.Text(), server_default='', nullable=False),
        sa.PrimaryKeyConstraint('site_id', 'device_id', 'id',
                                name=op.f('pk_central_device_flags')))


def downgrade() -> None:
    op.drop_table('central_device_flags')
    op.drop_table('central_audit_records')
    op.drop_index('ix_central_lookups_device_at', table_name='central_lookups')
    op.drop_table('central_lookups')
    op.drop_table('central_enrolment_codes')
    op.drop_column('central_devices', 'enrolled_at')
    op.drop_column('central_sites', 'lookup_budget')
