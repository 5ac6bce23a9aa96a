"""Atom feeds to follow a story, an entity, a tag or a search in any feed reader (issue 22 item 5):
new articles and newly contested questions as entries with stable ids and times."""

from __future__ import annotations

from rashomon.feeds.atom import atom_xml
from rashomon.feeds.entries import Feed, FeedEntry, entity_feed, search_feed, story_feed, tag_feed

__all__ = ["Feed", "FeedEntry", "atom_xml", "entity_feed", "search_feed", "story_feed", "tag_feed"]
