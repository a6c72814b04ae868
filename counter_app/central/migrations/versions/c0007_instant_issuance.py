"""Instant issuance (issue 16): a site setting, blocks of card numbers and blank cards per
site, each counter's reservations of a block, every card number used; the card-status
guard lets a device of an instant-issuance site make the instant moves (the functions are
made by fencing.apply: counter_app.central.device_instant).

Revision ID: c0007
Revises: c0006
Create Date: 2026-12-20 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'c0007'
down_revision = 'c0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('central_sites', sa.Column('instant_issuance', sa.Boolean(), nullable=False,
                                             server_default=sa.text('false')))
    op.create_table(
        'central_card_blocks',
        sa.Column('site_id', sa.Uuid(), nullable=False),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('prefix', sa.String(length=12), nullable=False),
        sa.Column('first_no', sa.BigInteger(), nullable=False),
        sa.Column('last_no', sa.BigInteger(), nullable=False),
        sa.Column('width', sa.Integer(), nullable=False),
        sa.Column('bank', sa.String(length=50), server_default='', nullable=False),
        sa.Column('allocated_at', sa.DateTime(), nullable=False),
        sa.Column('allocated_by', sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(['site_id'], ['central_sites.id'],
                                name=op.f('fk_central_card_blocks_site_id_central_sites')),
        sa.PrimaryKeyConstraint('site_id', 'id', name=op.f('pk_central_card_blocks')))
    op.create_table(
        'central_blank_deliveries',
        sa.Column('site_id', sa.Uuid(), nullable=False),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('blanks', sa.Integer(), nullable=False),
        sa.Column('delivered_at', sa.DateTime(), nullable=False),
        sa.Column('delivered_by', sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(['site_id'], ['central_sites.id'],
                                name=op.f('fk_central_blank_deliveries_site_id_central_sites')),
        sa.PrimaryKeyConstraint('site_id', 'id', name=op.f('pk_central_blank_deliveries')))
    op.create_table(
        'central_card_reservations',
        sa.Column('site_id', sa.Uuid(), nullable=False),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('block_id', sa.Uuid(), nullable=False),
        sa.Column('device_id', sa.Uuid(), nullable=False),
        sa.Column('first_no', sa.BigInteger(), nullable=False),
        sa.Column('last_no', sa.BigInteger(), nullable=False),
        sa.Column('reserved_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['site_id'], ['central_sites.id'],
                                name=op.f('fk_central_card_reservations_site_id_central_sites')),
        sa.PrimaryKeyConstraint('site_id', 'id', name=op.f('pk_central_card_reservations')))
    op.create_index('ix_central_card_reservations_block', 'central_card_reservations',
                    ['site_id', 'block_id', 'last_no'])
    op.create_index('ix_central_card_reservations_device', 'central_card_reservations',
                    ['site_id', 'device_id'])
    op.create_table(
        'central_card_numbers',
        sa.Column('site_id', sa.Uuid(), nullable=False),
        sa.Column('card_number', sa.String(length=30), nullable=False),
        sa.Column('reservation_id', sa.Uuid(), nullable=False),
        sa.Column('device_id', sa.Uuid(), nullable=False),
        sa.Column('application_id', sa.Uuid(), nullable=False),
        sa.Column('outcome', sa.String(length=20), nullable=False),
        sa.Column('reason', sa.Text(), server_default='', nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=False),
        sa.Column('settled_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['site_id'], ['central_sites.id'],
                                name=op.f('fk_central_card_numbers_site_id_central_sites')),
        sa.PrimaryKeyConstraint('site_id', 'card_number', name=op.f('pk_central_card_numbers')))
    op.create_index('ix_central_card_numbers_reservation', 'central_card_numbers',
                    ['site_id', 'reservation_id'])
    op.execute(GUARD)


def downgrade() -> None:
    from counter_app.central.migrations.versions.c0002_card_centre import GUARD as EARLIER

    op.execute(EARLIER)
    op.drop_index('ix_central_card_numbers_reservation', table_name='central_card_numbers')
    op.drop_table('central_card_numbers')
    op.drop_index('ix_central_card_reservations_device', table_name='central_card_reservations')
    op.drop_index('ix_central_card_reservations_block', table_name='central_card_reservations')
    op.drop_table('central_card_reservations')
    op.drop_table('central_blank_deliveries')
    op.drop_table('central_card_blocks')
    op.drop_column('central_sites', 'instant_issuance')


# The card centre owns card status (c0002), except at a site it lets make cards at the
# window: a device of such a site may, through the engine's functions, also start a card
# with a number (in_production), record it produced or failed, and hand a produced card
# over — the lifecycle's INSTANT_MOVES (counter_app.domain.lifecycle); a test keeps the
# two lists equal. Every other site's devices get exactly what they had.
GUARD = '''
CREATE OR REPLACE FUNCTION central_guard_card_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- the arrival of an application, first: thousands per push, no lookups needed
  IF TG_OP = 'INSERT' AND NEW.status = 'submitted' AND NEW.card_number IS NULL THEN
    RETURN NEW;
  END IF;
  IF (SELECT central_is_card_centre()) OR EXISTS (
      SELECT 1 FROM pg_roles WHERE rolname = session_user AND (rolsuper OR rolbypassrls))
  THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.card_number IS NOT DISTINCT FROM OLD.card_number
     AND (NEW.status = OLD.status OR (OLD.status, NEW.status) IN (
          ('at_site', 'collected'), ('notified', 'collected'), ('collected', 'activated')))
  THEN
    RETURN NEW;
  END IF;
  -- instant issuance: only a device of the row's own site, and that site issues instantly
  IF TG_OP = 'UPDATE' AND NEW.site_id = OLD.site_id AND EXISTS (
      SELECT 1 FROM central_devices d JOIN central_sites s ON s.id = d.site_id
       WHERE d.role_name = session_user AND d.revoked_at IS NULL
         AND d.enrolled_at IS NOT NULL AND s.id = NEW.site_id AND s.instant_issuance)
     AND ((OLD.status, NEW.status) IN (
            ('submitted', 'in_production'), ('production_failed', 'in_production'))
          OR (NEW.card_number IS NOT DISTINCT FROM OLD.card_number
              AND (OLD.status, NEW.status) IN (
                ('in_production', 'produced'), ('in_production', 'production_failed'),
                ('produced', 'collected'))))
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'card status % -> % is set by the card centre',
    CASE WHEN TG_OP = 'UPDATE' THEN OLD.status ELSE '(new)' END, NEW.status
    USING ERRCODE = 'insufficient_privilege';
END $$'''
