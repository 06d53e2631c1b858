"""Who speaks a quotation, read from a dependency parse of the sentences around it.

The stages, each its own function:
find quotations (briefing.quotes) -> the frame (the quote's sentence, and the sentences a
pronoun looks back over, also in briefing.quotes) -> parse (parser.py: spaCy, loaded lazily,
only those sentences) -> mentions and speaker (grammar.py: the subject of the reporting verb
that governs the quote; briefing.speakers: one canonical name) -> pronouns to the salient
speaker (pronouns.py, with genders.py) -> merge across outlets (merge.py).
"""
