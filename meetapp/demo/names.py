"""Deterministic Chinese names for the demo directory: ``李娜`` with its pinyin ``Li Na``.

Every draw comes from a ``random.Random`` seeded with a string (Python hashes string seeds with SHA-512, so the
sequence is the same on every machine and every run); nothing is read from the network or the clock.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Common surnames, most frequent first, with their pinyin as written in passports (吕 is "Lyu").
SURNAMES = (
    ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"), ("黄", "Huang"),
    ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"), ("马", "Ma"), ("朱", "Zhu"),
    ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("高", "Gao"), ("林", "Lin"), ("罗", "Luo"), ("郑", "Zheng"),
    ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song"), ("唐", "Tang"), ("许", "Xu"), ("韩", "Han"), ("冯", "Feng"),
    ("邓", "Deng"), ("曹", "Cao"), ("彭", "Peng"), ("曾", "Zeng"), ("肖", "Xiao"), ("田", "Tian"), ("董", "Dong"),
    ("袁", "Yuan"), ("潘", "Pan"), ("于", "Yu"), ("蒋", "Jiang"), ("蔡", "Cai"), ("余", "Yu"), ("杜", "Du"),
    ("叶", "Ye"), ("程", "Cheng"), ("苏", "Su"), ("魏", "Wei"), ("吕", "Lyu"), ("丁", "Ding"), ("任", "Ren"),
    ("沈", "Shen"), ("姚", "Yao"), ("卢", "Lu"), ("姜", "Jiang"), ("崔", "Cui"), ("钟", "Zhong"), ("谭", "Tan"),
    ("陆", "Lu"), ("汪", "Wang"), ("范", "Fan"), ("金", "Jin"), ("石", "Shi"), ("廖", "Liao"), ("贾", "Jia"),
    ("夏", "Xia"), ("韦", "Wei"), ("方", "Fang"), ("白", "Bai"), ("邹", "Zou"), ("孟", "Meng"), ("熊", "Xiong"),
    ("秦", "Qin"), ("邱", "Qiu"), ("江", "Jiang"), ("尹", "Yin"), ("薛", "Xue"), ("段", "Duan"), ("雷", "Lei"),
    ("侯", "Hou"), ("龙", "Long"), ("史", "Shi"), ("陶", "Tao"), ("贺", "He"), ("顾", "Gu"), ("毛", "Mao"),
    ("郝", "Hao"), ("龚", "Gong"), ("邵", "Shao"), ("万", "Wan"), ("武", "Wu"), ("欧阳", "Ouyang"),
)

# Characters common in given names. None has a pinyin starting with a vowel, so two of them join without
# the apostrophe that "Xi'an" needs.
GIVEN_NAME_CHARACTERS = (
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("强", "qiang"),
    ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("娟", "juan"),
    ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀", "xiu"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"),
    ("华", "hua"), ("建", "jian"), ("国", "guo"), ("文", "wen"), ("辉", "hui"), ("志", "zhi"), ("红", "hong"),
    ("玲", "ling"), ("海", "hai"), ("斌", "bin"), ("宇", "yu"), ("浩", "hao"), ("凯", "kai"), ("鹏", "peng"),
    ("晨", "chen"), ("欣", "xin"), ("雪", "xue"), ("琳", "lin"), ("峰", "feng"), ("鑫", "xin"), ("博", "bo"),
    ("波", "bo"), ("毅", "yi"), ("俊", "jun"), ("晓", "xiao"), ("东", "dong"), ("亮", "liang"), ("成", "cheng"),
    ("立", "li"), ("春", "chun"), ("永", "yong"), ("新", "xin"), ("学", "xue"), ("德", "de"), ("荣", "rong"),
    ("庆", "qing"), ("清", "qing"), ("光", "guang"), ("振", "zhen"), ("卫", "wei"), ("兵", "bing"), ("健", "jian"),
    ("嘉", "jia"), ("慧", "hui"), ("婷", "ting"), ("颖", "ying"), ("倩", "qian"), ("思", "si"), ("雨", "yu"),
    ("佳", "jia"), ("怡", "yi"), ("楠", "nan"), ("丹", "dan"), ("松", "song"), ("铭", "ming"), ("鸿", "hong"),
    ("坤", "kun"), ("睿", "rui"), ("哲", "zhe"), ("轩", "xuan"), ("璐", "lu"), ("翔", "xiang"), ("晖", "hui"),
    ("岩", "yan"), ("钢", "gang"), ("锋", "feng"), ("金", "jin"), ("泽", "ze"),
)

# Roughly how much more often the common surnames occur than the rare ones.
SURNAME_WEIGHTS = tuple(1 / (rank + 4) for rank in range(len(SURNAMES)))


@dataclass(frozen=True)
class ChineseName:
    zh: str  # 李娜
    en: str  # Li Na
    email_local: str  # li.na


def chinese_name(surname: tuple[str, str], given: list[tuple[str, str]]) -> ChineseName:
    """Put a surname and given-name characters together in Chinese order, with matching pinyin."""
    given_zh = "".join(char for char, _ in given)
    given_pinyin = "".join(pinyin for _, pinyin in given)
    return ChineseName(
        zh=surname[0] + given_zh,
        en=f"{surname[1]} {given_pinyin.capitalize()}",
        email_local=f"{surname[1].lower()}.{given_pinyin}",
    )


def random_name(rng: random.Random) -> ChineseName:
    """One plausible name: a weighted surname and a one- or two-character given name (no repeated character)."""
    surname = rng.choices(SURNAMES, weights=SURNAME_WEIGHTS)[0]
    length = 1 if rng.random() < 0.3 else 2
    return chinese_name(surname, rng.sample(GIVEN_NAME_CHARACTERS, length))


def office_phone(rng: random.Random, prefix: str) -> str:
    """A landline behind the unit's switchboard prefix, e.g. ``+86 10 6849`` → ``+86 10 6849 5123``."""
    return f"{prefix} {rng.randrange(1000, 10000)}"
