"""Evidence placement: how many of a found gold question's evidence sentences sit on the wrong side.
Invented spans and sides only."""

from __future__ import annotations

from rashomon.eval.contested_evidence import placement
from rashomon.eval.coverage_contested import Evidence, score_questions
from rashomon.model import Article, Claim, Question, Side


def test_placement_matches_reported_sides_to_gold_sides_one_to_one() -> None:
    assert placement([[0, 0], [1]]) == (0, 3)
    assert placement([[0, 0, 1], [1]]) == (1, 4), "a gold side-1 quote beside two side-0 quotes"
    assert placement([[0, 0, 1], [0]]) == (2, 4), "both reported sides lean to gold side 0: only one can be it"
    assert placement([[], []]) == (0, 0)


def test_score_questions_counts_a_supporting_quote_put_on_the_other_side() -> None:
    body = ("The union says the pay offer is an insult. The operator says the offer is generous. "
            "A driver said the offer does not cover rent.")
    art = Article(source="/x/strike-1.txt#main", page_source="/x/strike-1.txt", outlet="Ledger", title="t", body=body)
    claims = []
    for k, text in enumerate(("the pay offer is an insult", "the offer is generous", "the offer does not cover rent")):
        start = body.index(text)
        claims.append(Claim("s", art.id, text, start, start + len(text), "attributed", id=f"c{k}"))
    gold = {"documents": {"strike-1.txt": {"story": "e1"}}, "not_contested": [],
            "contested": [{"id": "q1", "story": "e1", "sides": [
                {"evidence": ["strike-1.txt: the pay offer is an insult", "strike-1.txt: the offer does not cover rent"]},
                {"evidence": ["strike-1.txt: the offer is generous"]}]}]}
    claim_of = {c.id: c for c in claims}
    wrong = Question("q", "s", "?", contested=True, sides=[Side("insult", claims=["c0"]), Side("generous", claims=["c1", "c2"])])
    right = Question("q", "s", "?", contested=True, sides=[Side("insult", claims=["c0", "c2"]), Side("generous", claims=["c1"])])
    articles, file_of = {"strike-1.txt": art}, {art.id: "strike-1.txt"}
    bad = score_questions(gold, [wrong], claim_of, articles, file_of)
    good = score_questions(gold, [right], claim_of, articles, file_of)
    assert (bad.true, bad.placed, bad.misplaced) == (1, 3, 1)
    assert (good.true, good.placed, good.misplaced) == (1, 3, 0)
    assert Evidence  # the scorer's evidence type stays importable where older callers read it
