"""The activity timeline and go to time."""

from __future__ import annotations

from reader.tui.widgets.timeline import Timeline
from tests.tui.helpers import make_app, screen_text


async def test_timeline_marks_the_cursor_and_bookmarks_and_a_click_jumps():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        timeline = app.query_one(Timeline)
        assert timeline.display and app.activity is not None
        assert len(app.activity.counts) == 83  # 11:11 to 12:33, a bucket a minute
        bars = timeline.render_line(0).text
        marks = timeline.render_line(1).text
        assert set(bars) <= set(" ▁▂▃▄▅▆▇█") and "█" in bars  # the busiest minute is full
        assert marks.startswith("◆") or marks.startswith("▲")
        await pilot.click("Timeline", offset=(119, 0))  # the far right: the last minute
        await pilot.pause()
        assert app.chat.current_message.time.startswith("12:33")
        assert "▲" in timeline.render_line(1).text[-3:]
        await pilot.press("T")
        await pilot.pause()
        assert not timeline.display


async def test_go_to_a_clock_time_and_by_a_step():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("colon", *"12:10", "enter")
        await pilot.pause()
        assert app.chat.current_message.time == "12:10:34"
        await pilot.press("colon", *"-30m", "enter")
        await pilot.pause()
        assert app.chat.current_message.time == "11:42:08"  # the first at 11:40:34 or after
        await pilot.press("colon", *"half past", "enter")
        await pilot.pause()
        assert "cannot read" in " ".join(str(n.message) for n in app._notifications)
        assert "Go to time" not in screen_text(app)
