"""The demo's 'You said, we did' entries: what the parking permits team published, in both
languages, about two of its shipped changes."""

# Keyed by the story theme each change answered. A change the demo backlog already has (the
# payment crash fix, in stories.BACKLOG) is published as it is; another is made here with
# its title and the story week and day (Monday 0) it shipped. Then whether the page shows its
# measured effect, and the owner's words (never a citizen's).
PUBLISHED = {
    "parking-permits": {
        "payment-crash": {
            "show_effect": True,
            "you_said_en": "Paying for a permit online kept failing at the last step, so many "
            "of you could not finish your application.",
            "you_said_cy": "Roedd talu am drwydded ar-lein yn methu dro ar ôl tro ar y cam "
            "olaf, felly nid oedd llawer ohonoch yn gallu gorffen eich cais.",
            "we_did_en": "We fixed the fault in the payment page and now check it every hour, "
            "so we spot a failure before it reaches you.",
            "we_did_cy": "Gwnaethom drwsio’r nam ar y dudalen dalu, ac rydym bellach yn ei "
            "gwirio bob awr, fel ein bod yn sylwi ar fethiant cyn iddo effeithio arnoch chi.",
        },
        "proof-upload": {
            "title": "Say which proof of address we accept, and take phone photos",
            "shipped": (10, 1),
            "show_effect": False,
            "you_said_en": "Uploading proof of your address was confusing, and the page did "
            "not say which documents we accept.",
            "you_said_cy": "Roedd uwchlwytho prawf o’ch cyfeiriad yn ddryslyd, ac nid oedd y "
            "dudalen yn dweud pa ddogfennau rydym yn eu derbyn.",
            "we_did_en": "We now list the documents we accept before you start, and you can "
            "upload a photo taken on your phone.",
            "we_did_cy": "Rydym bellach yn rhestru’r dogfennau rydym yn eu derbyn cyn i chi "
            "ddechrau, a gallwch uwchlwytho llun a dynnwyd ar eich ffôn.",
        },
    }
}
