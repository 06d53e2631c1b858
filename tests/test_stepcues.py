"""Step cues: which sentences announce what happens next, and which only sound like it."""

from __future__ import annotations

import pytest

from briefing.stepcues import clauses, cue_score, step_clause


@pytest.mark.parametrize("sentence", [
    "A new round of talks is set to take place.",
    "Talks would be held soon, the envoy said.",
    "The envoy said the delegations were also to discuss further exchanges of prisoners.",
    "The union plans to ballot its members next week.",
    "Both sides are expected to publish draft limits by Friday.",
    "The minister demanded that the port reopen by Monday.",
    "Monitoring will be carried out by the mission.",
    "The union has threatened to extend the strike to other ports.",
    # Missed before: reported future, a vague time, a deadline, an ultimatum, a promised action.
    'The envoy said a further round of negotiations would be held "soon."',
    "The governor hinted that fresh talks could take place later this month.",
    "Lawmakers face a June 30 deadline to pass the spending bill.",
    "The treasurer said he would present a list of cuts to the committee.",
    "The drivers will walk out on Monday unless the company raises wages.",
    # The first person reported without quotation marks is still someone's step; "US" is no "us".
    "We plan to hold a second ballot next week, the union said.",
    "US inspectors are scheduled to visit the dam next week.",
    "By Friday, the council said, the new timetable will be published.",
    "The strike notice expires at midnight on Thursday.",
    "The drivers who threatened to strike will meet the board on Monday.",
])
def test_forward_looking(sentence: str) -> None:
    assert cue_score(sentence).score >= 2.0, cue_score(sentence)


@pytest.mark.parametrize("sentence", [
    "The talks began Tuesday and went well into the evening.",
    "The talks ended without any set schedule for future negotiations.",
    "Negotiators met earlier this year in Abu Dhabi.",
    "They will not forgive me.",
    "Such concessions would leave Ukraine vulnerable.",
    "Medinsky did not provide a timeline for the next meeting.",
    "The aim was to secure a lasting settlement.",
    "The alternative for most commuters is to take the night bus and sleep on the way.",
    "The union accused employers of planning to automate jobs away.",
    "Russia occupies about 20% of Ukraine.",
    # Assessments, moods and opinions, however forward-sounding.
    'The minister described the technical sessions as "productive", adding that the two navies '
    "considered how a future truce might be policed.",
    'Officials said the final day was "long and detailed", aimed at producing drafts for ministerial review.',
    '"There is an agreement to be had here, I am sure of it," Moreau said.',
    "The mediator hopes that the two sides will compromise.",
    "Any deal that gives up the islands would be rejected if it went to a vote.",
    "No date for the next session has been set yet.",
    "One of the first steps of the new cabinet in 2019 was to cancel the subsidy.",
    "The mayor said she would not sign the plan because it would send the wrong signal.",
    '"Mixing the two schemes is a trap that will only lead to chaos," he added.',
    "The reforms have won wide support, the governor said shortly after his return from abroad.",
    # A columnist's own voice: what others intend, argued in the first person outside any quotation.
    "The next move, according to a memo I have read, is to make the levy look like a gift.",
    "So the plan is to persuade us that the new runway will cut noise.",
    # A plan in the past tense is one overtaken by events.
    "The singer, who was planning to fly to Lisbon on Wednesday, said she was stunned.",
    # A day's possessive names a past event; a lone time phrase takes its sentence's tense.
    "The old bridge, damaged by Sunday's flood, has been closed to lorries.",
    "The cathedral was spared by Thursday's storm.",
    "By Monday, the volunteers were already sorting the donations.",
    "Anglers criticised the mayor for pledging to close the pier.",
    "The main effect of the new rule is to move the queue elsewhere.",
    "Such voters can be expected to favour the incumbent.",
    "Their school day starts at 8:15 a.m. with a choir practice.",
    # A thing's threat is no party's plan; a cost forecast is no step.
    "Fire crews from four towns fought the blaze that threatened to engulf the depot.",
    "The bill for the repairs is expected to run into millions of euros.",
    "Crews worked through the night: by Friday morning, according to the utility, most homes had been "
    "reconnected.",
])
def test_not_forward_looking(sentence: str) -> None:
    assert cue_score(sentence).score < 2.0, cue_score(sentence)


def test_clauses_and_step_clause() -> None:
    assert clauses("He said the talks had been tense and said another round would be held soon.") == [
        "he said the talks had been tense", "said another round would be held soon."]
    assert step_clause("The talks ended on Monday.") is None
    clause = step_clause("Officials said the talks would resume on Friday.")
    assert clause == "officials said the talks would resume on friday."
