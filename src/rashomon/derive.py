"""Kept for old imports: the derived-records runner now lives in ``rashomon.run.derive``."""

from rashomon.run.derive import STORY_STATE, Deriver  # noqa: F401
from rashomon.run.policy import chunks, describe  # noqa: F401
