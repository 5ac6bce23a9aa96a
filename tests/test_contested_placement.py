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
    assert (bad.clean, good.clean) == (set(), {"q1"}), "found either way; cleanly only with every quote on its side"
    assert Evidence  # the scorer's evidence type stays importable where older callers read it


def test_with_a_margin_a_third_voice_halfway_between_the_two_seeds_stays_off_both_sides() -> None:
    """Invented doping case: the team doctor's words lie as close to the athlete's as to the agency's;
    with ``margin`` she is on neither side, while a teammate who restates the athlete still joins her."""
    import numpy as np

    from rashomon.compare.contest import Unit, assemble

    def unit(i: int, speaker: str, text: str) -> Unit:
        claim = Claim(story="s", article="a1", text=text, start=i * 100, end=i * 100 + len(text), status="attributed", speaker=speaker, id=f"c{i}")
        return Unit(claim=claim, outlet="Outlet", attributed=True, speaker=speaker, cue="said", sentence=text)

    units = [unit(0, "athlete", "the sample was contaminated in the laboratory fridge"),
             unit(1, "agency", "the laboratory followed every step and the result is clear"),
             unit(2, "doctor", "the laboratory fridge and the sample handling will be reviewed"),
             unit(3, "teammate", "her sample must have been contaminated in that fridge")]
    angles = np.radians([0, 60, 30, 8])  # the doctor halfway, the teammate beside the athlete
    vecs = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    ii, jj = np.triu_indices(4, k=1)
    p = np.array([0.9 if (a, b) == (0, 1) else 0.3 for a, b in zip(ii, jj)])
    placed = lambda d: [{units[u].speaker for u in side} for side in d.sides]  # noqa: E731
    assert "doctor" in set().union(*placed(assemble(units, vecs, ii, jj, p, most=1)[0])), "without a margin she is put on a side"
    strict = placed(assemble(units, vecs, ii, jj, p, most=1, margin=0.05)[0])
    assert strict == [{"athlete", "teammate"}, {"agency"}]
