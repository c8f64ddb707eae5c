/* The check-in desk, enhanced: scans go to the server as JSON with a nonce of their own; a scan that cannot be
   sent (network down) stays in localStorage and is sent again, in order, when the connection returns. The server
   stores each nonce once, so a scan sent twice is recorded once. Without this script the page's forms post as
   they are. No inline script: the settings come from the data- attributes of #desk. */
(function () {
  "use strict";

  var desk = document.getElementById("desk");
  if (!desk || !desk.dataset.scanUrl) { return; }

  var config = desk.dataset;
  var queueKey = "meetapp.desk.queue." + config.meetingId;
  var whereKey = "meetapp.desk.where." + config.meetingId;
  var RETRY_MS = 5000;
  var csrfToken = config.csrfToken;
  var sending = false;
  var interrupted = false; // a send failed since the queue was last empty
  var retryTimer = null;
  var memoryQueue = [];
  var buttons = {}; // nonce → the search result's button that sent it (this page only)

  var codeInput = document.querySelector("#scan-form input[name='code']");
  var resultBox = document.getElementById("desk-result");
  var queueBox = document.getElementById("desk-queue");
  var logBox = document.getElementById("desk-log-box");
  var log = document.getElementById("desk-log");
  var whereSelect = document.getElementById("desk-where");
  var sessionSelect = document.getElementById("desk-session");
  var settingsForm = document.getElementById("desk-settings");

  // --- the queue, kept in localStorage so a reload or a closed tab loses nothing ---------------------------
  function readQueue() {
    try {
      var stored = window.localStorage.getItem(queueKey);
      return stored ? JSON.parse(stored) : [];
    } catch (e) {
      return memoryQueue;
    }
  }

  function writeQueue(queue) {
    memoryQueue = queue;
    try { window.localStorage.setItem(queueKey, JSON.stringify(queue)); } catch (e) { /* memory only */ }
  }

  function newNonce() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    // Not a secure context (plain http on a LAN): randomUUID is missing, getRandomValues is not.
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // --- showing what happened ---------------------------------------------------------------------------------
  function showQueue() {
    var count = readQueue().length;
    if (count > 0 && interrupted) {
      queueBox.textContent = count === 1 ? config.textWaitingOne : config.textWaitingMany.replace("{n}", count);
      queueBox.className = "alert alert-warning py-2";
      queueBox.hidden = false;
    } else if (count === 0 && interrupted) {
      interrupted = false;
      queueBox.textContent = config.textSent;
      queueBox.className = "alert alert-success py-2";
      queueBox.hidden = false;
    }
  }

  function showMessage(text, colour) {
    var section = document.createElement("section");
    section.className = "desk-result card border-3 mb-3 border-" + colour;
    var heading = document.createElement("h2");
    heading.className = "desk-outcome card-header h4 mb-0 text-bg-" + colour;
    heading.textContent = text;
    section.appendChild(heading);
    resultBox.replaceChildren(section);
  }

  function logLine(text, colour) {
    var item = document.createElement("li");
    item.className = "list-group-item list-group-item-" + colour;
    item.textContent = text;
    log.appendChild(item);
    logBox.hidden = false;
  }

  // --- sending -----------------------------------------------------------------------------------------------
  function refreshToken() {
    return fetch(config.tokenUrl, { credentials: "same-origin", redirect: "manual" })
      .then(function (response) {
        if (!response.ok) { throw new Error("token"); }
        return response.json();
      })
      .then(function (data) { csrfToken = data.csrf_token; });
  }

  function post(item, retried) {
    return fetch(config.scanUrl, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken },
      body: JSON.stringify(item.body)
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
        return { signedOut: true };
      }
      if (response.status === 400 && !json && !retried) {
        // The CSRF token expired while the desk stood open: take a fresh one and try once more.
        return refreshToken().then(function () { return post(item, true); });
      }
      if (response.status >= 500) { throw new Error("server " + response.status); }
      if (!json) {
        // Refused for good (e.g. 404: a session or person not of this meeting): not sent again.
        return { status: response.status, error: response.statusText || String(response.status) };
      }
      return response.json().then(function (data) { data.status = response.status; return data; });
    });
  }

  // --- drawing an answer (the JSON of desk_answer.scan_answer; the page draws the same in desk_result.html) ---
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function undoForm(templateId, url, idSuffix) {
    var template = document.getElementById(templateId);
    if (!template || !url) { return null; }
    var part = template.content.firstElementChild.cloneNode(true);
    var form = part.querySelector("form");
    form.action = url;
    var reason = form.querySelector("input[name='reason']");
    var label = form.querySelector("[data-undo-label]");
    if (reason && label) {
      reason.id = "undo-reason-" + idSuffix;
      label.htmlFor = reason.id;
    }
    return part;
  }

  function drawAnswer(data) {
    var card = el("section", "desk-result card border-" + data.colour + " border-3 mb-3");
    card.dataset.outcome = data.outcome;
    if (data.replayed) { card.dataset.replayed = "1"; }
    card.setAttribute("aria-labelledby", "desk-result-heading");
    var heading = el("h2", "desk-outcome card-header h3 mb-0 text-bg-" + data.colour);
    heading.id = "desk-result-heading";
    var symbol = el("span", null, data.symbol);
    symbol.setAttribute("aria-hidden", "true");
    heading.appendChild(symbol);
    heading.appendChild(document.createTextNode(" " + data.heading));
    card.appendChild(heading);
    var body = el("div", "card-body");
    if (data.name) {
      var name = el("p", "desk-name mb-0", data.name);
      name.dataset.testid = "desk-name";
      if (data.name_other) { name.appendChild(document.createTextNode(" ")); name.appendChild(el("span", "desk-name-other", data.name_other)); }
      body.appendChild(name);
      if (data.acting_for) { body.appendChild(el("p", "fs-5 mb-2", data.acting_for)); }
      body.appendChild(el("p", "fs-5 mb-2", data.subtitle));
    }
    if (data.mode) {
      var line = el("p", "mb-2");
      (data.roles || []).forEach(function (role) { line.appendChild(el("span", "badge text-bg-primary me-1", role)); });
      if (data.seat) { line.appendChild(el("span", "badge text-bg-dark me-1", data.seat)); }
      line.appendChild(el("span", "text-muted", data.mode));
      body.appendChild(line);
    }
    if (data.detail) {
      var detail = el("p", "desk-detail mb-2", data.detail);
      detail.dataset.testid = "desk-detail";
      body.appendChild(detail);
    }
    (data.notes || []).forEach(function (note) { body.appendChild(el("p", "desk-note fs-5 mb-2", note)); });
    var undo = undoForm("desk-undo-template", data.undo_url, data.check_in_id);
    if (undo) { body.appendChild(undo); }
    card.appendChild(body);
    resultBox.replaceChildren(card);
  }

  function addRecent(line) {
    var list = document.getElementById("desk-recent");
    var count = document.getElementById("desk-count");
    var none = document.getElementById("desk-recent-none");
    if (!list || !line) { return; }
    var item = el("li", "list-group-item px-0");
    item.appendChild(el("strong", null, line.time));
    item.appendChild(document.createTextNode(" " + line.name + " "));
    item.appendChild(el("span", "text-muted", "· " + line.where + " · " + line.who));
    var undo = undoForm("desk-recent-undo-template", line.undo_url, "recent-" + line.check_in_id);
    if (undo) { item.appendChild(document.createTextNode(" ")); item.appendChild(undo); }
    list.insertBefore(item, list.firstChild);
    if (count) { count.textContent = String(Number(count.textContent) + 1); }
    if (none) { none.hidden = true; }
  }

  function answered(item, data) {
    // Sent after waiting on the device: listed, so the desk sees what happened to each.
    var replay = item.attempts > 0 || item.waited;
    var button = buttons[item.body.nonce];
    delete buttons[item.body.nonce];
    if (data.outcome !== undefined) {
      drawAnswer(data);
      addRecent(data.recent);
      if (button) { button.textContent = data.label; }
      if (replay) {
        var who = data.name ? data.name + (data.acting_for ? " (" + data.acting_for + ")" : "") : item.label;
        logLine(who + ": " + data.label, data.ok ? "success" : "danger");
      }
    } else {
      if (button) { button.disabled = false; }
      var text = config.textFailed + " " + item.label + " (" + (data.error || data.status) + ")";
      showMessage(text, "danger");
      if (replay) { logLine(text, "danger"); }
    }
  }

  function scheduleRetry() {
    if (retryTimer === null) {
      retryTimer = window.setTimeout(function () { retryTimer = null; flush(); }, RETRY_MS);
    }
  }

  function flush() {
    if (sending) { return; }
    var queue = readQueue();
    if (queue.length === 0) { showQueue(); return; }
    sending = true;
    var item = queue[0];
    post(item, false).then(function (data) {
      sending = false;
      if (data.signedOut) {
        interrupted = true;
        showQueue();
        showMessage(config.textSignedOut, "secondary");
        scheduleRetry();
        return;
      }
      // A final answer (recorded, or refused for good): the scan leaves the queue.
      var rest = readQueue();
      if (rest.length && rest[0].body.nonce === item.body.nonce) { rest.shift(); }
      writeQueue(rest);
      answered(item, data);
      showQueue();
      flush();
    }, function () {
      sending = false;
      var rest = readQueue();
      if (rest.length && rest[0].body.nonce === item.body.nonce) {
        rest[0].attempts = (rest[0].attempts || 0) + 1;
        writeQueue(rest);
      }
      if (!interrupted || item.attempts === 0) { showMessage(config.textSaved, "secondary"); }
      interrupted = true;
      showQueue();
      scheduleRetry();
    });
  }

  function currentWhere() {
    var value = whereSelect ? whereSelect.value : "in_person";
    if (value.indexOf("branch-") === 0) { return { mode: "branch", venue_id: value.slice(7) }; }
    return { mode: value, venue_id: null };
  }

  function scanBody(form) {
    var data = new FormData(form);
    var where = currentWhere();
    var delegate = data.get("delegate");
    return {
      session_id: sessionSelect ? sessionSelect.value : data.get("session_id"),
      ticket_code: data.get("code") ? String(data.get("code")).trim() : null,
      participant_id: data.get("participant_id") || null,
      mode: where.mode,
      venue_id: where.venue_id,
      delegate: delegate === "1" ? true : (delegate === "0" ? false : null),
      nonce: newNonce(),
      scanned_at: new Date().toISOString()
    };
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-desk-scan")) { return; }
    event.preventDefault();
    var body = scanBody(form);
    if (!body.ticket_code && !body.participant_id) { if (codeInput) { codeInput.focus(); } return; }
    var button = form.querySelector("button[type='submit'], input[type='submit']");
    var label = body.ticket_code || (button ? button.textContent.trim() : "");
    var queue = readQueue();
    queue.push({ body: body, label: label, attempts: 0, waited: interrupted });
    writeQueue(queue);
    if (!body.ticket_code && button) { button.disabled = true; buttons[body.nonce] = button; }
    if (codeInput) { codeInput.value = ""; codeInput.focus(); }
    if (!interrupted) { queueBox.hidden = true; }
    flush();
  });

  // --- where the desk stands: remembered on this device --------------------------------------------------------
  function applyWhere(value) {
    Array.prototype.forEach.call(document.querySelectorAll("input[name='where']"), function (input) {
      input.value = value;
    });
  }

  if (whereSelect) {
    var fromUrl = new URLSearchParams(window.location.search).get("where");
    var stored = null;
    try { stored = window.localStorage.getItem(whereKey); } catch (e) { stored = null; }
    var offered = Array.prototype.some.call(whereSelect.options, function (o) { return o.value === stored; });
    if (!fromUrl && stored && offered) {
      whereSelect.value = stored;
      applyWhere(stored);
    }
    whereSelect.addEventListener("change", function () {
      try { window.localStorage.setItem(whereKey, whereSelect.value); } catch (e) { /* not remembered */ }
      applyWhere(whereSelect.value);
      if (codeInput) { codeInput.focus(); }
    });
    if (fromUrl) { try { window.localStorage.setItem(whereKey, whereSelect.value); } catch (e) { /* ignore */ } }
  }
  if (sessionSelect && settingsForm) {
    // Choosing a session reloads the desk for it; the place is remembered above: no "Apply" needed.
    sessionSelect.addEventListener("change", function () { settingsForm.submit(); });
    var apply = settingsForm.querySelector("[data-desk-apply]");
    if (apply) { apply.parentNode.hidden = true; }
  }

  // --- the camera: a QR code it sees goes into the code field and is sent as a scan (nonce, queue and all) ------
  // The browser's own reader (BarcodeDetector) where there is one; otherwise a downscaled frame goes to the
  // server, which answers the code it finds (desk_decode). A code still in view is not sent again.
  var camera = document.getElementById("desk-camera");
  var scanForm = document.getElementById("scan-form");
  if (camera && codeInput && scanForm && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    var LOOK_MS = 250;
    var SAME_CODE_MS = 4000;
    var FRAME_WIDTH = 640;
    var startButton = document.getElementById("desk-camera-start");
    var stopButton = document.getElementById("desk-camera-stop");
    var video = document.getElementById("desk-camera-video");
    var cameraStatus = document.getElementById("desk-camera-status");
    var canvas = document.createElement("canvas");
    var stream = null;
    var lookTimer = null;
    var looking = false;
    var detector = null;
    var lastCode = null;
    var lastSeen = 0;

    var seen = function (code) {
      var now = Date.now();
      if (!code) { return; }
      var again = code === lastCode && now - lastSeen < SAME_CODE_MS;
      lastCode = code;
      lastSeen = now;
      if (again) { return; }
      codeInput.value = code;
      scanForm.requestSubmit();
      codeInput.blur(); // a phone would open its keyboard for the focused field
    };

    var decodeOnServer = function () {
      if (!video.videoWidth) { return Promise.resolve(null); }
      canvas.width = Math.min(FRAME_WIDTH, video.videoWidth);
      canvas.height = Math.round(video.videoHeight * canvas.width / video.videoWidth);
      canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", 0.8); }).then(function (blob) {
        if (!blob) { return null; }
        return fetch(camera.dataset.decodeUrl, {
          method: "POST",
          credentials: "same-origin",
          redirect: "manual",
          headers: { "Content-Type": blob.type, "Accept": "application/json", "X-CSRFToken": csrfToken },
          body: blob
        }).then(function (response) {
          var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
          if (response.status === 400 && !json) { return refreshToken().then(function () { return null; }); }
          return response.ok ? response.json().then(function (data) { return data.code; }) : null;
        });
      });
    };

    var look = function () {
      if (!stream || looking) { return; }
      looking = true;
      var reading = detector
        ? detector.detect(video).then(function (codes) { return codes.length ? codes[0].rawValue : null; })
        : decodeOnServer();
      reading.then(seen, function () { /* no picture yet, or no connection: the next look tries again */ })
        .then(function () { looking = false; });
    };

    var stopCamera = function () {
      window.clearInterval(lookTimer);
      lookTimer = null;
      if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
      stream = null;
      video.srcObject = null;
      video.hidden = true;
      startButton.hidden = false;
      stopButton.hidden = true;
      cameraStatus.textContent = "";
    };

    startButton.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (opened) {
        stream = opened;
        video.srcObject = opened;
        video.hidden = false;
        video.play();
        startButton.hidden = true;
        stopButton.hidden = false;
        cameraStatus.textContent = camera.dataset.textLooking;
        lookTimer = window.setInterval(look, LOOK_MS);
      }, function () { cameraStatus.textContent = camera.dataset.textDenied; });
    });
    stopButton.addEventListener("click", stopCamera);
    if ("BarcodeDetector" in window) {
      window.BarcodeDetector.getSupportedFormats().then(function (formats) {
        if (formats.indexOf("qr_code") !== -1) { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); }
      }, function () { /* the server reads the frames */ });
    }
    camera.hidden = false;
  }

  window.addEventListener("online", flush);
  var left = readQueue();
  if (left.length > 0) {
    // Scans a closed or reloaded page could not send: they go first.
    left.forEach(function (item) { item.waited = true; });
    writeQueue(left);
    interrupted = true;
    showQueue();
    flush();
  }
})();
