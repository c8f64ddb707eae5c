"""The readers of each platform's layouts (see ``/work/shared/samples/video-reports/README.md`` for the layouts and
where they come from). Each answers a ``Draft`` when the file is its layout, None when it is not."""

from __future__ import annotations

import json
import re

from flask_babel import lazy_gettext as _l

from meetapp.attendance.video_reports.drafts import (
    LAYOUTS,
    Draft,
    DraftRow,
    add_row,
    cell,
    columns,
    data_rows,
    find_row,
    header_key,
    preamble_value,
    split_parenthesised,
)
from meetapp.attendance.video_reports.reading import ReportRefused, Table, duration_seconds

# --- text layouts ------------------------------------------------------------------------------------


def read_text(table: Table) -> Draft:
    for reader in (_read_teams_current, _read_teams_2021, _read_teams_2020, _read_webex, _read_zoom_csv):
        draft = reader(table)
        if draft is not None:
            return draft
    first = next((" ".join(c for c in row if c) for row in table.rows if any(row)), "")
    raise ReportRefused(
        _l("This file is not a participant report of Zoom, Teams, Tencent Meeting, Webex or Feishu that this "
           "importer knows (its first line is “%(line)s”).", line=first[:80])
    )


ZOOM_COLUMNS = {
    "name": ("name (original name)", "name"),
    "email": ("email", "user email"),
    "join": ("join time",),
    "leave": ("leave time",),
    "duration": ("duration (minutes)", "total duration (minutes)"),
}


def _read_zoom_csv(table: Table) -> Draft | None:
    header_index = find_row(table, lambda keys: keys[0].startswith("name (") and len(keys) >= 3)
    if header_index is None:
        return None
    header = table.rows[header_index]
    cols = columns(header, ZOOM_COLUMNS)
    if "join" in cols and "leave" in cols:
        # 2020–2022 exports wrote Title Case ("Name (Original Name)", "User Email").
        legacy = header[0] == "Name (Original Name)" or "user email" in [header_key(c) for c in header]
        layout = LAYOUTS["zoom_csv_legacy" if legacy else "zoom_csv"]
    else:
        layout = LAYOUTS["zoom_csv_unique"]
    draft = Draft(layout, title=_zoom_title(table, header_index))
    for index, row in data_rows(table, header_index, header):
        if header_key(row[0]).startswith("zoom report"):  # a footer some exports add
            break
        shown, original = split_parenthesised(cell(row, cols.get("name")))
        add_row(draft, table, index, row, cols, header, name=shown, other_names=(original,))
    return draft


def _zoom_title(table: Table, header_index: int) -> str | None:
    if header_index >= 2:
        cols = columns(table.rows[0], {"topic": ("topic",)})
        return cell(table.rows[1], cols.get("topic")) or None
    return None


TEAMS_SECTION = re.compile(r"^([123])\.\s*\S")


def _read_teams_current(table: Table) -> Draft | None:
    """1. Summary / 2. Participants / 3. In-Meeting Activities; section titles are localised, so sections are
    found by their number and columns by position when the header names are not the English ones."""
    sections = {}
    for index, row in enumerate(table.rows):
        filled = [cell for cell in row if cell]
        if len(filled) == 1 and (match := TEAMS_SECTION.match(filled[0])):
            sections.setdefault(match.group(1), index)
    if "1" not in sections or "2" not in sections:
        return None
    title = preamble_value(table.rows[sections["1"] + 1 : sections["2"]], ("meeting title",))
    if "3" in sections and sections["3"] + 2 < len(table.rows) and any(table.rows[sections["3"] + 2]):
        draft = Draft(LAYOUTS["teams_activities"], title=title)
        names = {"name": ("name",), "join": ("join time",), "leave": ("leave time",), "duration": ("duration",),
                 "email": ("email",)}
        positions = {"name": 0, "join": 1, "leave": 2, "duration": 3, "email": 4}
        header_index = sections["3"] + 1
    else:
        draft = Draft(LAYOUTS["teams_participants"], title=title)
        names = {"name": ("name",), "join": ("first join",), "leave": ("last leave",),
                 "duration": ("in-meeting duration",), "email": ("email",), "upn": ("participant id (upn)",)}
        positions = {"name": 0, "join": 1, "leave": 2, "duration": 3, "email": 4, "upn": 5}
        header_index = sections["2"] + 1
    header = table.rows[header_index] if header_index < len(table.rows) else []
    cols = columns(header, names, positions)
    for index, row in data_rows(table, header_index, header):
        if TEAMS_SECTION.match(row[0]) and len([c for c in row if c]) == 1:
            break
        add_row(draft, table, index, row, cols, header, name=cell(row, cols["name"]),
                 email_fields=("email", "upn"))
    return draft


