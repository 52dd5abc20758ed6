"""Breaking a letter's title into lines as GB/T 9704 asks (7.3.1: 回行时要做到词意完整，
排列对称，长短适宜): only between words, into lines of similar length (梯形 or 菱形),
never a line that is one character or starts with a closing mark."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise, product

MAX_LINES = 5
NEAREST = 6  # cut points tried around each line's even share
LINE_WIDTH = 19.0  # 2号 characters on the 156 mm type area (20 fit; one of slack for the renderer)
_CLOSING = "》）」』”’、，。；：！？"
_OPENING = "《（「『“‘"
_WORDS = re.compile(
    r"关于|的审核意见|审核意见|项目支出|绩效目标表?|[0-9０-９]+年|[《》（）“”]"
    r"|委员会|办公室|(?=[和及与])"
)
_RANKS = {"省": 0, "市": 1, "州": 1, "盟": 1, "区": 2, "县": 2, "旗": 2}
_REGION = re.compile(r"[^《》（）“”0-9０-９]{1,4}?(?:省|市|区|县|州|盟|旗)(?=[^《》（）“”0-9０-９]{2})")


def title_lines(title: str, *, width: float = LINE_WIDTH) -> list[str]:
    """The title as lines: one line when it fits; else the fewest lines that fit, breaking
    only between words, with the most even lengths."""
    if display_width(title) <= width:
        return [title]
    if display_width(title) > width * MAX_LINES:
        return [title]  # no word boundary can help a name this long: let the renderer wrap
    cuts = _cut_points(title)
    for count in range(2, MAX_LINES + 1):
        best = _best_split(title, cuts, count, width)
        if best:
            return best
    return [title]  # no word boundary fits (a very long name): let the renderer wrap


def display_width(text: str) -> float:
    """Width in 2号 characters: half-width characters (digits, Latin) count a half."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in _CLOSING + _OPENING else 1.0 for ch in text)


def _cut_points(title: str) -> list[int]:
    """Positions between words: around every word the pattern knows, and between runs of
    other characters only where no word is split."""
    points: set[int] = set()
    for match in _WORDS.finditer(title):
        points.update((match.start(), match.end()))
    start, rank = title.find("《") + 1, -1
    while start and (region := _REGION.match(title, start)):  # 广东省/广州市/黄埔区 at the name's start
        if _RANKS[region.group()[-1]] <= rank:
            break  # 黄埔区城市更新局: a 市 below a 区 is a word, not a region
        rank, start = _RANKS[region.group()[-1]], region.end()
        points.add(start)
    return sorted(p for p in points if 0 < p < len(title) and _allowed(title, p))


def _allowed(title: str, cut: int) -> bool:
    return title[cut] not in _CLOSING and title[cut - 1] not in _OPENING


def _best_split(title: str, cuts: list[int], count: int, width: float) -> list[str] | None:
    best: tuple[float, list[str]] | None = None
    for chosen in _candidates(title, cuts, count):
        bounds = (0, *chosen, len(title))
        lines = [title[a:b] for a, b in pairwise(bounds)]
        widths = [display_width(line) for line in lines]
        if max(widths) > width or min(len(line) for line in lines) < 2:
            continue
        score = max(widths) - min(widths) + _shape_penalty(widths)
        if best is None or score < best[0]:
            best = (score, lines)
    return best[1] if best else None


def _candidates(title: str, cuts: list[int], count: int) -> Iterator[tuple[int, ...]]:
    """Sets of count-1 cuts, each among the few nearest its even share of the title: a
    bounded search however many word boundaries a (hostile) title has."""
    near = [_nearest(cuts, k * len(title) / count) for k in range(1, count)]
    for chosen in product(*near):
        if all(a < b for a, b in pairwise(chosen)):
            yield chosen


def _nearest(cuts: list[int], target: float) -> list[int]:
    return sorted(cuts, key=lambda cut: abs(cut - target))[:NEAREST]


def _shape_penalty(widths: list[float]) -> float:
    """Prefer 梯形 (each line no shorter than the one above) or 菱形 (the middle longest)
    over an hourglass whose middle line is the shortest."""
    if len(widths) < 3:
        return 0.0
    middle = widths[1:-1]
    return 0.0 if min(middle) >= min(widths[0], widths[-1]) else 3.0
