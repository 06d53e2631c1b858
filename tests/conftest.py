"""Shared fixtures: paths to the repo's seeds and sample config."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SAMPLE_CONFIG = ROOT / "config" / "briefing.yaml"


@pytest.fixture
def seeds_dir() -> Path:
    """The folder of the five seed articles."""
    return SEEDS


@pytest.fixture
def sample_config_path() -> Path:
    """The sample story's YAML."""
    return SAMPLE_CONFIG
