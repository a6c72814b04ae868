"""Carrying the outbox by hand (issue 17): the central side's carry keys, the devices'
signing keys and the carried files imported (the functions are made by fencing.apply:
counter_app.central.device_carry).

Revision ID: c0008
Revises: c0007
Create Date: 2026-12-07 22:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'c0008'
down_revision = 'c0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'central_carry_keys',
        sa.Column('key_id', sa.String(length=16), nullable=False),
        sa.Column('box_public', sa.String(length=64), nullable=False),
        sa.Column('sign_public', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('retired_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('key_id', name=op.f('pk_central_carry_keys')))
    op.create_table(
        'central_device_carry_keys',
        sa.Column('device_id', sa.Uuid(), nullable=False),
        sa.Column('key_id', sa.String(length=16), nullable=False),
        sa.Column('public_key', sa.String(length=64), nullable=False),
        sa.Column('registered_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['device_id'], ['central_devices.id'],
                                name=op.f('fk_central_device_carry_keys_device_id_central_devices')),
        sa.PrimaryKeyConstraint('device_id', 'key_id', name=op.f('pk_central_device_carry_keys')))
    op.create_table(
        'central_carried_imports',
        sa.Column('device_id', sa.Uuid(), nullable=False),
        sa.Column('export_id', sa.String(length=32), nullable=False),
        sa.Column('site_id', sa.Uuid(), nullable=False),
        sa.Column('file_sha256', sa.String(length=64), nullable=False),
        sa.Column('operations', sa.Integer(), nullable=False),
        sa.Column('applied', sa.Integer(), nullable=False),
        sa.Column('imported_at', sa.DateTime(), nullable=False),
        sa.Column('imported_by', sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(['device_id'], ['central_devices.id'],
                                name=op.f('fk_central_carried_imports_device_id_central_devices')),
        sa.ForeignKeyConstraint(['site_id'], ['central_sites.id'],
                                name=op.f('fk_central_carried_imports_site_id_central_sites')),
        sa.PrimaryKeyConstraint('device_id', 'export_id',
                                name=op.f('pk_central_carried_imports')))


def downgrade() -> None:
    op.execute("DROP FUNCTION IF EXISTS central_carry_key()")
    op.execute("DROP FUNCTION IF EXISTS central_register_carry_key(text, text)")
    op.drop_table('central_carried_imports')
    op.drop_table('central_device_carry_keys')
    op.drop_table('central_carry_keys')
