"""Quote-mark pairing on invented text: apostrophes, nesting, paragraphs, every mark style."""

from __future__ import annotations

from rashomon.analyze.quotes import find_quotes


def inner(text: str) -> list[str]:
    return [text[q.inner_start : q.inner_end] for q in find_quotes(text)]


def test_quotes_apostrophes_do_not_break_single_quote_pairing():
    text = "'That's the council's problem, not ours,' said Denko. Then 'another' came."
    assert inner(text) == ["That's the council's problem, not ours,", "another"]


def test_quotes_nested_single_inside_single_stay_one_top_level_quote():
    text = "A pact formed, 'letting Vell shed Dorn's meddling 'harbour watch' and its fees', he said."
    assert inner(text) == ["letting Vell shed Dorn's meddling 'harbour watch' and its fees"]


def test_quotes_curly_double_single_and_guillemets():
    text = "She said “it was fine” and ‘more’; «We will leave» was the reply; „Ja“ too."
    assert inner(text) == ["it was fine", "more", "We will leave", "Ja"]


def test_quotes_plural_possessive_is_not_a_closing_mark():
    text = 'The farmers\' market was "closed" on Sunday.'
    assert inner(text) == ["closed"]


def test_quotes_curly_apostrophe_without_open_quote_is_ignored():
    text = "Solk’s office said the fees were ‘unfair’ and Vell’s port agreed."
    assert inner(text) == ["unfair"]


def test_quotes_spanning_paragraphs_are_segments_marked_continues():
    text = "“The first paragraph of the quote.\n\n“The second one,” said Denko."
    quotes = find_quotes(text)
    assert [q.continues for q in quotes] == [True, False]
    assert text[quotes[0].inner_start : quotes[0].inner_end] == "The first paragraph of the quote."
    assert text[quotes[1].inner_start : quotes[1].inner_end] == "The second one,"


def test_quotes_unclosed_mark_is_dropped_not_paired_far_away():
    text = "He said “we will win.\n\nThe vote was on Friday."
    assert find_quotes(text) == []


def test_quotes_doubled_single_marks_pair_as_double_quotes():
    text = "''The levy is a mistake,'' Mr. Ossel said. ''It won't pass.'' The voters' mood soured."
    assert inner(text) == ["The levy is a mistake,", "It won't pass."]


def test_quotes_ptb_style_backticks_open_a_quote():
    text = "``Nobody asked us,'' said the harbour master."
    assert inner(text) == ["Nobody asked us,"]


def test_quotes_a_closing_mark_typed_after_the_space_still_closes():
    text = ('In a statement, the union stated, "The offer is an insult to every driver. '
            '"The union is referring to the pay talks that broke down on Friday.')
    assert inner(text) == ["The offer is an insult to every driver. "]


def test_quotes_a_quote_left_open_at_its_paragraph_end_ends_there():
    text = ("“The count was fair,” the clerk said. “Then they asked for a recount. We said yes.\n\n"
            "Observers from both parties watched the second count.")
    assert inner(text)[-1] == "Then they asked for a recount. We said yes."
    # a stray mark before a fragment, or a quote the next paragraph re-opens, is not cut at the paragraph
    assert inner("He called it “a plan\n\nthat fails.") == []


def test_quotes_a_block_quote_left_open_is_not_one_quote():
    text = "The Courier reports:\n\n“A steward said the pickets will stay. The strike is costing $1 million, the steward said.\n\nThe union declined to comment."
    assert inner(text) == []
