/* The check-in desk (templates/checkin/_desk.html). A scan comes from a USB scanner (it types the code and
   presses Enter), from a clerk typing an ID or mobile number, or from the camera (camera.js); the visitor counter
   adds +1, +10 or undoes the desk's last count.

   Every scan and count gets its own id and its time when it is made, and is first written to a queue in
   IndexedDB, then sent from there, oldest first, one at a time. So a scan made while the venue's network is
   down waits on the device, survives a reload, and reaches the server later with its id (the server takes it
   once) and its time (the check-in is dated when it happened). What waits is never shown as checked in. A
   refused session stops the sending until the clerk signs in again; the queue is kept. */
(function () {
  "use strict";

  var root = document.querySelector("[data-desk]");
  if (!root) {
    return;
  }
  var settings = root.dataset;
  var texts = root.querySelector("[data-texts]").dataset;
  var eventId = Number(settings.eventId);
  var urls = {scan: settings.checkinUrl, count: settings.countUrl};
  var locale = document.documentElement.lang || "zh-CN";
  var number = new Intl.NumberFormat(locale);
  var clock = new Intl.DateTimeFormat(locale, {timeZone: settings.timeZone, hour: "2-digit", minute: "2-digit",
                                               hourCycle: "h23"});
  var RETRY_MS = 10000;
  var TIMEOUT_MS = 8000;
  var RECENT_ROWS = 8;

  function part(name) {
    return root.querySelector("[data-" + name + "]");
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function signed(delta) {
    return (delta > 0 ? "+" : "") + number.format(delta);
  }

  /* ---- Ids ---- */

  function newId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    // randomUUID exists only on HTTPS pages; a desk on the venue's plain-HTTP network needs unique ids too.
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (byte) { return (byte < 16 ? "0" : "") + byte.toString(16); })
      .join("");
  }

  function make(kind, fields) {
    var body = Object.assign({client_id: newId(), at: new Date().toISOString()}, fields);
    return {event: eventId, kind: kind, body: body};
  }

  /* ---- The queue: one IndexedDB store for every event, read through its "event" index ---- */

  // A store per event would need a new database version for each event, which every open desk tab must allow;
  // an index keeps them apart just as well, and lists each event's items in the order they were added.
  var DATABASE = "recruit-desk";
  var STORE = "waiting";

  function indexedQueue(database) {
    function change(action) {
      return new Promise(function (resolve, reject) {
        var transaction = database.transaction(STORE, "readwrite");
        var request = action(transaction.objectStore(STORE));
        // Only a committed transaction is on the disk: a page closed right after still has the item.
        transaction.oncomplete = function () { resolve(request.result); };
        transaction.onerror = transaction.onabort = function () { reject(transaction.error); };
      });
    }
    return {
      add: function (item) { return change(function (store) { return store.add(item); }); },
      remove: function (key) { return change(function (store) { return store.delete(key); }); },
      all: function () {
        return new Promise(function (resolve, reject) {
          var request = database.transaction(STORE).objectStore(STORE).index("event").getAll(eventId);
          request.onsuccess = function () { resolve(request.result); };
          request.onerror = function () { reject(request.error); };
        });
      }
    };
  }

  // Without IndexedDB (some private windows) the queue lives as long as the page, and the page says so.
  function memoryQueue() {
    var items = [];
    var next = 1;
    part("no-storage").hidden = false;
    return {
      add: function (item) { item.key = next; next += 1; items.push(item); return Promise.resolve(item.key); },
      remove: function (key) {
        items = items.filter(function (item) { return item.key !== key; });
        return Promise.resolve();
      },
      all: function () { return Promise.resolve(items.slice()); }
    };
  }

  function openQueue() {
    return new Promise(function (resolve) {
      var opening;
      try {
        opening = window.indexedDB.open(DATABASE, 1);
      } catch (error) {
        resolve(memoryQueue());
        return;
      }
      opening.onupgradeneeded = function () {
        opening.result.createObjectStore(STORE, {keyPath: "key", autoIncrement: true}).createIndex("event", "event");
      };
      opening.onsuccess = function () { resolve(indexedQueue(opening.result)); };
      opening.onerror = function () { resolve(memoryQueue()); };
    });
  }

  var queue = openQueue();

  /* ---- Sending ---- */

  // What an answer means for the queue: "answered" (a check-in, a repeat or a refusal: done with it),
  // "retry" (no network, a timeout, a server error) or "sign-in" (the session or its CSRF token is gone).
  function judge(status, body) {
    var code = body && body.error ? body.error.code : "";
    if (status === 401 || status === 403 || code === "csrf") {
      return {state: "sign-in"};
    }
    if (status >= 500 || status === 408 || status === 429) {
      return {state: "retry"};
    }
    return {state: "answered", ok: status < 300, body: body};
  }

  function send(item) {
    if (navigator.onLine === false) {
      return Promise.resolve({state: "retry"});
    }
    var controller = new AbortController();
    var timer = window.setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    return fetch(urls[item.kind], {
      method: "POST", credentials: "same-origin", signal: controller.signal, body: JSON.stringify(item.body),
      headers: {"Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": settings.csrfToken}
    }).then(function (response) {
      return response.json().then(function (body) { return judge(response.status, body); });
    }).catch(function () {
      // No network, the timeout, or a page that is no JSON answer of ours (a captive portal, a proxy).
      return {state: "retry"};
    }).finally(function () {
      window.clearTimeout(timer);
    });
  }

  var waiting = [];
  var online = navigator.onLine !== false;
  var stopped = false;  // the session ended: nothing is sent until the page is loaded again, signed in
  var flushing = false;
  var again = false;

  function refresh() {
    return queue.then(function (store) { return store.all(); }).then(function (items) {
      waiting = items;
      showPending();
    });
  }

  function sendFrom(store, items) {
    if (!items.length) {
      return Promise.resolve("done");
    }
    var item = items[0];
    return send(item).then(function (result) {
      if (result.state !== "answered") {
        return result.state;
      }
      return store.remove(item.key).then(refresh).then(function () {
        answered(item, result);
        return sendFrom(store, items.slice(1));
      });
    });
  }

  function flush() {
    if (stopped) {
      return;
    }
    if (flushing) {
      again = true;  // an item added while a pass runs: the pass read the queue before it
      return;
    }
    flushing = true;
    again = false;
    queue.then(function (store) {
      return store.all().then(function (items) { return sendFrom(store, items); });
    }).then(function (outcome) {
      if (outcome === "sign-in") {
        stop();
      }
      setOnline(outcome !== "retry");
    }).finally(function () {
      flushing = false;
      if (again && online) {
        flush();
      }
    });
  }

  function submit(item) {
    note(item, "waiting");
    if (item.body.client_id === current) {
      showWaiting();
    }
    queue.then(function (store) { return store.add(item); }).then(function (key) {
      item.key = key;
      return refresh();
    }).then(flush);
  }

  /* ---- What the desk shows ---- */

  var connection = part("connection");
  var pending = part("pending");
  var answer = part("answer");
  var current = null;  // the client id of the scan the answer area is about

  function setOnline(value) {
    online = value;
    connection.dataset.connection = value ? "online" : "offline";
    connection.textContent = value ? texts.textOnline : texts.textOffline;
    connection.classList.toggle("text-bg-success", value);
    connection.classList.toggle("text-bg-danger", !value);
    part("offline-help").hidden = value;
    part("walk-in-offline").hidden = value;
    if (waiting.some(function (item) { return item.body.client_id === current; })) {
      showWaiting();
    }
  }

  function stop() {
    stopped = true;
    part("sign-in").hidden = false;
  }

  function showPending() {
    var count = waiting.length;
    pending.dataset.pending = String(count);
    pending.hidden = count === 0;
    pending.textContent = fill(count === 1 ? texts.textPendingOne : texts.textPendingMany,
                               {count: number.format(count)});
    var delta = waiting.reduce(function (sum, item) {
      return item.kind === "count" ? sum + item.body.delta : sum;
    }, 0);
    var line = part("count-pending");
    line.hidden = delta === 0;
    line.textContent = fill(texts.textCountWaiting, {delta: signed(delta)});
  }

  function showAnswer(state, style, message, seeker, detail) {
    answer.dataset.answer = state;
    answer.className = "alert mb-0 alert-" + style;
    part("answer-message").textContent = message;
    var lines = {"answer-name": seeker && seeker.name, "answer-id": seeker && seeker.id_masked,
                 "answer-hometown": seeker && seeker.hometown, "answer-detail": detail};
    Object.keys(lines).forEach(function (name) {
      part(name).textContent = lines[name] || "";
      part(name).hidden = !lines[name];
    });
  }

  function showWaiting() {
    if (online && !stopped) {
      showAnswer("sending", "light border", texts.textSending);
    } else {
      showAnswer("waiting", "secondary border-dark", texts.textWaiting, null, texts.textWaitingHelp);
    }
  }

  function errorMessage(body) {
    var error = body && body.error ? body.error : {};
    var fields = error.fields || {};
    // Several problems come as "invalid" with each field's messages: those say what is wrong.
    var messages = Object.keys(fields).reduce(function (all, name) { return all.concat(fields[name]); }, []);
    return error.code === "invalid" && messages.length ? messages.join(" ") : error.message;
  }

  // How an answered item shows: its state for the list and the answer area, and the style of each.
  function outcome(item, result) {
    var body = result.body;
    if (!result.ok) {
      return {state: "error", style: "danger", badge: texts.textStateError, text: errorMessage(body)};
    }
    if (item.kind === "count") {
      return {state: "counted", style: "success", badge: texts.textStateCounted,
              text: fill(texts.textVisitors, {delta: signed(item.body.delta)})};
    }
    var seeker = body.seeker;
    if (body.repeat) {
      return {state: "repeat", style: "warning", badge: texts.textStateRepeat, text: seeker.name,
              detail: seeker.id_masked + " · " + body.message};
    }
    return {state: "new", style: "success", badge: texts.textStateNew, text: seeker.name, detail: seeker.id_masked};
  }

  function answered(item, result) {
    var shown = outcome(item, result);
    note(item, shown.state, shown);
    if (item.kind === "count") {
      counted(item, result);
    } else if (item.body.client_id === current) {
      showAnswer(shown.state, shown.style, result.ok ? result.body.message : shown.text, result.body.seeker);
    }
  }

  /* ---- The last scans and counts, newest first; an answer takes the place of its waiting row ---- */

  var recent = part("recent");
  var BADGES = {waiting: "secondary", "new": "success", repeat: "warning", error: "danger", counted: "success"};

  function note(item, state, shown) {
    var row = recent.querySelector('[data-client-id="' + item.body.client_id + '"]') || document.createElement("li");
    row.className = "list-group-item d-flex gap-2 align-items-baseline";
    row.dataset.clientId = item.body.client_id;
    row.dataset.state = state;
    var time = document.createElement("span");
    time.className = "small text-muted font-monospace";
    time.textContent = clock.format(new Date(item.body.at));
    var text = document.createElement("div");
    text.className = "flex-grow-1";
    var counting = fill(texts.textVisitors, {delta: signed(item.body.delta)});
    text.textContent = shown ? shown.text : (item.kind === "count" ? counting : texts.textScanWaiting);
    if (shown && shown.detail) {
      var detail = document.createElement("div");
      detail.className = "small text-muted";
      detail.textContent = shown.detail;
      text.appendChild(detail);
    }
    var badge = document.createElement("span");
    badge.className = "badge text-bg-" + BADGES[state];
    badge.textContent = shown ? shown.badge : texts.textStateWaiting;
    row.replaceChildren(time, text, badge);
    if (!row.parentNode) {
      recent.prepend(row);
    }
    while (recent.children.length > RECENT_ROWS) {
      recent.lastElementChild.remove();
    }
    part("recent-empty").hidden = true;
  }

  /* ---- Scans typed or scanned into the field ---- */

  var input = part("code-input");
  // A laptop's clerk keeps typing and scanning into the field; on a phone a focused field opens the keyboard
  // over the answer.
  var refocus = window.matchMedia("(pointer: fine)").matches;

  function scan(code) {
    var item = make("scan", {code: code});
    current = item.body.client_id;
    submit(item);
  }

  function takeTyped() {
    var code = input.value.trim();
    input.value = "";
    input.focus();
    if (code) {
      scan(code);
    }
  }

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      takeTyped();
    }
  });
  part("code-submit").addEventListener("click", takeTyped);

  /* ---- The visitor counter ---- */

  var count = part("count");
  var undoButton = part("undo");
  var made = [];  // this desk's counts in the order made, {client_id, delta}: undo takes back the last

  function counted(item, result) {
    if (result.ok) {
      count.dataset.count = String(result.body.anonymous_visitors);
      count.textContent = number.format(result.body.anonymous_visitors);
      return;
    }
    // A refused count is no count to undo.
    made = made.filter(function (entry) { return entry.client_id !== item.body.client_id; });
    undoButton.disabled = made.length === 0;
  }

  function countBy(delta, undoable) {
    var item = make("count", {delta: delta});
    if (undoable) {
      made.push({client_id: item.body.client_id, delta: delta});
    }
    undoButton.disabled = made.length === 0;
    submit(item);
    if (refocus) {
      input.focus();  // a scanner's Enter must not press the counter's button again
    }
  }

  root.querySelectorAll("[data-delta]").forEach(function (button) {
    button.addEventListener("click", function () { countBy(Number(button.dataset.delta), true); });
  });
  undoButton.addEventListener("click", function () {
    var last = made.pop();
    if (last) {
      countBy(-last.delta, false);
    }
  });

  /* ---- The camera (static/js/camera.js) ---- */

  window.RecruitCamera.attach(root, scan);

  /* ---- Start: what waited from before a reload is listed and sent ---- */

  setOnline(online);
  refresh().then(function () {
    waiting.forEach(function (item) { note(item, "waiting"); });
    flush();
  });
  window.addEventListener("online", flush);
  window.addEventListener("offline", function () { setOnline(false); });
  window.setInterval(function () {
    if (waiting.length) {
      flush();
    }
  }, RETRY_MS);
}());
