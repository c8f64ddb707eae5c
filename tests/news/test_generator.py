"""The draft release reads like the seed article and says what the record holds, in English and in Chinese."""

from meetapp.meetings.models import MeetingFormat
from meetapp.news.generator import generate
from tests.factories import MeetingFactory, VenueFactory
from tests.news.samples import seed_meeting


def test_english_draft_names_who_presided_spoke_reported_and_announced(app):
    seed = seed_meeting()
    draft = generate(seed.meeting, "en")
    assert draft.headline == "China Minmetals Corporation holds the 2026 Annual S&T Innovation Work Meeting"
    body = draft.body
    assert body.startswith(
        "On February 26, 2026, China Minmetals Corporation held the 2026 Annual S&T Innovation Work Meeting."
    )
    assert ("Chen Dexin, Secretary of the Party Leadership Group and Chairman, attended and delivered a speech."
            in body)
    assert "Zhu Kebing, General Manager, presided over the meeting." in body
    assert "Wang Xingquan, Senior Vice President, delivered the S&T innovation report." in body
    assert "Wang Jiezhi, Director, announced the decisions on the 2025 China Minmetals S&T Award." in body
    # Li Ming (leadership, no part in the programme) is there: the seed article's sentence.
    assert "Other members of the leadership team were in attendance." in body


def test_english_draft_lists_awards_statements_briefings_format_and_who_came(app):
    body = generate(seed_meeting().meeting, "en").body
    assert "The meeting presented 2 awards of the 2025 China Minmetals S&T Award." in body
    assert "- **Special prize**: Deep-sea polymetallic nodule mining system (Zhao Lei)" in body
    assert "Green smelting of rare earths (East China Regional Office)" in body
    assert ("The 2026 Responsibility Statements for Key S&T Innovation Tasks were signed with 1 unit: Changsha "
            "Research Institute of Mining and Metallurgy.") in body
    assert "gave a briefing" not in body  # the briefing has no presenter: the meeting heard it
    assert "The meeting heard a briefing: Briefing on the 2026 work plans of the Specialised S&T Committees." in body
    assert ("The meeting was held in a hybrid format: participants attended in person at Minmetals Building, "
            "Conference Hall, at 2 branch venues (Changsha Science Park, Video Hall and East China Regional Office, "
            "Video Room) and via video link.") in body
    assert "In all, 5 participants attended: 3 at the main venue, 1 at branch venues and 1 by video." in body
    assert "The meeting brought together participants from China Minmetals Corporation, " in body
    assert "It also gathered members of S&T Committee." in body


def test_chinese_draft_uses_chinese_names_dates_and_sentences(app):
    body = generate(seed_meeting().meeting, "zh").body
    # Meeting titles have no Chinese field: the title stays as entered, the sentences around it are Chinese.
    assert body.startswith("2026年2月26日，中国五矿集团有限公司召开2026 Annual S&T Innovation Work Meeting。")
    assert "党组书记、董事长陈得信出席会议并讲话。总经理朱可炳主持会议。" in body  # position before name, no spaces
    assert "董事王杰智宣读2025年度中国五矿科技奖奖励决定。" in body
    assert "集团领导班子其他成员出席会议。" in body
    assert "深海多金属结核采矿系统（赵磊）" in body
    assert "2个分会场（长沙科技园视频会议厅和华东区域总部视频会议室）" in body
    assert "Chen Dexin" not in body


def test_names_are_literal_markdown(app):
    seed = seed_meeting()
    seed.general_manager.name = "Zhu *Kebing* <script>alert(1)</script>"
    body = generate(seed.meeting, "en").body
    assert r"Zhu \*Kebing\* \<script\>alert(1)\</script\>" in body


def test_in_person_and_video_meetings_say_so(app):
    in_person = MeetingFactory(format=MeetingFormat.IN_PERSON, venue=VenueFactory(name="Room 1201"))
    assert "The meeting was held at Room 1201." in generate(in_person, "en").body
    assert generate(in_person, "en").headline == f"{in_person.title} held"
    video = MeetingFactory(format=MeetingFormat.VIDEO)
    assert "The meeting was held by video link." in generate(video, "en").body
