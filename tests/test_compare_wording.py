"""Contested questions worded for a reader: a side's statement inverted into a yes/no question."""

import pytest

from rashomon.compare.wording import first_question, load_parser, yes_no_question


@pytest.fixture(scope="module")
def parse():
    try:
        return load_parser()
    except OSError:
        pytest.skip("spaCy pipeline not installed")


@pytest.mark.parametrize(
    "statement, question",
    [
        ("The refinery dumped solvent into the estuary.", "Did the refinery dump solvent into the estuary?"),
        ("The walkout was not legal", "Was the walkout legal?"),
        ("The drivers' strike is illegal under the 2009 transport act", "Is the drivers' strike illegal under the 2009 transport act?"),
        ("The sprinter tested positive for a banned stimulant in June", "Did the sprinter test positive for a banned stimulant in June?"),
        ("The recount can't be trusted", "Can the recount be trusted?"),
        ("Ballots in two precincts were counted twice", "Were ballots in two precincts counted twice?"),
        ("The manufacturer did not know about the brake fault", "Did the manufacturer know about the brake fault?"),
        ("The league's lawyers said the suspension was fair", "Was the suspension fair?"),
        ("The carmaker denied that the airbags were faulty", "Were the airbags faulty?"),
    ],
)
def test_statements_invert_into_neutral_questions(parse, statement, question):
    assert yes_no_question(statement, parse) == question


@pytest.mark.parametrize(
    "statement",
    [
        "We will not back down",  # first person: the speaker's own words, not a question about the world
        "He never saw the memo",  # a bare pronoun says nothing to a reader who has not read the article
        "Despite the ruling, the union kept striking",  # an opening clause does not invert cleanly
        "a pay rise of four percent",  # a fragment has no verb to invert
        "Who will pay for the damage?",
    ],
)
def test_statements_that_do_not_invert_give_none(parse, statement):
    assert yes_no_question(statement, parse) is None


def test_first_question_takes_the_first_statement_that_inverts(parse):
    texts = ["we stand by every figure", "The audit found no missing funds"]
    assert first_question(texts, parse) == "Did the audit find no missing funds?"


def test_a_second_joined_clause_is_left_out_and_spaces_survive_dropped_quotes(parse):
    assert yes_no_question("The inquiry had lasted a year and that the port would not be closed", parse) == "Had the inquiry lasted a year?"
    assert yes_no_question("The bridge would “link the two banks” and carry 9,000 cars a day", parse) == (
        "Would the bridge link the two banks and carry 9,000 cars a day?")
