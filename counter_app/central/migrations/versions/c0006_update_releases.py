"""Program updates published for the counters: signed manifests and packages in chunks
(issue 15; the functions devices read them with are made by fencing.apply).

Revision ID: c0006
Revises: c0005
Create Date: 2026-12-08 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'c0006'
down_revision = 'c0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'central_update_releases',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('version', sa.String(length=40), nullable=False),
        sa.Column('min_version', sa.String(length=40), nullable=False),
        sa.Column('platform', sa.String(length=40), nullable=False),
        sa.Column('manifest', sa.Text(), nullable=False),
        sa.Column('signature', sa.Text(), nullable=False),
        sa.Column('package_name', sa.String(length=200), nullable=False),
        sa.Column('package_size', sa.BigInteger(), nullable=False),
        sa.Column('package_sha256', sa.String(length=64), nullable=False),
        sa.Column('chunk_size', sa.Integer(), nullable=False),
        sa.Column('published_at', sa.DateTime(), nullable=False),
        sa.Column('published_by', sa.String(length=100), nullable=False),
        sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_central_update_releases')))
    op.create_index('ix_central_update_releases_in_force', 'central_update_releases',
                    ['version', 'platform'], unique=True,
                    postgresql_where=sa.text('withdrawn_at IS NULL'))
    op.create_table(
        'central_update_chunks',
        sa.Column('release_id', sa.Uuid(), nullable=False),
        sa.Column('chunk_no', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ['release_id'], ['central_update_releases.id'],
            name=op.f('fk_central_update_chunks_release_id_central_update_releases')),
        sa.PrimaryKeyConstraint('release_id', 'chunk_no', name=op.f('pk_central_update_chunks')))


def downgrade() -> None:
    op.drop_table('central_update_chunks')
    op.drop_index('ix_central_update_releases_in_force', table_name='central_update_releases')
    op.drop_table('central_update_releases')
