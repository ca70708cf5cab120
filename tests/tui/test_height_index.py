"""The chat pane's height index: prefix sums and line lookups, built whole or grown."""

from __future__ import annotations

import random

from reader.tui.height_index import HeightIndex


def test_start_locate_and_set_agree_with_plain_sums():
    rng = random.Random(7)
    heights = [rng.randint(1, 9) for _ in range(500)]
    index = HeightIndex(heights)
    index.set(17, 30)
    heights[17] = 30
    assert index.total == sum(heights)
    for block in range(0, 500, 13):
        assert index.start(block) == sum(heights[:block])
    for line in range(0, sum(heights), 7):
        block, offset = index.locate(line)
        assert sum(heights[:block]) + offset == line
        assert 0 <= offset < heights[block]
    assert index.locate(10**9) == (499, heights[-1] - 1)


def test_extending_gives_the_same_index_as_building_whole():
    rng = random.Random(11)
    for _ in range(100):
        heights = [rng.randint(1, 9) for _ in range(rng.randint(0, 40))]
        grown = HeightIndex(heights)
        for _ in range(4):
            more = [rng.randint(1, 9) for _ in range(rng.randint(0, 30))]
            grown.extend(more)
            heights += more
            whole = HeightIndex(heights)
            assert grown.total == whole.total
            assert [grown.start(i) for i in range(len(heights) + 1)] == [
                whole.start(i) for i in range(len(heights) + 1)
            ]
            for line in range(whole.total):
                assert grown.locate(line) == whole.locate(line)
