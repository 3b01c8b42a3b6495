"""Initial schema: episodes, check-ins, medications, user triggers and file meta.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-23 19:05:44.442441
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001_initial'
down_revision: str | None = None
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('checkins',
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('caffeine_mg', sa.Float(), nullable=True),
    sa.Column('water_ml', sa.Float(), nullable=True),
    sa.Column('sitting_h', sa.Float(), nullable=True),
    sa.Column('exercise_min', sa.Float(), nullable=True),
    sa.Column('exercise_intensity', sa.String(length=16), nullable=True),
    sa.Column('stress', sa.Integer(), nullable=True),
    sa.Column('sleep_h', sa.Float(), nullable=True),
    sa.Column('interference_sleep', sa.Integer(), nullable=True),
    sa.Column('interference_walking', sa.Integer(), nullable=True),
    sa.Column('interference_work', sa.Integer(), nullable=True),
    sa.Column('no_episodes', sa.Boolean(), nullable=False),
    sa.Column('warning_signs', sa.JSON(), nullable=False),
    sa.Column('warning_signs_asked', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('local_date', name=op.f('pk_checkins'))
    )
    op.create_table('episodes',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('started_at_utc', sa.DateTime(), nullable=False),
    sa.Column('utc_offset_min', sa.Integer(), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('local_minute', sa.Integer(), nullable=False),
    sa.Column('duration_s', sa.Integer(), nullable=False),
    sa.Column('intensity', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=8), nullable=True),
    sa.Column('regions', sa.JSON(), nullable=False),
    sa.Column('radiates_to', sa.String(length=16), nullable=False),
    sa.Column('activity', sa.String(length=16), nullable=True),
    sa.Column('triggers', sa.JSON(), nullable=False),
    sa.Column('warning_signs', sa.JSON(), nullable=False),
    sa.Column('relief', sa.JSON(), nullable=False),
    sa.Column('relief_score', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_episodes'))
    )
    with op.batch_alter_table('episodes', schema=None) as batch_op:
        batch_op.create_index('ix_episodes_local_date_kind', ['local_date', 'kind'], unique=False)
        batch_op.create_index('ix_episodes_started_at_utc', ['started_at_utc'], unique=False)

    op.create_table('medications',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('dose', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('stopped_on', sa.Date(), nullable=True),
    sa.Column('suspected', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_medications'))
    )
    op.create_table('meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_meta'))
    )
    op.create_table('user_triggers',
    sa.Column('id', sa.String(length=48), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_triggers'))
    )


def downgrade() -> None:
    op.drop_table('user_triggers')
    op.drop_table('meta')
    op.drop_table('medications')
    with op.batch_alter_table('episodes', schema=None) as batch_op:
        batch_op.drop_index('ix_episodes_started_at_utc')
        batch_op.drop_index('ix_episodes_local_date_kind')

    op.drop_table('episodes')
    op.drop_table('checkins')
