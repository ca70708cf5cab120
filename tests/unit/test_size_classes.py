"""A message's size class stands for its size closely enough to guess its height from."""

from __future__ import annotations

import numpy as np

from reader.index.size_classes import (
    EXACT,
    LAST,
    class_size,
    estimated_heights,
    size_class,
    size_classes,
)

SIZES = [*range(0, 5000), *(2**n + d for n in range(12, 40) for d in (-1, 0, 1)), -5]


def test_the_scans_classes_are_the_apps():
    classes = size_classes(np.array(SIZES))
    assert classes.tolist() == [size_class(size) for size in SIZES]


def test_small_sizes_are_exact_and_bigger_ones_within_a_sixteenth():
    for size in range(EXACT):
        assert class_size(size_class(size)) == size
    for size in [*range(EXACT, 20_000), 100_000, 262_143]:
        assert abs(class_size(size_class(size)) - size) <= size / 16, size
    assert size_class(10**9) == LAST
    # Classes follow sizes: a bigger message never gets a smaller class.
    classes = [size_class(size) for size in range(300_000)]
    assert classes == sorted(classes)


def test_heights_come_from_each_class_size():
    classes = bytes(range(256))
    for per_line, extra in [(10, 3), (92, 3), (200, 0)]:
        heights = estimated_heights(classes, per_line, extra)
        assert heights.tolist() == [class_size(c) // per_line + extra for c in range(256)]
    assert estimated_heights(b"", 92, 3).tolist() == []
