"""Search as a person uses it: type, see the hits, jump, n/N, regex errors, from: scope."""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList

from reader.tui.widgets.search_panel import SearchPanel
from tests.tui.helpers import make_app, screen_text


async def type_search(app, pilot, text: str) -> None:
    await pilot.press("slash", *text)
    await settle(app, pilot)


def post_burst(app, *characters: str) -> None:
    """Keys that reach the app together, as when typed while it was busy or pasted: all are
    queued before it handles the first."""
    names = {"/": "slash", "\r": "enter"}
    for character in characters:
        app.post_message(events.Key(names.get(character, character), character))


async def settle(app, pilot) -> None:
    """Wait until the debounced search has started and its worker has finished."""
    for _ in range(50):  # a busy machine can be slow to fire the debounce timer
        await pilot.pause(app.SEARCH_DEBOUNCE + 0.05)
        await app.workers.wait_for_complete()
        if app._search_request == app._searched_request:
            break
    await pilot.pause()


async def test_results_update_as_you_type_and_list_each_hit():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await type_search(app, pilot, "Trinid")
        assert len(app.hits) == 5  # and "Trinidaians"
        text = screen_text(app)
        assert "5 matches" in text
        assert "12:07:10 Rennie" in text
        assert "12:07:10 Anne Speckhard (later insert)" in text
        await type_search(app, pilot, "ad campaign")  # the box now holds "Trinidad campaign"
        assert app.hits == []
        assert "no matches" in screen_text(app)


async def test_smart_case():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await type_search(app, pilot, "vera")
        lower = len(app.hits)
        await pilot.press(*(["backspace"] * 4), *"VERA")
        await settle(app, pilot)
        assert lower > len(app.hits) > 0  # "VERA" is not in "several" or "veracity"


async def test_enter_jumps_to_the_first_match_then_n_and_N_walk_and_wrap():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await type_search(app, pilot, "Trinidad")
        await pilot.press("enter")
        await pilot.pause()
        assert app.chat.has_focus
        assert app.chat.current_message.time == "12:07:10"
        assert "match 1/4" in screen_text(app)
        await pilot.press("n")  # the insert under the same message
        assert app.hit_index == 1 and app.chat.current_message.time == "12:07:10"
        await pilot.press("n", "n")
        assert app.chat.current_message.time == "12:10:34"
        assert "match 4/4" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.hit_index == 0
        assert "wrapped" in " ".join(str(n.message) for n in app._notifications)
        await pilot.press("N")
        assert app.hit_index == 3


async def test_escape_keeps_the_cursor_and_the_matches():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("j", "j")
        await type_search(app, pilot, "Trinidad")
        await pilot.press("escape")
        await pilot.pause()
        assert app.chat.has_focus
        assert app.chat.current_message.id == 3
        await pilot.press("n")
        assert app.chat.current_message.time == "12:07:10"


async def test_choosing_a_result_jumps_there():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await type_search(app, pilot, "Trinidad")
        app.query_one("#search-results", OptionList).focus()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.chat.current_message.time == "12:09:19"
        assert app.chat.current_message.author == "K-Marie"


async def test_invalid_regex_shows_an_error_and_keeps_the_results():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await type_search(app, pilot, "Trinidad")
        await pilot.press("ctrl+r")  # regex on: "Trinidad" is still a valid pattern
        await settle(app, pilot)
        assert len(app.hits) == 4
        await type_search(app, pilot, "(")
        assert len(app.hits) == 4
        text = screen_text(app)
        assert "4 matches" in text
        error = str(app.query_one("#search-error").render())
        assert error, "an inline error is shown"


async def test_from_scope_and_insert_hits():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await type_search(app, pilot, "Trinidad from:rennie")
        assert [(h.message_id, h.insert) for h in app.hits] == [(76, None)]


async def test_whole_word_toggle():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await type_search(app, pilot, "derad")
        partial = len(app.hits)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert 0 < len(app.hits) < partial  # "deradicalization" no longer counts


