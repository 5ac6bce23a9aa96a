"""Plain-text helpers over stored bodies, shared by stages that run without spaCy (stories, compare).

Below every stage: nothing here imports one.
"""
