"""Who speaks a quotation, read from a dependency parse of the sentences around it.

The stages, each its own function:
find quotations (briefing.quotes) -> frames (frames.py: the sentences a quote's
attribution can stand in) -> parse (parser.py: spaCy, loaded lazily, only those
sentences) -> mentions and speaker (grammar.py: the subject of the reporting verb
that governs the quote) -> resolve (briefing.speakers: one canonical name, pronouns
to the salient speaker) -> merge across outlets (briefing.quotes).
"""
