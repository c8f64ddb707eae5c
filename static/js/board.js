// The live attendance board: asks the server every interval whether the board changed (If-None-Match with the
// version it shows; 304 when nothing did) and patches the numbers in place. Everything it needs comes from the
// data- attributes of #board; the JSON carries counts keyed like the page's rows and sentences already translated.
(function () {
  "use strict";

  const root = document.getElementById("board");
  if (!root) {
    return;
  }
  const url = root.dataset.boardUrl;
  const interval = parseInt(root.dataset.interval, 10) || 1500;
  const statusLine = root.querySelector("[data-board-status]");
  let version = '"' + root.dataset.version + '"';
  const RELOAD_KEY = "meetapp-board-reloaded";

  function setText(element, value) {
    const text = String(value);
    if (element && element.textContent !== text) {
      element.textContent = text;
    }
  }

  function reloadOnce() {
    // The rows themselves changed (someone added to the list, a quorum recorded): render the page again, but
    // never loop if the server keeps disagreeing with itself.
    const last = parseInt(sessionStorage.getItem(RELOAD_KEY) || "0", 10);
    if (Date.now() - last > 15000) {
      sessionStorage.setItem(RELOAD_KEY, String(Date.now()));
      window.location.reload();
    }
  }

  function patchRow(row, counts) {
    setText(row.querySelector('[data-cell="present"]'), counts.present);
    setText(row.querySelector('[data-cell="invited"]'), counts.invited);
    setText(row.querySelector('[data-cell="percent"]'), counts.percent);
    const bar = row.querySelector("[data-bar]");
    if (bar) {
      bar.style.width = counts.percent + "%";
    }
  }

  function patchQuorum(quorum) {
    const box = root.querySelector("[data-quorum]");
    if (!box || !quorum) {
      return;
    }
    const badge = box.querySelector("[data-quorum-status]");
    setText(badge, quorum.status);
    badge.classList.toggle("text-bg-success", quorum.met);
    badge.classList.toggle("text-bg-danger", !quorum.met);
    setText(box.querySelector("[data-quorum-text]"), quorum.text);
    setText(box.querySelector("[data-quorum-detail]"), quorum.detail);
  }

  function keyPersonItem(person) {
    const item = document.createElement("li");
    item.className = "border-top py-2";
    const name = document.createElement("strong");
    name.textContent = person.name;
    item.appendChild(name);
    if (person.unit) {
      const unit = document.createElement("span");
      unit.className = "text-muted small";
      unit.textContent = " · " + person.unit;
      item.appendChild(unit);
    }
    const details = document.createElement("div");
    details.className = "small";
    const roles = document.createElement("span");
    roles.className = "badge text-bg-warning";
    roles.textContent = person.roles;
    const note = document.createElement("span");
    note.className = "text-muted";
    note.textContent = " " + person.note;
    details.append(roles, note);
    item.appendChild(details);
    return item;
  }

  function patchKeyPeople(people) {
    const list = root.querySelector("[data-key-absent]");
    if (!list) {
      return;
    }
    const signature = JSON.stringify(people);
    if (list.dataset.signature === signature) {
      return;
    }
    list.dataset.signature = signature;
    list.replaceChildren(...people.map(keyPersonItem));
    root.querySelector("[data-key-absent-none]").hidden = people.length > 0;
  }

  function apply(data) {
    if (data.layout !== root.dataset.layout) {
      reloadOnce();
      return;
    }
    root.querySelectorAll("[data-total]").forEach((element) => {
      setText(element, data.totals[element.dataset.total]);
    });
    root.querySelectorAll("[data-row]").forEach((row) => {
      const counts = data.rows[row.dataset.row];
      if (counts) {
        patchRow(row, counts);
      }
    });
    patchQuorum(data.quorum);
    patchKeyPeople(data.key_absent);
    // Last, so a screen reader hears the new totals once (the summary is aria-live="polite").
    setText(root.querySelector("[data-board-summary]"), data.summary);
  }

  function showStatus(ok) {
    const now = new Date().toLocaleTimeString(document.documentElement.lang || undefined);
    setText(statusLine, ok ? root.dataset.textChecked.replace("{time}", now) : root.dataset.textOffline);
    statusLine.classList.toggle("text-danger", !ok);
  }

  let timer = null;

  let started = 0;

  function schedule() {
    // At a steady rate from the start of the last poll, not after its answer: a slow answer does not push the
    // next poll later, so a check-in shows within one interval plus one answer.
    clearTimeout(timer);
    const wait = (document.hidden ? interval * 4 : interval) - (Date.now() - started);
    timer = setTimeout(poll, Math.max(0, wait));
  }

  function poll() {
    started = Date.now();
    fetch(url, {
      headers: { "If-None-Match": version, Accept: "application/json" },
      cache: "no-store",
      credentials: "same-origin",
    })
      .then((response) => {
        if (response.status === 304) {
          return null;
        }
        if (!response.ok || !(response.headers.get("Content-Type") || "").includes("json")) {
          throw new Error("board: " + response.status);
        }
        version = response.headers.get("ETag") || version;
        return response.json();
      })
      .then((data) => {
        if (data) {
          apply(data);
        }
        showStatus(true);
      })
      .catch(() => showStatus(false))
      .finally(schedule);
  }

  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) {
      poll();
    }
  });
  schedule();
})();
