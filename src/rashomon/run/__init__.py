"""Runners of the pipeline: one stage table (``stages``), one failure policy (``policy``), and the
engines that run the table: ``local`` (this process) and ``ray`` (a Ray Data cluster, optional).

Only the table is imported here; a runner is imported when used, so ``import rashomon`` stays light.
"""

from rashomon.run.stages import GLOBAL, PER_PAGE, PER_STORY, Stage, Stages, default_stages

__all__ = ["GLOBAL", "PER_PAGE", "PER_STORY", "Stage", "Stages", "default_stages"]
