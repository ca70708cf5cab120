"""Map scroll lines to message blocks.

Heights are kept in an array; a Fenwick tree holds the sums of groups of GROUP blocks. Prefix
sums and "which block holds line y" are O(log n + GROUP), so the chat pane can scroll a million
messages while drawing only the visible lines, and building or growing the index costs one
Python step per group, not per block (a million Python steps take a second).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

from reader.index.size_classes import HEIGHT_TYPE

GROUP = 256


class _Fenwick:
    """Prefix sums over a list of values that grows at its end."""

    def __init__(self) -> None:
        self._values = array("l")
        self._tree = array("l", [0])

    def __len__(self) -> int:
        return len(self._values)

    def extend(self, values: Iterable[int]) -> None:
        tree = self._tree
        for value in values:
            self._values.append(value)
            i = len(self._values)
            # Node i sums (i - lowbit(i), i]: its own value and the nodes that end inside.
            total, child, low = value, i - 1, i - (i & -i)
            while child > low:
                total += tree[child]
                child -= child & -child
            tree.append(total)

    def add(self, index: int, delta: int) -> None:
        self._values[index] += delta
        i, tree, size = index + 1, self._tree, len(self._values)
        while i <= size:
            tree[i] += delta
            i += i & -i

    def value(self, index: int) -> int:
        return self._values[index]

    def start(self, index: int) -> int:
        """The sum of the values before `index`."""
        total, i, tree = 0, index, self._tree
        while i > 0:
            total += tree[i]
            i -= i & -i
        return total

    def locate(self, amount: int) -> tuple[int, int]:
        """(index, rest): the value where a running sum passes `amount`, and how far into it."""
        size = len(self._values)
        position, remaining, tree = 0, amount, self._tree
        step = 1 << size.bit_length() if size else 0
        while step:
            nxt = position + step
            if nxt <= size and tree[nxt] <= remaining:
                position = nxt
                remaining -= tree[nxt]
            step >>= 1
        return position, remaining


class HeightIndex:
    def __init__(self, heights: Iterable[int]) -> None:
        # 4 bytes a block (a million blocks are 4 MB), as the scan's estimates come.
        self._heights = array(HEIGHT_TYPE)
        self._groups = _Fenwick()
        self.extend(heights)

    def extend(self, heights: Iterable[int]) -> None:
        """Append blocks: the messages a background scan has just indexed."""
        old = len(self._heights)
        self._heights.extend(heights)
        size = len(self._heights)
        if old % GROUP:  # the last group was short: it takes the first new blocks
            group = old // GROUP
            self._groups.add(group, sum(self._heights[old : (group + 1) * GROUP]))
        first = -(-old // GROUP) * GROUP
        self._groups.extend(sum(self._heights[at : at + GROUP]) for at in range(first, size, GROUP))

    def __len__(self) -> int:
        return len(self._heights)

    def height(self, index: int) -> int:
        return self._heights[index]

    def set(self, index: int, height: int) -> int:
        """Set block `index`'s height; returns the change."""
        delta = height - self._heights[index]
        if delta:
            self._heights[index] = height
            self._groups.add(index // GROUP, delta)
        return delta

    def start(self, index: int) -> int:
        """The first line of block `index` (the sum of the heights before it)."""
        group = index // GROUP
        return self._groups.start(group) + sum(self._heights[group * GROUP : index])

    @property
    def total(self) -> int:
        return self._groups.start(len(self._groups))

    def locate(self, line: int) -> tuple[int, int]:
        """(block index, line within the block) for a line; clamped to the last block."""
        size = len(self._heights)
        if size == 0:
            return 0, 0
        group, remaining = self._groups.locate(max(line, 0))
        if group >= len(self._groups):
            return size - 1, self._heights[size - 1] - 1
        first = group * GROUP
        ends = list(accumulate(self._heights[first : first + GROUP]))
        inside = bisect_right(ends, remaining)
        return first + inside, remaining - (ends[inside - 1] if inside else 0)
