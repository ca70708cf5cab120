"""Map scroll lines to message blocks: a Fenwick tree over block heights.

Prefix sums and "which block holds line y" are O(log n), so the chat pane can scroll a million
messages while drawing only the visible lines.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable


class HeightIndex:
    def __init__(self, heights: Iterable[int]) -> None:
        self._heights = array("l", heights)
        self._tree = array("l", [0]) * (len(self._heights) + 1)
        tree = self._tree
        size = len(self._heights)
        # Linear-time build: each node pushes its sum to its parent once.
        for i, height in enumerate(self._heights, start=1):
            tree[i] += height
            parent = i + (i & -i)
            if parent <= size:
                tree[parent] += tree[i]
        self._top_bit = 1 << size.bit_length() if size else 0

    def extend(self, heights: Iterable[int]) -> None:
        """Append blocks in O(k + log n): the messages a background scan has just indexed."""
        old = len(self._heights)
        self._heights.extend(heights)
        size = len(self._heights)
        if size == old:
            return
        tree = self._tree
        tree.extend(array("l", [0]) * (size - old))
        # Old nodes whose parent lay past the old end: strip n's lowest bits, one at a time.
        pending, node = [], old
        while node:
            pending.append(node)
            node -= node & -node
        for i in range(old + 1, size + 1):
            tree[i] += self._heights[i - 1]
        for i in sorted(pending) + list(range(old + 1, size + 1)):
            parent = i + (i & -i)
            if old < parent <= size:
                tree[parent] += tree[i]
        self._top_bit = 1 << size.bit_length()

    def __len__(self) -> int:
        return len(self._heights)

    def height(self, index: int) -> int:
        return self._heights[index]

    def set(self, index: int, height: int) -> int:
        """Set block `index`'s height; returns the change."""
        delta = height - self._heights[index]
        if delta:
            self._heights[index] = height
            i, tree, size = index + 1, self._tree, len(self._heights)
            while i <= size:
                tree[i] += delta
                i += i & -i
        return delta

    def start(self, index: int) -> int:
        """The first line of block `index` (the sum of the heights before it)."""
        total, i, tree = 0, index, self._tree
        while i > 0:
            total += tree[i]
            i -= i & -i
        return total

    @property
    def total(self) -> int:
        return self.start(len(self._heights))

    def locate(self, line: int) -> tuple[int, int]:
        """(block index, line within the block) for a line; clamped to the last block."""
        size = len(self._heights)
        if size == 0:
            return 0, 0
        position, remaining, step, tree = 0, max(line, 0), self._top_bit, self._tree
        while step:
            nxt = position + step
            if nxt <= size and tree[nxt] <= remaining:
                position = nxt
                remaining -= tree[nxt]
            step >>= 1
        if position >= size:
            last = size - 1
            return last, self._heights[last] - 1
        return position, remaining