def _read_teams_2021(table: Table) -> Draft | None:
    header_index = find_row(table, lambda keys: keys[0] == "full name" and len(keys) > 3
                             and keys[1] != "user action")
    if header_index is None:
        return None
    title = preamble_value(table.rows[:header_index], ("meeting title",))
    draft = Draft(LAYOUTS["teams_2021"], title=title)
    header = table.rows[header_index]
    cols = columns(header, {"name": ("full name",), "join": ("join time",), "leave": ("leave time",),
                             "duration": ("duration",), "email": ("email",), "upn": ("participant id (upn)",)},
                    {"name": 0, "join": 1, "leave": 2, "duration": 3, "email": 4})
    for index, row in data_rows(table, header_index, header):
        add_row(draft, table, index, row, cols, header, name=cell(row, cols["name"]), email_fields=("email", "upn"))
    return draft


ROSTER_JOINED = {"joined", "joined before", "ingressou", "entrou antes de"}
ROSTER_LEFT = {"left", "saiu"}


def _read_teams_2020(table: Table) -> Draft | None:
    header_index = find_row(table, lambda keys: len(keys) >= 3 and keys[:3] in (
        ["full name", "user action", "timestamp"], ["nome completo", "atividade", "carimbo de data/hora"]), limit=3)
    if header_index is None:
        return None
    draft = Draft(LAYOUTS["teams_2020"])
    header = table.rows[header_index]
    for index, row in data_rows(table, header_index, header):
        action = header_key(cell(row, 1))
        if action not in ROSTER_JOINED | ROSTER_LEFT:
            raise ReportRefused(_l("%(where)s: “%(value)s” is neither joined nor left.",
                                   where=table.where(index, header[1]), value=cell(row, 1)[:40]))
        draft.rows.append(DraftRow(index + 1, cell(row, 0), (), "", (),
                               draft.times.add(cell(row, 2), table.where(index, header[2])), None, None, tuple(row),
                               action="left" if action in ROSTER_LEFT else "joined"))
    return draft



def _read_webex(table: Table) -> Draft | None:
    header_index = find_row(table, lambda keys: "attendee email" in keys and "join time" in keys, limit=3)
    if header_index is None:
        return None
    header = table.rows[header_index]
    cols = columns(header, {"name": ("display name", "name"), "email": ("attendee email",),
                             "join": ("join time",), "leave": ("leave time",),
                             "duration": ("attendance duration",), "title": ("meeting name", "event name")})
    draft = Draft(LAYOUTS["webex"])
    for index, row in data_rows(table, header_index, header):
        draft.title = draft.title or cell(row, cols.get("title")) or None
        add_row(draft, table, index, row, cols, header, name=cell(row, cols.get("name")))
    return draft


# --- JSON (Zoom API) ---------------------------------------------------------------------------------


