"""No city-wide copies: the invalid list without ID numbers, no pre-applications pulled,
photo receipts only this counter's own and those it attached (issue 12)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 15:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('invalid_list', schema=None) as batch_op:
        batch_op.drop_index('ix_invalid_list_id_number')
        batch_op.drop_column('id_number')
    op.drop_table('preapplications')
    # receipts pulled from every station of the city: kept are the ones this counter
    # issued (audited) and the ones attached to its applications
    op.execute("DELETE FROM photo_receipts WHERE number NOT IN "
               "(SELECT receipt_number FROM photos WHERE receipt_number IS NOT NULL) "
               "AND number NOT IN (SELECT entity_id FROM audit_log "
               "WHERE action = 'photo_receipt_issued')")
    op.execute("DELETE FROM meta WHERE key IN ('pull_cursor:photo_receipts', "
               "'pull_cursor:preapplications')")


def downgrade() -> None:
    op.create_table(
        'preapplications',
        sa.Column('number', sa.String(length=40), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('pulled_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('number', name=op.f('pk_preapplications')))
    with op.batch_alter_table('invalid_list', schema=None) as batch_op:
        batch_op.add_column(sa.Column('id_number', sa.String(length=18), nullable=False,
                                      server_default=''))
        batch_op.create_index('ix_invalid_list_id_number', ['id_number'], unique=False)
