from pathlib import Path

import pytest


@pytest.fixture
def shared_goemotions() -> Path:
    from cxtext.datasets import shared_data_dir

    root = shared_data_dir()
    if not (root / "goemotions" / "train.tsv").is_file():
        pytest.skip("shared GoEmotions data not available")
    return root