def read_json(text: str) -> Draft:
    try:
        document = json.loads(text)
    except ValueError as error:
        raise ReportRefused(_l("The JSON file is cut off or damaged (line %(num)d: %(problem)s).",
                               num=getattr(error, "lineno", 0), problem=getattr(error, "msg", str(error)))) from None
    participants = document.get("participants") if isinstance(document, dict) else None
    if not isinstance(participants, list):
        raise ReportRefused(_l("This JSON file is not a Zoom participants report (it has no “participants” list)."))
    draft = Draft(LAYOUTS["zoom_api"])
    for number, item in enumerate(participants, 1):
        if not isinstance(item, dict):
            raise ReportRefused(_l("Participant %(num)d of the JSON file is not an object.", num=number))
        if item.get("status") == "in_waiting_room":  # waiting to be let in is not attending
            continue
        where = str(_l("participant %(num)d", num=number))
        draft.rows.append(DraftRow(
            line=number,
            name=str(item.get("name") or "").strip(),
            other_names=(),
            email=str(item.get("user_email") or "").strip(),
            other_emails=(),
            join=draft.times.add(str(item.get("join_time") or ""), f"{where}, join_time"),
            leave=draft.times.add(str(item.get("leave_time") or ""), f"{where}, leave_time"),
            duration=duration_seconds(str(item.get("duration") or ""), plain_unit=1),
            raw=tuple(f"{key}={value}" for key, value in item.items()),
        ))
    return draft


# --- workbooks (Tencent Meeting, Feishu) --------------------------------------------------------------

TENCENT_NAME = "用户昵称(入会昵称)"  # the header after NFKC (the file has full-width parentheses)


def read_workbook(tables: list[Table]) -> Draft:
    tencent = [(t, i) for t in tables if (i := find_row(t, lambda keys: keys[0] == TENCENT_NAME)) is not None]
    if tencent:
        detail = next(((t, i) for t, i in tencent if t.sheet.endswith("明细")), None)
        if detail is None and len(tencent) > 1 and not tencent[1][0].sheet.endswith("概况"):
            detail = tencent[1]
        return _read_tencent(*(detail or tencent[0]), per_session=detail is not None)
    for table in tables:
        header_index = find_row(table, lambda keys: "参会人" in keys and "入会时间" in keys)
        if header_index is not None:
            return _read_feishu(table, header_index)
    sheets = ", ".join(f"“{t.sheet}”" for t in tables)
    raise ReportRefused(
        _l("This workbook is not a Tencent Meeting or Feishu participant export: none of its sheets (%(sheets)s) "
           "has the columns “用户昵称（入会昵称）” or “参会人 … 入会时间”.", sheets=sheets)
    )


def _read_tencent(table: Table, header_index: int, *, per_session: bool) -> Draft:
    header = table.rows[header_index]
    cols = columns(header, {"name": (TENCENT_NAME,), "join": ("入会时间", "首次入会时间"),
                             "leave": ("退会时间", "最后退会时间"), "duration": ("单次参会时长", "累计参会时长")})
    detail = per_session and "入会时间" in [header_key(c) for c in header]
    title = preamble_value(table.rows[:header_index], ("会议主题:",))
    draft = Draft(LAYOUTS["tencent_detail" if detail else "tencent_overview"], title=title)
    for index, row in data_rows(table, header_index, header):
        nickname, in_meeting = split_parenthesised(cell(row, cols["name"]))
        # "nickname(in-meeting name)": the in-meeting name is what people set (e.g. "李娜-科技部").
        name, other = (in_meeting, nickname) if in_meeting else (nickname, None)
        add_row(draft, table, index, row, cols, header, name=name, other_names=(other,))
    return draft


def _read_feishu(table: Table, header_index: int) -> Draft:
    header = table.rows[header_index]
    cols = columns(header, {"name": ("参会人",), "email": ("邮箱",), "join": ("入会时间",), "leave": ("离会时间",),
                             "duration": ("参会时长",)})
    draft = Draft(LAYOUTS["feishu"])
    for index, row in data_rows(table, header_index, header):
        add_row(draft, table, index, row, cols, header, name=cell(row, cols["name"]))
    return draft
