"""Site furniture in a text capture: what a site wraps around every article.

Cues are general — line shape, imperative appeals to the reader, caption credits, repetition,
and a small generic vocabulary of widget names — never strings from one site. Each cue returns a
reason so the cleaner can say why a line went.
"""

from __future__ import annotations

import re
from collections import Counter

from rashomon.extract.dates import is_age_line
from rashomon.extract.lines import Line, fold, word_count

# Widget and section headers that sites put around (mostly after) the article.
_WIDGET_HEADERS = re.compile(
    r"^(?:related(?: articles| stories| news| content| posts| coverage| reading)?|more(?: stories| news| articles| from \w+(?: \w+){0,3}| on this story| in \w+(?: \w+)?)?|"
    r"most (?:popular|read|viewed|shared|commented)|editor'?s'? (?:picks?|choice)|top stories|trending(?: now| stories)?|"
    r"recommended(?: for you| stories| articles)?|you (?:may|might) also (?:like|be interested in)|read next|up next|"
    r"what to read next|latest(?: news| stories| articles)?|popular(?: now| stories)?|hashtags|tags|topics|keywords|"
    r"comments?|share(?: this(?: article| story)?)?|newsletter|sponsored(?: content)?|advertisement|ad|"
    r"follow us|about the author|in (?:this|other) news|explore more|don'?t miss|must read|also read|see also|"
    r"key (?:events|points|moments|updates)|live(?: updates| coverage| blog)?|listen(?: to this (?:article|story))?)\W*$"
)
_END_HEADERS = re.compile(
    r"^(?:related|more|most|editor|top stories|trending|recommended|you (?:may|might)|read next|up next|what to read|"
    r"latest|popular|hashtags|tags|topics|keywords|comments?|explore more|don'?t miss|about the author)"
)
_COMMENT = re.compile(
    r"^(?:no comments?(?: yet)?|\d+ comments?|leave a (?:comment|reply)|add a comment|post a comment|"
    r"be the first to comment|show comments|view comments|load more comments|join the (?:conversation|discussion))\W*$"
)
_FOOTER = re.compile(
    r"(?:^©|\(c\)\s*\d{4}|^copyright\b|all rights reserved|privacy policy|terms of (?:use|service)|cookie (?:policy|settings)|"
    r"^contact us$|^about us$|^skip to (?:main )?content$|^menu$|^search$|^home$|^close$|^back to top$|^print$|^email$|"
    r"^copy link$|^(?:share on|follow us on) \w+|^listen to (?:this )?article|^\d+ min(?:ute)?s? read$)"
)
_CAPTION = re.compile(
    r"(?:^|[.!?)]\s+|\s[–—|/-]\s*)(?:photo|photograph|image|picture|illustration|video|credit|graphic|screenshot)s?"
    r"\s*(?::|by\b|courtesy(?: of)?\b)\s*[^.]{1,50}\.?$|"
    r"\((?:photo|image|picture|credit|file photo)\b[^)]{0,80}\)\.?$|"
    r"(?:\(|/\s*|^)(?:getty images|afp|ap photo|reuters|epa|shutterstock)\b[^.]{0,40}\)?\.?$",
    re.I,
)
_AD = re.compile(r"\b(?:advertisements?|sponsored|promoted|paid (?:content|post))\b|continues (?:below|after)\b|^ads?$")
_LOGO = re.compile(r"\blogo\b", re.I)
_HASHTAGS = re.compile(r"^(?:#[\w-]+[\s,]*){2,}$")
# Calls to action. Strong ones are furniture on their own; weak ones need the reader addressed.
_STRONG_APPEAL = re.compile(
    r"^(?:subscribe|donate|sign up|sign in|log ?in|register|download (?:the|our) app|become a (?:member|subscriber|supporter|patron))\b|"
    r"\bbecome an? (?:[\w-]+ ){0,3}(?:member|subscriber|supporter|patron)s?\b(?! of\b)|\bmember(?:ship)? today\b|"
    r"\bsupport (?:our|independent|quality) (?:journalism|reporting|newsroom)\b|\bsubscribe (?:now|today|here|for)\b|"
    r"\bsign up (?:for|to) (?:our|the) (?:\w+ )?newsletter\b|\bdonate (?:now|today)\b|"
    r"\b(?:for|to) (?:subscribers|members) only\b|\balready an? (?:subscriber|member)\b|\bto continue reading\b"
)
# Cookie and consent banners.
_CONSENT = re.compile(r"\bcookies?\b.*\b(?:consent|accept|agree|experience|preferences|partners)\b|^(?:accept|reject|decline)(?: all)?(?: cookies)?$|^manage (?:preferences|cookies|settings)$")
_WEAK_APPEAL = re.compile(
    r"^(?:join|help|support|follow|try|explore|discover|get|read|watch|listen|share|click|tap|give|contribute|"
    r"stay|don'?t miss|find out|learn more|check out|sign)\b"
)
_READER = re.compile(r"\b(?:you|your|yours|us|our|ours|we)\b")
# What an appeal talks about: who pays for the journalism. Two different cues in one line (or
# one beside the reader addressed) mark a neighbour of a call to action as part of its block.
_APPEAL_TOPIC = re.compile(
    r"\b(?:members?|membership|subscri(?:be|bers?|ptions?)|donat(?:e|ions?|ing)|supporters?|patrons?|"
    r"costs? (?:money|a lot)|pay(?:s|ing)? for (?:it|this|our|the)|paid for|fund(?:ed|s|ing)? (?:by|through)|"
    r"advertisers?|advertising|independent (?:journalism|reporting|media|newsroom)|journalism|reporting|"
    r"readers?|paywall|owned by)\b"
)
_JOURNALISM = re.compile(r"\b(?:journalism|reporting|reporters|newsroom|paywall|readers)\b")
# Sharing rows: network names and share actions standing alone on a line.
_SHARE = re.compile(
    r"^(?:share(?: on| via)? )?(?:facebook|x|twitter|whatsapp|linkedin|telegram|reddit|bluesky|threads|instagram|"
    r"mastodon|pinterest|messenger|email|e-mail|copy link|copy url|print|save|gift (?:this )?article)\W*$"
)
# A bare clock time on its own line: a live-blog entry stamp or the time under a dateline.
_TIMESTAMP = re.compile(
    r"^(?:updated |posted |published )?\d{1,2}[:.]\d\d\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt|msk|local time)?$"
)


