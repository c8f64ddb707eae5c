"""The demo organisation as data: China Minmetals as its 2026 S&T innovation work meeting describes it.

Units are listed parents first. Each unit names the posts its staff hold (``Post``); the loader fills those posts
with generated people (see ``meetapp.demo.people``). The people the meeting names, the leadership team and the
holders of the demo accounts are written out in ``NAMED_PEOPLE``. Group codes tie posts and people to ``GROUPS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from meetapp.auth.models import SystemRole
from meetapp.directory.models import UnitKind

EMAIL_DOMAIN = "minmetals.example.com"  # reserved for examples (RFC 2606): never a real mailbox
DEMO_PASSWORD = "minmetals-demo-2026"  # noqa: S105  (printed by `flask demo-logins`; demo data only)

# Group codes.
LEADERSHIP = "leadership"
BOARD = "board"
SENIOR_EXECUTIVES = "senior-executives"
ST_COMMITTEE = "st-committee"
CHIEF_SCIENTISTS = "chief-scientists"
CHIEF_EXPERTS = "chief-experts"
DISCIPLINE = "discipline-inspection"
STC_RESOURCES = "stc-resources"
STC_MATERIALS = "stc-materials"
STC_ENGINEERING = "stc-engineering"


@dataclass(frozen=True)
class Post:
    """A position in a unit, held by ``count`` generated people, each a member of ``groups``."""

    title: str
    title_zh: str
    count: int = 1
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    name_zh: str
    kind: UnitKind
    parent: str | None = None
    posts: tuple[Post, ...] = ()
    # Switchboard prefix of the unit's office phones; children inherit their parent's.
    phone_prefix: str | None = None


@dataclass(frozen=True)
class DemoPerson:
    """A directory entry; ``key`` is how later demo steps refer to it (its email for generated people)."""

    key: str
    name: str
    name_zh: str
    title: str
    title_zh: str
    unit: str
    email: str
    phone: str
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoGroup:
    code: str
    name: str
    name_zh: str
    description: str


@dataclass(frozen=True)
class DemoAccount:
    person: str  # DemoPerson.key; the account signs in with that person's email
    roles: tuple[SystemRole, ...]


# --- posts by kind of unit ---------------------------------------------------------------------------------------


def hq_department(head: str = "Director General", head_zh: str = "部长", head_groups=(), staff: int = 3) -> tuple:
    return (
        Post(head, head_zh, groups=tuple(head_groups)),
        Post(f"Deputy {head}", f"副{head_zh}", 2),
        Post("Senior Manager", "高级经理", 2),
        Post("Manager", "经理", staff),
    )


DIVISION = (
    Post("Division Chief", "处长"),
    Post("Deputy Division Chief", "副处长"),
    Post("Senior Manager", "高级经理"),
    Post("Manager", "经理", 2),
)

REGIONAL_OFFICE = (
    Post("General Manager", "总经理"),
    Post("Deputy General Manager", "副总经理"),
    Post("Manager", "经理", 2),
)

DEPARTMENT = (
    Post("Head of Department", "部长"),
    Post("Deputy Head of Department", "副部长"),
    Post("Engineer", "工程师", 2),
)

RESEARCH_DIVISION = (
    Post("Director", "所长"),
    Post("Deputy Director", "副所长"),
    Post("Senior Engineer", "高级工程师", 2),
    Post("Engineer", "工程师", 2),
)


def enterprise(committee: str | None, *, chief_engineer: bool = True, experts: int = 2) -> tuple[Post, ...]:
    """The leadership of a directly managed enterprise; its experts sit on ``committee`` (a specialised one)."""
    expert_groups = (CHIEF_EXPERTS, committee) if committee else (CHIEF_EXPERTS,)
    posts = [
        Post("Chairman", "董事长"),
        Post("President", "总经理"),
        Post("Vice President", "副总经理", 2),
        Post("Secretary of the Discipline Inspection Commission", "纪委书记", groups=(DISCIPLINE,)),
    ]
    if chief_engineer:
        posts.append(Post("Chief Engineer", "总工程师", groups=(ST_COMMITTEE,)))
    if experts:
        posts.append(Post("Chief Technical Expert", "首席技术专家", experts, expert_groups))
    return tuple(posts)


def institute(committee: str) -> tuple[Post, ...]:
    """The leadership of an R&D institute: its president, chief engineer and chief scientists sit on the committee."""
    return (
        Post("President", "院长", groups=(ST_COMMITTEE, committee)),
        Post("Party Secretary", "党委书记"),
        Post("Vice President", "副院长", 2),
        Post("Chief Engineer", "总工程师", groups=(ST_COMMITTEE,)),
        Post("Secretary of the Discipline Inspection Commission", "纪委书记", groups=(DISCIPLINE,)),
        Post("Chief Scientist", "首席科学家", 2, (CHIEF_SCIENTISTS, ST_COMMITTEE, committee)),
        Post("Chief Technical Expert", "首席技术专家", 2, (CHIEF_EXPERTS, committee)),
    )


def enterprise_departments(parent: str, parent_zh_short: str) -> tuple[DemoUnit, ...]:
    """The office, S&T management and operations departments every directly managed enterprise has."""
    return (
        DemoUnit(f"{parent}-GO", f"General Office ({parent})", f"{parent_zh_short}办公室", UnitKind.DEPARTMENT,
                 parent, (Post("Director", "主任"), Post("Deputy Director", "副主任"), Post("Secretary", "秘书"))),
        DemoUnit(f"{parent}-ST", f"S&T Management Department ({parent})", f"{parent_zh_short}科技管理部",
                 UnitKind.DEPARTMENT, parent, DEPARTMENT),
        DemoUnit(f"{parent}-OPS", f"Operations Department ({parent})", f"{parent_zh_short}运营管理部",
                 UnitKind.DEPARTMENT, parent, DEPARTMENT),
    )


HQ = "HQ"
BEIJING = "+86 10 6849"

UNITS: tuple[DemoUnit, ...] = (
    DemoUnit(HQ, "China Minmetals Corporation", "中国五矿集团有限公司", UnitKind.GROUP_HQ, phone_prefix=BEIJING),
    # Headquarters departments.
    DemoUnit("HQ-GO", "General Office", "办公厅", UnitKind.HQ_DEPARTMENT, HQ,
             (*hq_department("Director", "主任", staff=2), Post("Secretary", "秘书", 2))),
    DemoUnit("HQ-ST", "Science and Technology Department", "科技部", UnitKind.HQ_DEPARTMENT, HQ,
             (Post("Director General", "部长", groups=(ST_COMMITTEE,)), Post("Deputy Director General", "副部长", 2))),
    DemoUnit("HQ-ST-PLAN", "S&T Planning Division", "科技规划处", UnitKind.DEPARTMENT, "HQ-ST", DIVISION),
    DemoUnit("HQ-ST-PROJ", "Research Projects Division", "科研项目处", UnitKind.DEPARTMENT, "HQ-ST", DIVISION),
    DemoUnit("HQ-ST-AWARD", "Achievements and Awards Division", "成果奖励处", UnitKind.DEPARTMENT, "HQ-ST", DIVISION),
    DemoUnit("HQ-STRAT", "Strategy and Planning Department", "战略发展部", UnitKind.HQ_DEPARTMENT, HQ,
             hq_department(head_groups=(ST_COMMITTEE,))),
    DemoUnit("HQ-FIN", "Finance Department", "财务部", UnitKind.HQ_DEPARTMENT, HQ, hq_department()),
    DemoUnit("HQ-HR", "Human Resources Department", "人力资源部", UnitKind.HQ_DEPARTMENT, HQ, hq_department()),
    DemoUnit("HQ-AUDIT", "Audit Department", "审计部", UnitKind.HQ_DEPARTMENT, HQ, hq_department(staff=2)),
    DemoUnit("HQ-LEGAL", "Legal and Compliance Department", "法律合规部", UnitKind.HQ_DEPARTMENT, HQ,
             hq_department(staff=2)),
    DemoUnit("HQ-SAFETY", "Safety and Environmental Protection Department", "安全环保部", UnitKind.HQ_DEPARTMENT, HQ,
             hq_department(staff=2)),
    DemoUnit("HQ-PARTY", "Party Building Department", "党建工作部", UnitKind.HQ_DEPARTMENT, HQ, hq_department(staff=2)),
    DemoUnit("HQ-DIGITAL", "Digital Transformation Department", "数字化部", UnitKind.HQ_DEPARTMENT, HQ,
             hq_department(staff=2)),
    DemoUnit("HQ-DI", "Discipline Inspection and Supervision Team", "纪检监察组", UnitKind.HQ_DEPARTMENT, HQ, (
        Post("Deputy Head of the Discipline Inspection and Supervision Team", "纪检监察组副组长", 2, (DISCIPLINE,)),
        Post("Division Chief", "处长", 2, (DISCIPLINE,)),
        Post("Discipline Inspector", "纪检监察员", 5, (DISCIPLINE,)),
    )),
    # Regional offices.
    DemoUnit("RO-NORTH", "North China Regional Office", "华北区域总部", UnitKind.REGIONAL_OFFICE, HQ, REGIONAL_OFFICE,
             "+86 22 2330"),
    DemoUnit("RO-EAST", "East China Regional Office", "华东区域总部", UnitKind.REGIONAL_OFFICE, HQ, REGIONAL_OFFICE,
             "+86 21 6886"),
    DemoUnit("RO-SOUTH", "South China Regional Office", "华南区域总部", UnitKind.REGIONAL_OFFICE, HQ, REGIONAL_OFFICE,
             "+86 20 3821"),
    DemoUnit("RO-SOUTHWEST", "Southwest Regional Office", "西南区域总部", UnitKind.REGIONAL_OFFICE, HQ,
             REGIONAL_OFFICE, "+86 28 8651"),
    # The national innovation center the group leads.
    DemoUnit("NIC", "National Innovation Center for Mineral Resources and Metallurgy", "国家矿产资源与冶金技术创新中心",
             UnitKind.INNOVATION_CENTER, HQ, (
                 Post("Director", "主任", groups=(ST_COMMITTEE,)),
                 Post("Deputy Director", "副主任", 2),
                 Post("Chief Scientist", "首席科学家", 1, (CHIEF_SCIENTISTS, ST_COMMITTEE, STC_RESOURCES)),
                 Post("Research Fellow", "研究员", 3),
             )),
    DemoUnit("NIC-PLATFORM", "Platform Operations Department", "平台运营部", UnitKind.DEPARTMENT, "NIC", DEPARTMENT),
    DemoUnit("NIC-COOP", "Industry Cooperation Department", "产业合作部", UnitKind.DEPARTMENT, "NIC", DEPARTMENT),
    # Directly managed enterprises.
    DemoUnit("MCC", "Metallurgical Corporation of China", "中国冶金科工集团有限公司", UnitKind.SUBSIDIARY, HQ,
             enterprise(STC_ENGINEERING, experts=3), "+86 10 5986"),
    *enterprise_departments("MCC", "中冶"),
    DemoUnit("CRIBC", "Central Research Institute of Building and Construction", "中冶建筑研究总院有限公司",
             UnitKind.RD_INSTITUTE, "MCC", (
                 Post("President", "院长", groups=(ST_COMMITTEE,)),
                 Post("Vice President", "副院长"),
                 Post("Chief Scientist", "首席科学家", 1, (CHIEF_SCIENTISTS, ST_COMMITTEE, STC_ENGINEERING)),
             ), "+86 10 8222"),
    DemoUnit("CRIBC-STEEL", "Steel Structures Research Institute", "钢结构研究院", UnitKind.DEPARTMENT, "CRIBC",
             RESEARCH_DIVISION),
    DemoUnit("CRIBC-STEEL-LAB", "Structural Testing Laboratory", "结构检测实验室", UnitKind.OTHER, "CRIBC-STEEL",
             (Post("Laboratory Head", "实验室主任"), Post("Engineer", "工程师", 2))),
    DemoUnit("MNM", "China Minmetals Nonferrous Metals", "五矿有色金属控股有限公司", UnitKind.SUBSIDIARY, HQ,
             enterprise(STC_RESOURCES), "+86 731 8865"),
    *enterprise_departments("MNM", "五矿有色"),
    DemoUnit("MMG", "Minmetals Resources (MMG)", "五矿资源有限公司", UnitKind.SUBSIDIARY, HQ,
             enterprise(STC_RESOURCES), "+86 10 6849"),
    *enterprise_departments("MMG", "五矿资源"),
    DemoUnit("CTHM", "China Tungsten and Hightech Materials", "中钨高新材料股份有限公司", UnitKind.SUBSIDIARY, HQ,
             enterprise(STC_MATERIALS), "+86 731 2826"),
    *enterprise_departments("CTHM", "中钨高新"),
    DemoUnit("MREC", "Minmetals Rare Earth", "五矿稀土股份有限公司", UnitKind.SUBSIDIARY, HQ,
             enterprise(STC_MATERIALS), "+86 797 8393"),
    *enterprise_departments("MREC", "五矿稀土"),
    DemoUnit("MDEV", "Minmetals Development", "五矿发展股份有限公司", UnitKind.SUBSIDIARY, HQ,
             enterprise(None, experts=1), "+86 10 6849"),
    *enterprise_departments("MDEV", "五矿发展"),
    DemoUnit("MCAP", "Minmetals Capital Holdings", "五矿资本控股有限公司", UnitKind.SUBSIDIARY, HQ,
             enterprise(None, chief_engineer=False, experts=0), "+86 10 6849"),
    DemoUnit("MCAP-GO", "General Office (MCAP)", "五矿资本办公室", UnitKind.DEPARTMENT, "MCAP",
             (Post("Director", "主任"), Post("Secretary", "秘书"))),
    # R&D institutes.
    DemoUnit("CRIMM", "Changsha Research Institute of Mining and Metallurgy", "长沙矿冶研究院有限责任公司",
             UnitKind.RD_INSTITUTE, HQ, institute(STC_MATERIALS), "+86 731 8865"),
    DemoUnit("CRIMM-MP", "Mineral Processing Institute", "选矿研究所", UnitKind.DEPARTMENT, "CRIMM", RESEARCH_DIVISION),
    DemoUnit("CRIMM-MET", "Metallurgy Institute", "冶金研究所", UnitKind.DEPARTMENT, "CRIMM", RESEARCH_DIVISION),
    DemoUnit("CRIMM-MET-HYDRO", "Hydrometallurgy Laboratory", "湿法冶金实验室", UnitKind.OTHER, "CRIMM-MET",
             (Post("Laboratory Head", "实验室主任"), Post("Engineer", "工程师", 2))),
    DemoUnit("CRIMM-MAT", "Advanced Materials Institute", "先进材料研究所", UnitKind.DEPARTMENT, "CRIMM",
             RESEARCH_DIVISION),
    DemoUnit("CIMR", "Changsha Institute of Mining Research", "长沙矿山研究院有限责任公司", UnitKind.RD_INSTITUTE, HQ,
             institute(STC_RESOURCES), "+86 731 8865"),
    DemoUnit("CIMR-SAFE", "Mine Safety Institute", "矿山安全研究所", UnitKind.DEPARTMENT, "CIMR", RESEARCH_DIVISION),
    DemoUnit("CIMR-MINING", "Mining Technology Institute", "采矿技术研究所", UnitKind.DEPARTMENT, "CIMR",
             RESEARCH_DIVISION),
    DemoUnit("MCRI", "Minmetals Central Research Institute", "五矿中央研究院", UnitKind.RD_INSTITUTE, HQ,
             institute(STC_MATERIALS)),
    DemoUnit("MCRI-DIGITAL", "Intelligent Mining Institute", "智能矿山研究所", UnitKind.DEPARTMENT, "MCRI",
             RESEARCH_DIVISION),
)


def _email(local: str) -> str:
    return f"{local}@{EMAIL_DOMAIN}"


def _leader(key: str, name: str, name_zh: str, title: str, title_zh: str, extension: str, *groups: str,
            unit: str = HQ) -> DemoPerson:
    return DemoPerson(key, name, name_zh, title, title_zh, unit, _email(key), f"{BEIJING} {extension}", groups)


_PARTY_MEMBER_SVP = ("Member of the Party Leadership Group and Senior Vice President", "党组成员、副总经理")

# The people the meeting report names come first, then the rest of the leadership team and the board.
NAMED_PEOPLE: tuple[DemoPerson, ...] = (
    _leader("chen.dexin", "Chen Dexin", "陈得信", "Secretary of the Party Leadership Group and Chairman",
            "党组书记、董事长", "0001", LEADERSHIP, BOARD, ST_COMMITTEE),
    _leader("zhu.kebing", "Zhu Kebing", "朱可炳",
            "Deputy Secretary of the Party Leadership Group, Director and General Manager",
            "党组副书记、董事、总经理", "0002", LEADERSHIP, BOARD, ST_COMMITTEE),
    _leader("wang.jiezhi", "Wang Jiezhi", "王介智", "Deputy Secretary of the Party Leadership Group and Director",
            "党组副书记、董事", "0003", LEADERSHIP, BOARD),
    _leader("wang.xingquan", "Wang Xingquan", "王兴权", *_PARTY_MEMBER_SVP, "0004", LEADERSHIP, ST_COMMITTEE),
    _leader("zhao.hongwei", "Zhao Hongwei", "赵宏伟", *_PARTY_MEMBER_SVP, "0005", LEADERSHIP),
    _leader("xu.jianhua", "Xu Jianhua", "徐建华", *_PARTY_MEMBER_SVP, "0006", LEADERSHIP),
    _leader("guo.mingliang", "Guo Mingliang", "郭明亮", *_PARTY_MEMBER_SVP, "0007", LEADERSHIP),
    _leader("li.xiaoping", "Li Xiaoping", "李晓平", "Member of the Party Leadership Group and Chief Accountant",
            "党组成员、总会计师", "0008", LEADERSHIP),
    _leader("yang.zhenguo", "Yang Zhenguo", "杨振国",
            "Member of the Party Leadership Group and Head of the Discipline Inspection and Supervision Team",
            "党组成员、驻集团纪检监察组组长", "0009", LEADERSHIP, DISCIPLINE, unit="HQ-DI"),
    _leader("he.lixin", "He Lixin", "何立新", "External Director", "外部董事", "0011", BOARD),
    _leader("meng.qinghua", "Meng Qinghua", "孟庆华", "External Director", "外部董事", "0012", BOARD),
    _leader("zou.jianguo", "Zou Jianguo", "邹建国", "External Director", "外部董事", "0013", BOARD),
    _leader("tang.wenhua", "Tang Wenhua", "唐文华", "General Counsel", "总法律顾问", "0021", SENIOR_EXECUTIVES),
    _leader("han.lijun", "Han Lijun", "韩立军", "Chief Safety Officer", "安全总监", "0022", SENIOR_EXECUTIVES),
    _leader("luo.xiaodong", "Luo Xiaodong", "罗晓东", "Assistant General Manager", "总经理助理", "0023",
            SENIOR_EXECUTIVES),
    _leader("peng.haiyan", "Peng Haiyan", "彭海燕", "Assistant General Manager", "总经理助理", "0024",
            SENIOR_EXECUTIVES),
    # The holders of the demo accounts.
    _leader("sun.hao", "Sun Hao", "孙浩", "Senior Manager, Systems Administration", "高级经理（系统管理）", "3101",
            unit="HQ-DIGITAL"),
    _leader("li.na", "Li Na", "李娜", "Senior Manager", "高级经理", "3202", unit="HQ-ST-PLAN"),
    _leader("zhang.min", "Zhang Min", "张敏", "Meeting Secretary", "会议秘书", "3003", unit="HQ-GO"),
    DemoPerson("liu.yang", "Liu Yang", "刘洋", "Chief Technical Expert", "首席技术专家", "MCC", _email("liu.yang"),
               "+86 10 5986 2211", (CHIEF_EXPERTS, STC_ENGINEERING)),
    DemoPerson("chen.jing", "Chen Jing", "陈静", "Chief Scientist", "首席科学家", "CRIMM", _email("chen.jing"),
               "+86 731 8865 7120", (CHIEF_SCIENTISTS, ST_COMMITTEE, STC_MATERIALS)),
)

ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("sun.hao", (SystemRole.ADMIN,)),
    DemoAccount("li.na", (SystemRole.ORGANIZER,)),
    DemoAccount("zhang.min", (SystemRole.SECRETARY,)),
    DemoAccount("liu.yang", (SystemRole.MEMBER,)),
    DemoAccount("chen.jing", (SystemRole.MEMBER,)),
)

GROUPS: tuple[DemoGroup, ...] = (
    DemoGroup(LEADERSHIP, "Leadership Team", "集团领导班子",
              "The Party Leadership Group: chairman, general manager, deputy secretaries and senior vice presidents."),
    DemoGroup(BOARD, "Board of Directors", "董事会", "Executive and external directors of China Minmetals."),
    DemoGroup(SENIOR_EXECUTIVES, "Senior Executives", "其他高级管理人员",
              "Senior executives outside the core leadership team."),
    DemoGroup(ST_COMMITTEE, "S&T Committee", "科学技术委员会",
              "The group's science and technology committee: leaders, chief engineers, institute heads and chief "
              "scientists. It meets in plenary at the annual S&T innovation work meeting."),
    DemoGroup(CHIEF_SCIENTISTS, "Chief Scientists", "首席科学家", "The group's chief scientists."),
    DemoGroup(CHIEF_EXPERTS, "Chief Technical Experts", "首席技术专家",
              "Chief technical experts of the enterprises and institutes."),
    DemoGroup(DISCIPLINE, "Disciplinary Inspection Staff", "纪检监察人员",
              "The discipline inspection and supervision team and the discipline secretaries of the units."),
    DemoGroup(STC_RESOURCES, "Specialised S&T Committee on Mineral Resources", "矿产资源专业委员会",
              "Exploration, mining and mineral processing."),
    DemoGroup(STC_MATERIALS, "Specialised S&T Committee on Metallurgy and Materials", "冶金与新材料专业委员会",
              "Metallurgy, tungsten, rare earths and advanced materials."),
    DemoGroup(STC_ENGINEERING, "Specialised S&T Committee on Engineering and Construction", "工程建设专业委员会",
              "Metallurgical engineering, steel structures and construction."),
)
