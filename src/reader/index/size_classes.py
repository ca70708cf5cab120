"""A message's size in bytes kept in one byte, its size class: enough for the chat pane's first
guess at the message's height, and a million of them turn into heights at C speed
(bytes.translate), where a step of Python per message took a third of a second.

Sizes below 64 bytes are their own class. A bigger size keeps its leading five bits: a class
spans at most a sixteenth of its sizes, up to 256 KiB; anything bigger is the last class.
"""

from __future__ import annotations

import sys
from array import array
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

EXACT = 64  # sizes below this are their own class
STEPS = 16  # classes per doubling of the size, above EXACT
LAST = 255
HEIGHT_TYPE = "I"  # the chat pane's heights (reader.tui.height_index)


def size_class(size: int) -> int:
    if size < EXACT:
        return max(size, 0)
    bits = size.bit_length()  # 7 or more
    return min(EXACT + STEPS * (bits - 7) + ((size >> (bits - 5)) & (STEPS - 1)), LAST)


def size_classes(sizes: np.ndarray) -> np.ndarray:
    """size_class of each of `sizes`, in NumPy (for the scan's helpers)."""
    import numpy as np  # the app itself never loads NumPy

    sizes = np.maximum(sizes.astype(np.int64), 0)
    bits = np.frexp(sizes.astype(np.float64))[1].astype(np.int64)  # exact below 2**53
    big = EXACT + STEPS * (bits - 7) + ((sizes >> np.maximum(bits - 5, 0)) & (STEPS - 1))
    return np.where(sizes < EXACT, sizes, np.minimum(big, LAST)).astype(np.uint8)


def class_size(size_class: int) -> int:
    """The size a class stands for: the middle of its sizes."""
    if size_class < EXACT:
        return size_class
    bits, lead = divmod(size_class - EXACT, STEPS)
    shift = bits + 2  # a size of bits + 7 bits keeps its top five
    return ((STEPS + lead) << shift) + (1 << shift) // 2


def estimated_heights(classes: bytes, per_line: int, extra: int) -> array:
    """size // per_line + extra for the size of each class, as an array of HEIGHT_TYPE:
    two translations of the bytes and two slice copies, whatever their number."""
    low, high = _height_bytes(per_line, extra)
    heights = array(HEIGHT_TYPE)
    width = heights.itemsize
    words = bytearray(width * len(classes))
    low_at, high_at = (0, 1) if sys.byteorder == "little" else (width - 1, width - 2)
    words[low_at::width] = classes.translate(low)
    words[high_at::width] = classes.translate(high)
    heights.frombytes(words)
    return heights


@cache
def _height_bytes(per_line: int, extra: int) -> tuple[bytes, bytes]:
    """Tables from a class to the low and high byte of its height (below 65,536 for any class
    and a line of 10 bytes or more)."""
    heights = [class_size(size_class) // per_line + extra for size_class in range(LAST + 1)]
    return bytes(h & 0xFF for h in heights), bytes(h >> 8 for h in heights)
