"""web.views: timeline and highlighting built from hand-made records."""

from __future__ import annotations

from rashomon.model import Article, ArticleAnalysis, Attribution, Entity, Mention, Timex
from rashomon.web.views import evidence_href, highlight, statements_by_speaker, timeline, voices_in_words

BODY = "The ferry sank on 4 May 2031, the worst since 1998.\n\nDivers returned on Friday."


def _articles():
    a = Article(source="a#main", page_source="a", title="Ferry sinks", outlet="Quay Times", body=BODY,
                published="2031-05-06")
    copy = Article(source="b#main", page_source="b", title="Ferry sinks", outlet="Reprint Daily", body=BODY,
                   published="2031-05-07", near_duplicate_of="a#main")
    def an(art: Article) -> ArticleAnalysis:
        first = BODY.index(".") + 1
        return ArticleAnalysis(article=art.id, sentences=[(0, first), (first + 2, len(BODY))], timexes=[
            Timex(art.id, BODY.index("4 May"), BODY.index("4 May") + 10, "4 May 2031", "DATE", "2031-05-04"),
            Timex(art.id, BODY.index("1998"), BODY.index("1998") + 4, "1998", "DATE", "1998"),
            Timex(art.id, BODY.index("Friday"), BODY.index("Friday") + 6, "Friday", "DATE", "2031-05-02"),
        ], mentions=[Mention(art.id, 0, 0, "", "PERSON")])
    return [a, copy], {x.id: an(x) for x in (a, copy)}


def test_web_views_timeline_one_item_per_sentence_at_its_most_precise_date() -> None:
    arts, analyses = _articles()
    events = [i for i in timeline(arts, analyses) if i["kind"] == "event"]
    assert [(e["date"], e["outlet"]) for e in events] == [("2031-05-02", "Quay Times"), ("2031-05-04", "Quay Times")]


def test_web_views_highlight_splits_paragraphs_and_keeps_text() -> None:
    arts, analyses = _articles()
    paragraphs = highlight(BODY, analyses[arts[0].id], {})
    assert len(paragraphs) == 2
    assert "".join(s.text for p in paragraphs for piece in p for s in piece.segments) == BODY.replace("\n\n", "")
    assert any("timex" in s.classes and s.text == "Friday" for piece in paragraphs[1] for s in piece.segments)


def test_web_views_highlight_anchors_each_sentence_once_at_its_offset() -> None:
    arts, analyses = _articles()
    an = analyses[arts[0].id]
    paragraphs = highlight(BODY, an, {})
    anchors = [piece.anchor for p in paragraphs for piece in p if piece.anchor]
    assert anchors == [f"s-{s}" for s, _ in an.sentences]
    second = next(piece for p in paragraphs for piece in p if piece.anchor == f"s-{an.sentences[1][0]}")
    assert "".join(s.text for s in second.segments) == "Divers returned on Friday."


def test_web_views_evidence_links_open_the_sentence_holding_the_statement() -> None:
    arts, analyses = _articles()
    an = analyses[arts[0].id]
    friday = BODY.index("Friday")
    assert evidence_href(arts[0].id, an, friday) == f"/articles/{arts[0].id}#s-{an.sentences[1][0]}"
    assert evidence_href(arts[0].id, None, friday) == f"/articles/{arts[0].id}"
    events = {e["text"]: e["href"] for e in timeline(arts, analyses) if e["kind"] == "event"}
    assert events["Divers returned on Friday."].endswith(f"#s-{an.sentences[1][0]}")


def test_web_views_voices_are_said_in_words() -> None:
    words = voices_in_words({"unaligned": 22, "Ostria": 3})
    assert words == ["3 by officials speaking for Ostria", "22 by other sources not seen speaking for a government"]
    assert not any("unaligned" in w for w in words)


def test_web_views_an_unresolved_speaker_is_never_under_the_previous_speakers_heading() -> None:
    body = "Mayor Ilse Varga said the pier would reopen. He added that repairs were paid. It said the fund was empty."
    art = Article(source="p#main", page_source="p", title="Pier", outlet="Coast Post", body=body)

    def att(speaker: str, cue: str, content: str, entity: str | None = None) -> Attribution:
        s, c, t = body.index(speaker), body.index(cue), body.index(content)
        return Attribution(article=art.id, speaker=speaker, speaker_start=s, speaker_end=s + len(speaker), cue=cue,
                           cue_start=c, cue_end=c + len(cue), kind="indirect", content=content, content_start=t,
                           content_end=t + len(content), sentence_start=0, sentence_end=len(body),
                           speaker_entity=entity)

    varga = Entity(id="e-varga", canonical="Ilse Varga", label="PERSON", aliases=["Ilse Varga", "Mayor Ilse Varga"])
    atts = [att("Mayor Ilse Varga", "said", "the pier would reopen", "e-varga"),
            att("He", "added", "repairs were paid"), att("It", "said the fund", "the fund was empty")]
    groups = statements_by_speaker(atts, {varga.id: varga}, {art.id: art})
    assert [g["speaker"] for g in groups] == ["Ilse Varga", "Unnamed sources"]
    assert [s["content"] for s in groups[0]["statements"]] == ["the pier would reopen"]
    assert groups[1]["unnamed"] and groups[1]["key"] == "unnamed"
    assert [s["content"] for s in groups[1]["statements"]] == ["repairs were paid", "the fund was empty"]
