"""web.views: timeline and highlighting built from hand-made records."""

from __future__ import annotations

from rashomon.model import Article, ArticleAnalysis, Mention, Timex
from rashomon.web.views import highlight, timeline

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
    assert "".join(s.text for p in paragraphs for s in p) == BODY.replace("\n\n", "")
    assert any("timex" in s.classes and s.text == "Friday" for s in paragraphs[1])
