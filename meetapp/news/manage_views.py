"""A meeting's news releases for its secretaries and organizers: generate a draft from the record, edit, publish,
unpublish, delete a draft (``news.manage``)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload
from wtforms import SelectChoice

from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.loading import load_meeting
from meetapp.news import services
from meetapp.news.blueprint import bp
from meetapp.news.forms import ActionForm, GenerateForm, ReleaseForm
from meetapp.news.models import NEWS_LANGUAGE_LABELS, NewsLanguage, NewsRelease
from meetapp.news.queries import releases_of
from meetapp.refusals import save_or_refuse, show_refusal

EDIT_FIELDS = {services.EmptyRelease: "body", services.ReleaseTooLong: "body"}


def _managed_release(release_id: int) -> NewsRelease:
    """The release, if the user may manage its meeting's news; 404 otherwise (drafts are not revealed)."""
    release = db.session.get(NewsRelease, release_id, options=[joinedload(NewsRelease.meeting)])
    if release is None:
        abort(404)
    load_meeting(release.meeting_id, "news.manage")
    return release


def _meeting_page(meeting_id: int):
    return redirect(url_for("news.meeting_releases", meeting_id=meeting_id))


@bp.route("/meetings/<int:meeting_id>/news")
def meeting_releases(meeting_id: int):
    meeting = load_meeting(meeting_id, "news.manage")
    releases = {release.language: release for release in releases_of(meeting)}
    missing = [lang for lang in NewsLanguage if lang not in releases]
    form = GenerateForm()
    form.language.choices = [SelectChoice(lang.value, NEWS_LANGUAGE_LABELS[lang]) for lang in missing]
    reader = str(get_locale() or "en")
    if reader in {lang.value for lang in missing}:
        form.language.data = reader  # the secretary's own language first
    return render_template(
        "news/meeting.html", meeting=meeting, releases=[releases[lang] for lang in NewsLanguage if lang in releases],
        form=form, action_form=ActionForm(), language_labels=NEWS_LANGUAGE_LABELS, active_tab="news",
    )


@bp.route("/meetings/<int:meeting_id>/news/generate", methods=["POST"])
def generate(meeting_id: int):
    meeting = load_meeting(meeting_id, "news.manage")
    form = GenerateForm()
    if not form.validate_on_submit():
        flash(_("Choose the language of the news release."), "danger")
        return _meeting_page(meeting.id)
    release = save_or_refuse(None, {}, lambda: services.create_draft(current_user, meeting, form.language.data))
    if release is None:
        return _meeting_page(meeting.id)
    flash(_("A draft news release was written from the record. Edit it, then publish it."), "success")
    return redirect(url_for("news.edit", release_id=release.id))


@bp.route("/news/<int:release_id>/edit", methods=["GET", "POST"])
def edit(release_id: int):
    release = _managed_release(release_id)
    form = ReleaseForm(obj=release)
    conflict = False
    if form.validate_on_submit():
        try:
            services.update(current_user, release, form.headline.data, form.body.data, form.base_revision())
        except services.EditConflict as error:
            db.session.rollback()
            show_refusal(form, error)
            conflict = True
            form.revision.data = release.revision  # the next save is made knowing the current text
        except DomainError as error:
            db.session.rollback()
            show_refusal(form, error, EDIT_FIELDS)
        else:
            flash(_("The news release was saved."), "success")
            return redirect(url_for("news.edit", release_id=release.id))
    elif not form.is_submitted():
        form.revision.data = release.revision
    return render_template(
        "news/edit.html", release=release, meeting=release.meeting, form=form, action_form=ActionForm(),
        conflict=conflict, language_labels=NEWS_LANGUAGE_LABELS, active_tab="news",
    )


def _act(release: NewsRelease, action, message: str) -> None:
    """Run a one-button service (publish, unpublish, delete) on ``release``; a refusal is flashed."""
    if not ActionForm().validate_on_submit():
        abort(400)
    if save_or_refuse(None, {}, lambda: action(current_user, release) or True) is not None:
        flash(message, "success")


@bp.route("/news/<int:release_id>/publish", methods=["POST"])
def publish(release_id: int):
    release = _managed_release(release_id)
    _act(release, services.publish, _("The news release is published on the news page."))
    return redirect(url_for("news.release", release_id=release_id))


@bp.route("/news/<int:release_id>/unpublish", methods=["POST"])
def unpublish(release_id: int):
    release = _managed_release(release_id)
    _act(release, services.unpublish, _("The news release was taken off the news page."))
    return _meeting_page(release.meeting_id)


@bp.route("/news/<int:release_id>/delete", methods=["POST"])
def delete(release_id: int):
    release = _managed_release(release_id)
    meeting_id = release.meeting_id
    _act(release, services.delete_draft, _("The draft news release was deleted."))
    return _meeting_page(meeting_id)
