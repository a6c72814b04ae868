"""Four eyes: a supervisor's review of examined applications (issue 17)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 22:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'application_reviews',
        sa.Column('application_id', sa.Uuid(), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('examined_by', sa.Uuid(), nullable=False),
        sa.Column('examined_at', sa.DateTime(), nullable=False),
        sa.Column('rounds', sa.Integer(), nullable=False),
        sa.Column('decided_by', sa.Uuid(), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.Column('reason_code', sa.String(length=40), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                                name=op.f('fk_application_reviews_application_id_applications'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['examined_by'], ['operators.id'],
                                name=op.f('fk_application_reviews_examined_by_operators')),
        sa.ForeignKeyConstraint(['decided_by'], ['operators.id'],
                                name=op.f('fk_application_reviews_decided_by_operators')),
        sa.PrimaryKeyConstraint('application_id', name=op.f('pk_application_reviews')),
    )
    with op.batch_alter_table('application_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_reviews_state'), ['state'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('application_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_reviews_state'))
    op.drop_table('application_reviews')
