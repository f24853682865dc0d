from cxtext.emotion.data import GOEMOTIONS_TO_CX
from cxtext.emotion.definitions import EMOTIONS, load_emotion_definitions


def test_yaml_matches_fixed_ids_and_mapping():
    defs = load_emotion_definitions()
    assert tuple(d.id for d in defs) == EMOTIONS
    for d in defs:
        assert d.label and len(d.description) > 40 and len(d.examples) >= 2
        assert d.polarity in {"negative", "positive", "ambiguous"}
        # the documented source labels are exactly the ones the loader maps
        assert set(d.goemotions) == {g for g, cx in GOEMOTIONS_TO_CX.items() if cx == d.id}
