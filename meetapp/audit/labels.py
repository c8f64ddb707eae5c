"""How the audit pages name objects and actions. Areas add their own entries here; anything not listed shows its
code ("minutes.approve", "minutes_revisions")."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

OBJECT_TYPE_LABELS = {
    "users": _l("Account"),
    "meetings": _l("Meeting"),
    "meeting_sessions": _l("Session"),
    "meeting_series": _l("Meeting series"),
    "venues": _l("Venue"),
    "agenda_items": _l("Agenda item"),
    "materials": _l("Material"),
    "participants": _l("Participant"),
    "check_ins": _l("Check-in"),
    "video_reports": _l("Video report"),
    "people": _l("Person"),
    "units": _l("Unit"),
    "groups": _l("Group"),
    "jobs": _l("Background job"),
    "award_programs": _l("Award program"),
    "award_levels": _l("Award level"),
    "awards": _l("Award"),
    "statement_batches": _l("Statement batch"),
    "statements": _l("Responsibility statement"),
    "milestones": _l("Milestone"),
}

ACTION_LABELS = {
    "auth.sign_in": _l("Signed in"),
    "auth.sign_out": _l("Signed out"),
    "auth.sign_in_failed": _l("Failed sign-in"),
    "account.create": _l("Account created"),
    "account.edit": _l("Account edited"),
    "account.deactivate": _l("Account deactivated"),
    "account.reactivate": _l("Account reactivated"),
    "account.set_password": _l("Password set by an administrator"),
    "account.change_password": _l("Password changed"),
    "meeting.create": _l("Meeting created"),
    "meeting.edit": _l("Meeting edited"),
    "meeting.status": _l("Meeting status changed"),
    "meeting.cancel": _l("Meeting cancelled"),
    "meeting.copy": _l("Meeting copied"),
    "session.create": _l("Session added"),
    "session.edit": _l("Session edited"),
    "session.delete": _l("Session deleted"),
    "venue.create": _l("Venue created"),
    "venue.edit": _l("Venue edited"),
    "series.create": _l("Series created"),
    "series.edit": _l("Series edited"),
    "agenda_item.create": _l("Agenda item added"),
    "agenda_item.edit": _l("Agenda item edited"),
    "agenda_item.delete": _l("Agenda item deleted"),
    "agenda_item.move": _l("Agenda item moved"),
    "agenda_item.add_presenter": _l("Presenter added"),
    "agenda_item.remove_presenter": _l("Presenter removed"),
    "material.upload": _l("Material uploaded"),
    "material.delete": _l("Material deleted"),
    "participant.add": _l("Participants added"),
    "participant.remove": _l("Participant removed"),
    "participant.edit": _l("Participant edited"),
    "participant.invite": _l("Invitations queued"),
    "participant.rsvp": _l("RSVP answered"),
    "checkin.create": _l("Checked in"),
    "checkin.undo": _l("Check-in undone"),
    "video_report.import": _l("Video report imported"),
    "person.create": _l("Person added to the directory"),
    "person.edit": _l("Person edited"),
    "unit.create": _l("Unit created"),
    "unit.edit": _l("Unit edited"),
    "group.create": _l("Group created"),
    "group.edit": _l("Group edited"),
    "group.add_members": _l("Group members added"),
    "group.remove_member": _l("Group member removed"),
    "directory.import_units": _l("Units imported"),
    "directory.import_people": _l("People imported"),
    "job.create": _l("Background job started"),
    "job.retry": _l("Background job retried"),
    "award_program.create": _l("Award program created"),
    "award_program.edit": _l("Award program edited"),
    "award_level.create": _l("Award level added"),
    "award.create": _l("Award added"),
    "award.edit": _l("Award edited"),
    "award.delete": _l("Award deleted"),
    "award.move": _l("Award moved on the run-sheet"),
    "award.present": _l("Award marked as presented"),
    "award.unpresent": _l("Award no longer marked as presented"),
    "award.import": _l("Award winners imported"),
    "statement_batch.create": _l("Statement batch created"),
    "statement_batch.edit": _l("Statement batch edited"),
    "statement.create": _l("Responsibility statement added"),
    "statement.edit": _l("Responsibility statement edited"),
    "statement.sign": _l("Responsibility statement signed"),
    "statement.scan": _l("Signed scan uploaded"),
    "statement.status": _l("Responsibility statement status changed"),
    "milestone.update": _l("Milestone progress updated"),
    "milestone.edit": _l("Milestone edited"),
    "milestone.delete": _l("Milestone deleted"),
}


def object_type_label(object_type: str | None) -> str:
    if object_type is None:
        return ""
    return str(OBJECT_TYPE_LABELS.get(object_type, object_type))


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
