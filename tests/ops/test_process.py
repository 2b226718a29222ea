"""Process-wide settings that keep heavy pages' tail latency down (config/settings.py)."""

import gc


def test_the_garbage_collector_runs_in_large_batches():
    # Full collections in the middle of the admin form of a record with 100 revisions took 120-185 ms.
    assert gc.get_threshold() == (50_000, 20, 20)