def _has_quote(text: str) -> bool:
    """True when the line quotes someone; an apostrophe inside a word does not count."""
    return bool(re.search(r"[\"“”]|(?:^|[\s(\[])['‘’]\w", text))


def widget_header(text: str) -> bool:
    f = fold(text)
    return word_count(text) <= 7 and bool(_WIDGET_HEADERS.match(f))


def end_header(text: str) -> bool:
    """A widget header that, after the body, opens the part of the page that is not the article."""
    return widget_header(text) and bool(_END_HEADERS.match(fold(text)))


def appeal(text: str) -> str | None:
    """'strong' or 'weak' for a call to action addressed to the reader, else None.

    Strong appeals are furniture on their own; weak ones ("Join the ...", "Explore ...") only
    inside a block that a strong one anchors, so an in-body heading like "Follow the money" stays.
    """
    f = fold(text)
    n = word_count(text)
    if _STRONG_APPEAL.search(f) and (n <= 25 or _READER.search(f)):
        return "strong"
    if _WEAK_APPEAL.match(f) and not _has_quote(text) and (n <= 12 or _READER.search(f)):
        return "weak"
    return None


def reader_appeal(text: str) -> bool:
    """An appeal that is furniture even outside an appeal block: strong, or addressed to the reader."""
    kind = appeal(text)
    return kind == "strong" or (kind == "weak" and bool(_READER.search(fold(text))))


def line_cue(text: str) -> str | None:
    """Why a line on its own is furniture (a short reason), or None when it may be content."""
    f = fold(text)
    n = word_count(text)
    if n <= 4 and _LOGO.search(f):
        return "logo"
    if is_age_line(text):
        return "relative age"
    if n <= 6 and _AD.search(f):
        return "advertisement"
    if n <= 4 and _SHARE.match(f):
        return "share link"
    if _TIMESTAMP.match(f):
        return "timestamp"
    if widget_header(text):
        return "widget header"
    if _COMMENT.match(f):
        return "comments"
    if n <= 60 and _CONSENT.search(f):
        return "consent banner"
    if n <= 15 and _FOOTER.search(f):
        return "footer"
    if _HASHTAGS.match(text.strip()):
        return "hashtags"
    if n <= 60 and _CAPTION.search(text):
        return "caption"
    if appeal(text) == "strong":
        return "appeal"
    return None


def mark_furniture(lines: list[Line]) -> dict[int, str]:
    """Reason per furniture line (keyed by position in ``lines``) from line cues and their neighbours."""
    reasons: dict[int, str] = {}
    for i, line in enumerate(lines):
        if cue := line_cue(line.text):
            reasons[i] = cue
    # A caption is often printed twice (under the picture and in the alt text): drop both copies.
    for i in range(1, len(lines)):
        if fold(lines[i].text) == fold(lines[i - 1].text) and word_count(lines[i].text) >= 3:
            reasons.setdefault(i, "repeated line")
            reasons.setdefault(i - 1, "repeated line")
    _spread_appeals(lines, reasons)
    return reasons


def appeal_topic(text: str) -> int:
    """How many different cues of who-pays-for-the-journalism a line carries (0 for most prose)."""
    f = fold(text)
    return len({m.group(0) for m in _APPEAL_TOPIC.finditer(f)}) + bool(_READER.search(f))


def _in_appeal_block(text: str, glued: bool) -> bool:
    """A neighbour of a call to action that belongs to its block (never a quote or a long paragraph).

    Talk of members, money and advertisers counts when the line is glued to the block (no blank
    line between, on a page that uses blank lines) or when it names the journalism itself.
    """
    if _has_quote(text) or word_count(text) > 60:
        return False
    if appeal(text) or _READER.search(fold(text)):
        return True
    about_us = bool(_JOURNALISM.search(fold(text)))
    return word_count(text) <= 30 and appeal_topic(text) >= 2 and (glued or about_us)


def _gap_layout(lines: list[Line]) -> bool:
    return bool(lines) and sum(l.gap_after for l in lines) / len(lines) >= 0.3


def _spread_appeals(lines: list[Line], reasons: dict[int, str]) -> None:
    """An appeal comes in a block ending in a call to action: its neighbours that urge, address
    the reader or talk about members, subscriptions and who pays belong to it."""
    gaps = _gap_layout(lines)
    seeds = [i for i, r in reasons.items() if r == "appeal"]
    for start in seeds:
        for step in (-1, 1):
            j = start + step
            while 0 <= j < len(lines) and (j not in reasons or reasons[j] == "appeal"):
                near = lines[j - step]
                glued = gaps and not (near.gap_before if step == -1 else near.gap_after)
                if j not in reasons and not _in_appeal_block(lines[j].text, glued):
                    break
                reasons[j] = "appeal"
                j += step


def repeated_short_lines(lines: list[Line], max_words: int = 5) -> set[str]:
    """Folded short lines that occur more than once: outlet labels, bylines, widget names."""
    counts = Counter(fold(l.text) for l in lines if word_count(l.text) <= max_words)
    return {t for t, c in counts.items() if c > 1}
