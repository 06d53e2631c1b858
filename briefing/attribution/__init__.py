"""Who speaks a quotation, read from the tokens and the dependency parse of the sentences around it.

The stages, each its own function:
find quotations and tokens (view.py: the article's marks, spans and parses, cached; facts.py: the
full names, titles and genders it gives its people) -> the frame
(the quote's sentence, and the sentences a pronoun looks back over, in briefing.quotes) -> token
rules (rules.py, one quote's rule chain: briefing.speakers for the common frames; frames.py for
signatures, colons and long appositives as tokens; signatures.py and introductions.py for signed,
colon-introduced and remark-owned quotes; passage.py for where a quote sits) -> parse (parser.py:
spaCy, loaded lazily, only frames the token rules decline) ->
mentions and speaker (grammar.py: the subject of the reporting verb that governs the quote;
subjects.py: the name, he/she or title that subject word stands for; briefing.speakers: one
canonical name; briefing.names: organisations) -> pronouns to the salient
speaker (pronouns.py, with genders.py) -> merge across outlets (merge.py).
"""