async def test_every_visible_match_is_highlighted_and_the_current_one_stands_out():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await type_search(app, pilot, "Trinidad")
        await pilot.press("enter")
        await pilot.pause()
        chat = app.chat
        match = chat.get_component_rich_style("chat--match")
        current = chat.get_component_rich_style("chat--match-current")
        styles = {"match": 0, "current": 0}
        for y in range(chat.size.height):
            for segment in chat.render_line(y):
                if segment.text.strip() != "Trinidad" or segment.style is None:
                    continue
                if segment.style.bgcolor == current.bgcolor:
                    styles["current"] += 1
                elif segment.style.bgcolor == match.bgcolor:
                    styles["match"] += 1
        assert styles["current"] == 1
        assert styles["match"] >= 2  # the insert's and K-Marie's, on the same screen


async def test_search_panel_is_in_the_palette_even_before_the_panels_are_made():
    """The side panels are mounted just after the first screen; a panel's command chosen
    before that makes them, then runs."""
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        assert not app.query(SearchPanel)  # not made yet
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert {"Search", "Next match", "Previous match", "Search: Regex on/off"} <= set(commands)
        await commands["Search: Regex on/off"].callback()
        await pilot.pause()
        assert app.query_one(SearchPanel).regex


async def test_a_search_typed_at_once_after_the_start_goes_to_the_search_box():
    """`/` and a word typed before the side panels are made: the word lands in the search
    box, not on the chat's keys (`e` would open the export dialog)."""
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        assert not app.query(SearchPanel)
        await pilot.press("slash", *"weekend")
        await pilot.pause()
        assert app.query_one("#search-query").value == "weekend"
        assert app.screen is app.screen_stack[0]  # no dialog opened


async def test_keys_that_arrive_together_with_slash_go_to_the_search_box():
    """`/`, a word and Enter reach the app in one burst when it was busy as they were typed
    (or when they are pasted): the word goes to the search box and Enter jumps to the first
    match, where the app used to hand them all to the chat before `/` had moved the focus."""
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("slash", "escape")  # the panels are made
        await pilot.pause()
        post_burst(app, "/", *"slovenia", "\r")
        await settle(app, pilot)
        assert app.query_one("#search-query").value == "slovenia"
        assert app.hits
        assert app.hit_index == 0
        assert app.chat.current_message.id == app.hits[0].message_id
        assert app.focused is app.chat


async def test_n_right_after_enter_goes_to_the_next_match():
    """Enter and `n` in one burst (typed quickly while the app was busy): `n` is for the chat,
    where Enter has just sent the reader, not a letter for the search box."""
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await type_search(app, pilot, "Trinidad")
        post_burst(app, "\r", "n")
        await settle(app, pilot)
        assert app.query_one("#search-query").value == "Trinidad"
        assert app.focused is app.chat
        assert app.hit_index == 1
        assert app.chat.current_message.id == app.hits[1].message_id


async def test_a_whole_search_typed_at_once_with_n_goes_to_the_second_match():
    """`/word`, Enter and `n` in one burst: `n` comes before the search has found anything,
    and is taken once it has, from the first match."""
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("slash", "escape")  # the panels are made
        await pilot.pause()
        post_burst(app, "/", *"Trinidad", "\r", "n")
        await settle(app, pilot)
        assert app.query_one("#search-query").value == "Trinidad"
        assert app.hit_index == 1
        assert app.chat.current_message.id == app.hits[1].message_id
        assert "No matches" not in screen_text(app)


async def test_panel_keys_typed_in_a_box_are_text():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("slash", "a", "slash", "p", "apostrophe")
        await pilot.pause()
        assert app.query_one("#search-query").value == "a/p'"
        assert app.focused is app.query_one("#search-query")
        await pilot.press("escape", "p", "slash", "p")
        await pilot.pause()
        assert app.query_one("#participant-query").value == "/p"
