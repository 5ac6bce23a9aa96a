"""The learned contested questions: assembly rules on hand-made units, and the shipped model on
invented stories of kinds the coverage set does not hold (a strike, a doping case, a recall).
All text is written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rashomon.compare import contest_model
from rashomon.compare.contest import FEATURES, PRIOR_FEATURES, UNIT_FEATURES, Unit, assemble, pair_matrix, unit_matrix, with_priors
from rashomon.eval.coverage_contested import locate, question_finds, Evidence
from rashomon.model import Claim


def _unit(i: int, speaker: str, text: str, article: str = "a1") -> Unit:
    claim = Claim(story="s", article=article, text=text, start=i * 100, end=i * 100 + len(text), status="attributed", speaker=speaker, id=f"c{i}")
    return Unit(claim=claim, outlet="Outlet", attributed=True, speaker=speaker, cue="said", sentence=text)


def _vecs(groups: list[int], n_topics: int = 4) -> np.ndarray:
    """Unit vectors: units of one topic nearly parallel, of different topics orthogonal."""
    rng = np.random.default_rng(0)
    v = np.eye(n_topics)[groups] + 0.05 * rng.standard_normal((len(groups), n_topics))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def test_assemble_never_seeds_one_speaker_against_themself_and_keeps_a_holder_on_one_side() -> None:
    units = [_unit(0, "union", "pay offer is too low"), _unit(1, "union", "pay offer is far too low"),
             _unit(2, "company", "pay offer is generous"), _unit(3, "mayor", "pay offer is fair enough")]
    angles = np.radians([0, 8, 50, 40])  # one point, said apart: cosines 0.6-0.99
    vecs = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    ii, jj = np.triu_indices(4, k=1)
    p = np.array([0.9 if (a, b) == (0, 1) else 0.5 for a, b in zip(ii, jj)])  # the same-speaker pair scores best
    drafts = assemble(units, vecs, ii, jj, p, most=3)
    assert drafts, "pairs of two speakers seed questions"
    for d in drafts:
        holders = [{units[u].speaker for u in side} for side in d.sides]
        assert not holders[0] & holders[1], "a holder stands on one side only"
        assert units[d.sides[0][0]].speaker != units[d.sides[1][0]].speaker


def test_assemble_skips_a_pair_that_restates_an_earlier_question_and_respects_most() -> None:
    units = [_unit(i, s, t) for i, (s, t) in enumerate([
        ("a", "x one"), ("b", "x two"), ("c", "x three"), ("d", "y one"), ("e", "y two"), ("f", "z one"), ("g", "z two")])]
    c, s_ = np.cos(np.radians(40)), np.sin(np.radians(40))  # within a topic cosine 0.77: related, not the same words
    vecs = np.array([[1, 0, 0, 0], [c, 0, 0, s_], [0.71, 0, 0, -0.71], [0, 1, 0, 0], [0, c, 0, s_], [0, 0, 1, 0], [0, 0, c, s_]], dtype=np.float32)
    ii, jj = np.triu_indices(len(units), k=1)
    score = {(0, 1): 0.9, (0, 2): 0.85, (3, 4): 0.8, (5, 6): 0.7}
    p = np.array([score.get((int(a), int(b)), 0.01) for a, b in zip(ii, jj)])
    drafts = assemble(units, vecs, ii, jj, p, most=2, expand=0.9, shortest=1)
    assert len(drafts) == 2
    seeds = [{d.sides[0][0], d.sides[1][0]} for d in drafts]
    assert seeds[0] == {0, 1} and seeds[1] == {3, 4}, "(0, 2) restates the first question's seed"


def test_assemble_never_seeds_two_statements_that_say_the_same() -> None:
    units = [_unit(0, "a", "the plant will close in March"), _unit(1, "b", "the plant will close in March, the union said"),
             _unit(2, "c", "the plant will not close at all this year")]
    vecs = _vecs([0, 0, 0])
    ii, jj = np.triu_indices(3, k=1)
    units[2].negated = True
    p = np.array([0.9, 0.6, 0.5])  # (0, 1) restates, (0, 2) denies
    drafts = assemble(units, vecs, ii, jj, p, most=1)
    assert [(d.sides[0][0], d.sides[1][0]) for d in drafts] == [(0, 2)]


def test_assemble_never_seeds_on_a_fragment() -> None:
    units = [_unit(0, "a", "that claim"), _unit(1, "b", "the ballots were counted twice by hand"),
             _unit(2, "c", "the ballots were never counted by hand at all")]
    units[2].negated = True
    vecs = _vecs([0, 0, 0])
    ii, jj = np.triu_indices(3, k=1)
    p = np.array([0.9, 0.8, 0.5])  # (0, 1), (0, 2), (1, 2)
    drafts = assemble(units, vecs, ii, jj, p, most=1)
    assert [(d.sides[0][0], d.sides[1][0]) for d in drafts] == [(1, 2)]


def test_pair_and_unit_features_have_one_column_each_and_are_symmetric_in_the_pair() -> None:
    units = [_unit(0, "a", "The plant will not close, the company said."), _unit(1, "b", "The plant will close in March, 400 jobs lost.", "a2")]
    vecs = _vecs([0, 0])
    ii, jj, X = pair_matrix(units, vecs)
    assert X.shape == (1, len(FEATURES))
    _, _, Y = pair_matrix(units[::-1], vecs[::-1])
    assert np.allclose(X, Y), "the order of two statements never changes their pair's features"
    U = unit_matrix(units, vecs)
    assert U.shape == (2, len(UNIT_FEATURES))
    assert with_priors(X, ii, jj, np.array([0.5, 0.2])).shape == (1, len(FEATURES) + len(PRIOR_FEATURES))


def test_shipped_model_loads_with_weights_for_every_feature_and_a_rising_calibration() -> None:
    model = contest_model.load()
    assert model is not None
    assert len(model.unit.weights) == len(UNIT_FEATURES)
    assert len(model.pair.weights) == len(FEATURES) + len(PRIOR_FEATURES)
    assert model.confidence(0.2) > model.confidence(0.02), "a stronger pair makes a surer question"
    assert 0.0 < model.confidence(0.05) < 1.0


def test_a_question_reads_as_a_question_and_first_person_words_stay_their_speakers() -> None:
    from rashomon.compare.contest import _summary

    assert _summary("The plant will close in March", "Union") == "Is it true that the plant will close in March?"
    assert _summary("We will not back down", "Petra Vanek") == "Petra Vanek says “We will not back down”: is that so?"
    assert _summary("Lisbon hosted the talks", "X") == "Is it true that Lisbon hosted the talks?"


def test_how_sure_puts_the_score_in_words() -> None:
    assert contest_model.how_sure(0.8).startswith("likely (80%")
    assert contest_model.how_sure(0.4).startswith("possible")
    assert contest_model.how_sure(0.1).startswith("uncertain")
    assert contest_model.how_sure(None) == "unscored"


def test_locate_finds_a_snippet_through_curly_quotes_and_spacing() -> None:
    body = "The minister said: \u201cWe  will not\nback down.\u201d Others disagreed."
    start, end = locate(body, '"We will not back down."')
    assert body[start:end].startswith("\u201cWe") and "down" in body[start:end]
    assert locate(body, "nothing like this") is None


def test_question_finds_needs_two_gold_sides_on_two_reported_sides() -> None:
    yes = Claim("s", "a1", "t", 0, 10, "attributed", id="y")
    no = Claim("s", "a1", "t", 50, 60, "attributed", id="n")
    spans = {0: [Evidence("f.txt", 2, 8)], 1: [Evidence("f.txt", 52, 58)]}
    file_of = {"a1": "f.txt"}
    assert question_finds([[yes], [no]], {}, spans, file_of)
    assert not question_finds([[yes, no], []], {}, spans, file_of), "both gold sides on one reported side"
    assert not question_finds([[yes], [yes]], {}, spans, file_of)


STORIES = {
    "strike": [
        ("Harbour Ledger", "2025-03-03", "Bus drivers strike over pay",
         ["Bus drivers in Tullavern walked out on Monday after talks with the operator Greyline broke down.",
          "\u201cThe offer is an insult and it does not cover the rise in rents,\u201d said Petra Vanek, the drivers' union leader.",
          "Greyline's chief executive Anton Rusk said the offer was generous and that the company could not pay more.",
          "About 300 drivers joined the picket lines outside the central depot."]),
        ("Vale Ledger", "2025-03-04", "Tullavern bus strike enters second day",
         ["The strike by Tullavern bus drivers entered its second day on Tuesday.",
          "Anton Rusk insisted the pay offer was the best in the region and called the strike unnecessary.",
          "Petra Vanek rejected that, saying drivers earn less than they did five years ago.",
          "Commuters queued for taxis as the few remaining buses filled up."]),
    ],
    "doping": [
        ("Northmarch Daily", "2025-06-10", "Sprinter suspended after positive test",
         ["The sprinter Lina Okafor was suspended on Tuesday after a sample showed a banned stimulant, the anti-doping agency said.",
          "Okafor said she had never taken a banned substance and that the sample must have been contaminated.",
          "The agency's director Hugo Brandt said the laboratory results were clear and the procedure had been followed."]),
        ("Ockmoor Echo", "2025-06-11", "Okafor denies doping",
         ["Lina Okafor denied doping and said she would appeal the suspension.",
          "Hugo Brandt said there was no doubt about the result.",
          "Her coach said the team would pay for an independent test of the second sample."]),
    ],
    "recall": [
        ("Fenland Courier", "2025-09-02", "Kettlemark recalls 40,000 heaters",
         ["The appliance maker Kettlemark is recalling 40,000 fan heaters after reports of overheating, the consumer safety office said.",
          "Kettlemark's spokeswoman Dana Iversen said the heaters were safe when used as directed and that the recall was a precaution.",
          "The safety office's inspector Rolf Maddox said at least twelve fires had been linked to the heaters and that the fault was in the design.",
          "Owners can return the heaters to any shop for a refund."]),
        ("Northmarch Daily", "2025-09-03", "Heater maker disputes fire reports",
         ["Kettlemark denied that its heaters had caused any fires and said the twelve reports had not been confirmed.",
          "Rolf Maddox said the company had known about the overheating for months.",
          "Dana Iversen rejected that claim and said the firm had acted as soon as it learned of the complaints."]),
    ],
    "election": [
        ("Ockmoor Echo", "2025-11-10", "Recount ordered in Sallowfen mayoral race",
         ["The election board ordered a recount in Sallowfen after the mayoral race was decided by 41 votes.",
          "Challenger Ewan Torsby said hundreds of postal ballots had been thrown out without reason.",
          "Mayor Greta Lindqvist said the count had been fair and that the challenger was trying to overturn a clear result.",
          "The board's chair Mira Osterholt said the recount would start on Thursday."]),
        ("Vale Ledger", "2025-11-11", "Sallowfen recount begins amid ballot dispute",
         ["Ewan Torsby insisted that 312 postal ballots were rejected improperly.",
          "Greta Lindqvist dismissed the claim, saying only 40 ballots were set aside and every one for a lawful reason.",
          "Observers from both campaigns will watch the recount."]),
    ],
}


def _jsonl(path: Path) -> Path:
    lines = []
    for kind, arts in STORIES.items():
        for k, (outlet, date, title, paras) in enumerate(arts):
            lines.append(json.dumps({"url": f"https://example.invalid/{kind}/{k}", "outlet": outlet, "published": date,
                                     "title": title, "text": "\n\n".join(paras)}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def invented_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from rashomon.config import default_options
    from rashomon.pipeline import ingest

    tmp = tmp_path_factory.mktemp("contest")
    db = str(tmp / "contest.db")
    report = ingest([str(_jsonl(tmp / "stories.jsonl"))], default_options().with_(db=db, online=False))
    assert not report.failures
    return db


OPPONENTS = {  # per invented story: a name on each side of its central dispute (any of the names in a set)
    "Bus drivers strike over pay": ({"Vanek"}, {"Rusk"}),
    "Sprinter suspended after positive test": ({"Okafor"}, {"Brandt"}),
    "Kettlemark recalls 40,000 heaters": ({"Maddox"}, {"Iversen", "Kettlemark"}),
    "Recount ordered in Sallowfen mayoral race": ({"Torsby"}, {"Lindqvist"}),
}


def _names(side) -> str:  # type: ignore[no-untyped-def]
    return " ".join(side.speakers)


def test_each_invented_dispute_leads_its_story_with_the_opponents_apart(invented_db: str) -> None:
    from rashomon.store import Store

    with Store.open(invented_db) as store:
        reports = {s.title: store.story_report(s.id) for s in store.stories()}
    assert set(OPPONENTS) <= set(reports), "each invented event is a story of its own"
    for title, (one, other) in OPPONENTS.items():
        contested = [q for q in reports[title].questions if q.contested]
        assert contested, title
        top = contested[:2]  # strongest first
        apart = any(
            any(n in _names(q.sides[i]) for n in one) and any(n in _names(q.sides[j]) for n in other)
            for q in top for i in range(len(q.sides)) for j in range(len(q.sides)) if i != j
        )
        assert apart, (title, [(q.summary, [s.speakers for s in q.sides]) for q in top])
        contested = [q for q in contested if q.reason != "account changed"]  # a dated change (unscored) is the one exception
        for q in contested:
            assert q.score is not None and 0.0 < q.score < 1.0
            assert not set(q.sides[0].speakers) & set(q.sides[1].speakers), "nobody disagrees with themself"
        sure = [q.score for q in contested]
        assert sure == sorted(sure, reverse=True), "strongest first"


def test_a_large_story_draws_its_questions_from_a_bounded_set_of_statements(monkeypatch: pytest.MonkeyPatch) -> None:
    import rashomon.compare as compare
    from rashomon.model import Article, ArticleAnalysis, Attribution, Story

    monkeypatch.setattr(compare, "MOST_UNITS", 5)
    seen: list[int] = []

    def embed(texts: list[str]) -> np.ndarray:
        seen.append(len(texts))
        return _vecs([k % 3 for k in range(len(texts))], 3)

    body = " ".join(f"Official number {k} said the bridge over the river would reopen in week {k} of the year." for k in range(12))
    art = Article(source="a.txt#main", page_source="a.txt", title="Bridge", body=body, outlet="Vale Ledger")
    sents, start = [], 0
    for k in range(12):
        end = body.index(".", start) + 1
        sents.append((start, end))
        start = end + 1
    atts = [Attribution(article=art.id, speaker=f"Official {k}", speaker_start=s, speaker_end=s + 8, cue="said", cue_start=s + 20,
                        cue_end=s + 24, kind="indirect", content=body[s + 25 : e - 1], content_start=s + 25, content_end=e - 1,
                        sentence_start=s, sentence_end=e) for k, (s, e) in enumerate(sents[:3])]
    analysis = ArticleAnalysis(article=art.id, attributions=atts, sentences=sents)
    compare.compare_story(Story(id="s", title="Bridge", articles=[art.id]), [art], [analysis], [], embed=embed)
    assert seen == [5], "the three statements and the two lead sentences, not all twelve sentences"


def test_a_side_shows_an_interrupted_statement_without_its_speaker_clause() -> None:
    from rashomon.compare.contest import Draft, story_units, to_question
    from rashomon.model import Article, ArticleAnalysis, Attribution

    body = "“The offer is fair,” said Anton Rusk, the chief executive. “We cannot pay more.” The union disagreed with every word."
    art = Article(source="a.txt#main", page_source="a.txt", title="Pay", body=body, outlet="Vale Ledger")
    end = body.index("The union") - 1
    second = body.index("We cannot")
    att = Attribution(article=art.id, speaker="Anton Rusk", speaker_start=body.index("Anton"), speaker_end=body.index(", the"),
                      cue="said", cue_start=body.index("said"), cue_end=body.index("said") + 4, kind="direct",
                      content=body[1:end - 2], content_start=1, content_end=end - 2, sentence_start=0, sentence_end=end,
                      content_parts=[(1, body.index(",”")), (second, end - 2)])
    union = Claim("s", art.id, "The union disagreed with every word", end + 1, len(body) - 1, "asserted", speaker="Vale Ledger", id="u")
    rusk = Claim("s", art.id, att.content, att.content_start, att.content_end, "attributed", speaker="Anton Rusk", id="r")
    analysis = ArticleAnalysis(article=art.id, attributions=[att], sentences=[(0, end), (end + 1, len(body))])
    units = story_units([rusk, union], {art.id: art}, {art.id: analysis}, {})
    q = to_question("s", Draft(([0], [1]), 0.7), units, {})
    assert "said Anton Rusk" in units[0].text, "the pair model still reads the whole span"
    assert q.sides[0].position == "The offer is fair … We cannot pay more"
    assert "said" not in q.summary


def test_a_restatement_in_other_words_never_seeds() -> None:
    units = [_unit(0, "a", "the council had ignored warnings about the bridge cracks"),
             _unit(1, "b", "accused the council of ignoring a 2019 warning about bridge cracks"),
             _unit(2, "c", "the council never received any warning about the bridge")]
    units[2].negated = True
    for u in units:
        from rashomon.compare.text import content_stems
        u.stems = content_stems(u.text)
    angles = np.radians([0, 40, 45])  # cosines under the 0.8 of the same words: only the shared stems tell
    vecs = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    ii, jj = np.triu_indices(3, k=1)
    p = np.array([0.9, 0.6, 0.5])  # (0, 1) restates, (0, 2) denies
    assert [(d.sides[0][0], d.sides[1][0]) for d in assemble(units, vecs, ii, jj, p, most=1, same_words=0.5)] == [(0, 2)]
    assert [(d.sides[0][0], d.sides[1][0]) for d in assemble(units, vecs, ii, jj, p, most=1)] == [(0, 1)]


def test_a_quote_one_outlet_gives_in_full_never_opposes_its_shorter_version() -> None:
    # Two outlets quote one witness, one of them longer (its extra words carry a "not"), each
    # crediting a different speaker: the same words, not two sides of a question.
    units = [_unit(0, "a", "the water rose faster than anyone in the valley expected"),
             _unit(1, "b", "the water rose faster than anyone in the valley expected, … some houses did not even keep their roofs"),
             _unit(2, "c", "the water level stayed under the warning mark all night")]
    units[1].negated = True
    angles = np.radians([0, 30, 50])
    vecs = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    ii, jj = np.triu_indices(3, k=1)
    p = np.array([0.9, 0.6, 0.5])  # (0, 1) the same quote, (0, 2) a real dispute
    assert [(d.sides[0][0], d.sides[1][0]) for d in assemble(units, vecs, ii, jj, p, most=1)] == [(0, 2)]


def test_a_third_voice_joins_the_side_whose_seed_it_restates_not_the_one_the_pair_model_opposes_less() -> None:
    """Invented transit strike: a rider echoes the union's answer. With the side of the nearer seed she
    stands with the union even though the pair scores say she "opposes" the union more (the pair model
    scores topic, not stance); with ``nearest=0`` (the old rule) the same scores put her with the operator."""
    units = [_unit(0, "union", "drivers walked out because the operator cut the night shift pay"),
             _unit(1, "operator", "the night shift pay was never cut, drivers walked out over rosters"),
             _unit(2, "rider", "the drivers walked out after their night shift pay was cut")]
    angles = np.radians([0, 60, 10])  # the rider's words lie close to the union's
    vecs = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    ii, jj = np.triu_indices(3, k=1)
    score = {(0, 1): 0.9, (0, 2): 0.6, (1, 2): 0.2}
    p = np.array([score[(int(a), int(b))] for a, b in zip(ii, jj)])
    nearer = assemble(units, vecs, ii, jj, p, most=1, expand=0.3)[0]
    assert {units[u].speaker for u in nearer.sides[0]} == {"union", "rider"}
    assert [units[u].speaker for u in nearer.sides[1]] == ["operator"]
    old = assemble(units, vecs, ii, jj, p, most=1, expand=0.3, nearest=0)[0]
    assert "rider" in {units[u].speaker for u in old.sides[1]}


BRIDGE = [  # invented: a footbridge collapse, the cause disputed (a kind of story neither the seeds nor coverage hold)
    ("Harbour Ledger", "2025-04-02", "Footbridge collapses in Marrowick",
     ["A footbridge over the Tallis canal in Marrowick collapsed on Tuesday, injuring four people.",
      "The city engineer Ilse Daumer said the collapse was caused by sabotage and that bolts had been removed deliberately.",
      "The maintenance contractor's foreman Joel Haskett said the collapse was caused by years of neglect and rusted cables.",
      "Police closed both banks of the canal."]),
    ("Vale Ledger", "2025-04-03", "Marrowick bridge collapse blamed on sabotage",
     ["Ilse Daumer insisted the collapse was a deliberate attack on the bridge.",
      "Joel Haskett rejected that and said the city had ignored warnings about corroded cables for years.",
      "Divers recovered parts of the railing from the canal."]),
]


def test_a_statement_of_a_lexicon_question_never_leads_a_second_learned_question(tmp_path: Path) -> None:
    """A learned question seeded by a statement that already stands on a contested lexicon question, most of
    whose other statements stand there too, is that question seen again: it is not shown (the lexicon one stays)."""
    from rashomon.config import default_options
    from rashomon.pipeline import ingest
    from rashomon.store import Store

    path = tmp_path / "bridge.jsonl"
    path.write_text("\n".join(json.dumps({"url": f"https://example.invalid/bridge/{k}", "outlet": o, "published": d, "title": t,
                                          "text": "\n\n".join(ps)}) for k, (o, d, t, ps) in enumerate(BRIDGE)) + "\n", encoding="utf-8")
    db = str(tmp_path / "bridge.db")
    assert not ingest([str(path)], default_options().with_(db=db, online=False)).failures
    with Store.open(db) as store:
        questions = [q for s in store.stories() for q in store.story_report(s.id).questions if q.contested]
    lexicon = [q for q in questions if q.reason != "learned" and q.reason != "account changed"]
    assert lexicon, "the cause frame finds the dispute (sabotage against neglect)"
    from rashomon.compare import RESTATES_LEXICON

    for q in questions:
        if q.reason != "learned":
            continue
        used = {c for side in q.sides for c in side.claims}
        for held in ({c for side in lq.sides for c in side.claims} for lq in lexicon):
            if {q.sides[0].claims[0], q.sides[1].claims[0]} & held:
                assert len(used & held) < RESTATES_LEXICON * len(used), q.summary
