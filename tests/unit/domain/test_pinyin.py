import pytest

from counter_app.domain.pinyin import propose_pinyin


@pytest.mark.parametrize("name, expected", [
    ("王䶮", "WANG YAN"),            # CJK Extension A
    ("欧阳娜娜", "OUYANG NANA"),      # compound surname
    ("单田芳", "SHAN TIANFANG"),      # surname reading differs from the word reading
    ("阿依古丽·买买提", "AYIGULI MAIMAITI"),
])
def test_pinyin_is_proposed_from_the_name(name, expected):
    proposal = propose_pinyin(name)
    assert proposal.text == expected and proposal.complete


def test_a_character_without_a_known_reading_is_left_for_staff():
    proposal = propose_pinyin("李𠮷")  # CJK Extension B
    assert proposal.text == "LI" and not proposal.complete
