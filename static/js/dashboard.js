/* The live dashboard (templates/dashboard/_board.html): reads the event's figures from the stats API every few
   seconds and updates the page in place. A big screen sends its link's token, the bureau's page its session
   cookie. A failed read keeps the last figures and says so; a refused one (the link revoked, the session over)
   stops for good, since asking again cannot help. Nothing here ever leads to a sign-in page. */
(function () {
  "use strict";

  var board = document.querySelector("[data-dashboard]");
  if (!board) {
    return;
  }
  var settings = board.dataset;
  var locale = document.documentElement.lang || "zh-CN";
  var number = new Intl.NumberFormat(locale);
  // The bureau's clock, whatever the screen's own time zone is set to.
  var clock = new Intl.DateTimeFormat(locale, {timeZone: settings.timeZone, hour: "2-digit", minute: "2-digit",
                                               second: "2-digit", hourCycle: "h23"});
  var interval = Number(settings.interval) || 5000;
  var chart = null;

  function field(item, name) {
    return item.querySelector('[data-field="' + name + '"]');
  }

  function showList(name, rows, fill) {
    var template = board.querySelector('template[data-row="' + name + '"]');
    var list = board.querySelector('[data-list="' + name + '"]');
    list.replaceChildren.apply(list, rows.map(function (row) {
      var item = template.content.firstElementChild.cloneNode(true);
      fill(item, row);
      return item;
    }));
    board.querySelector('[data-empty="' + name + '"]').hidden = rows.length > 0;
  }

  function showEmployer(item, employer) {
    field(item, "name").textContent = employer.name;
    field(item, "booth").textContent = employer.booth;
    field(item, "booth-line").hidden = !employer.booth;
    field(item, "intents").textContent = number.format(employer.intents);
  }

  function showOrigin(total) {
    return function (item, origin) {
      field(item, "name").textContent = origin.name;
      field(item, "checked_in").textContent = number.format(origin.checked_in);
      field(item, "share").max = total || 1;
      field(item, "share").value = origin.checked_in;
    };
  }

  function color(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function newChart(canvas) {
    // A screen is read from across the hall: larger labels on a large display.
    Chart.defaults.font.size = window.innerWidth >= 1600 ? 18 : 12;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    var bars = {stacked: true, ticks: {precision: 0}, beginAtZero: true};
    return new Chart(canvas, {
      type: "bar",
      data: {labels: [], datasets: [
        {label: settings.textCheckedIn, data: [], backgroundColor: color("--bs-primary")},
        {label: settings.textCounted, data: [], backgroundColor: color("--bs-info")}
      ]},
      // No animation: the figures change every few seconds on a screen that runs all day.
      options: {locale: locale, animation: false, maxBarThickness: 96, scales: {x: {stacked: true}, y: bars},
                plugins: {legend: {position: "bottom"}}}
    });
  }

  function showArrivals(arrivals) {
    board.querySelector('[data-empty="arrivals"]').hidden = arrivals.length > 0;
    if (!window.Chart) {
      return;  // the chart's file did not load: the figures and lists still follow
    }
    chart = chart || newChart(board.querySelector("[data-arrivals-chart]"));
    chart.data.labels = arrivals.map(function (hour) { return hour.hour; });
    chart.data.datasets[0].data = arrivals.map(function (hour) { return hour.checked_in; });
    chart.data.datasets[1].data = arrivals.map(function (hour) { return hour.anonymous; });
    chart.update();
  }

  function show(stats) {
    board.querySelectorAll("[data-figure]").forEach(function (figure) {
      figure.textContent = number.format(stats[figure.dataset.figure] || 0);
    });
    board.querySelector("[data-as-of]").textContent = clock.format(new Date(stats.as_of));
    board.querySelector("[data-as-of]").dateTime = stats.as_of;
    showList("employers", stats.top_employers, showEmployer);
    showList("origins", stats.origins, showOrigin(stats.checked_in));
    showArrivals(stats.arrivals);
  }

  function connected(yes) {
    board.querySelector("[data-connection-lost]").hidden = yes;
  }

  function stop() {
    connected(true);
    board.querySelector("[data-stopped]").hidden = false;
  }

  function request() {
    var options = {cache: "no-store", credentials: "same-origin", redirect: "error", headers: {}};
    if (settings.token) {
      options.headers.Authorization = "Bearer " + settings.token;
    }
    if (window.AbortSignal && AbortSignal.timeout) {
      options.signal = AbortSignal.timeout(interval);  // a hung read must not hold up the next one
    }
    return fetch(settings.statsUrl, options);
  }

  function read() {
    var started = Date.now();
    function again() {
      window.setTimeout(read, Math.max(0, interval - (Date.now() - started)));
    }
    request().then(function (response) {
      if (response.status === 401 || response.status === 403) {
        stop();
        return;
      }
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json().then(function (stats) {
        show(stats);
        connected(true);
        again();
      });
    }).catch(function () {
      connected(false);
      again();
    });
  }

  read();
}());
