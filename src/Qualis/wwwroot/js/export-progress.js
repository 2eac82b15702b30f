// The progress of a background export: polls the job's Status handler (its row in the database, so any instance
// answers the same) and updates the bar, the counts and, once done, shows the download.
(function () {
    "use strict";
    var card = document.getElementById("export-job");
    if (!card || card.getAttribute("data-finished") === "true") return;
    var url = card.getAttribute("data-status-url");
    var badges = { done: "text-bg-success", failed: "text-bg-danger" };

    function show(id, visible) {
        var el = document.getElementById(id);
        if (el) el.classList.toggle("d-none", !visible);
    }

    function update(s) {
        var status = document.getElementById("export-status");
        status.textContent = s.statusText;
        status.className = "badge " + (badges[s.status] || "text-bg-secondary");
        var bar = document.getElementById("export-bar");
        bar.value = s.percent;
        bar.textContent = s.percent + "%";
        document.getElementById("export-progress").textContent = s.progressText;
        if (s.status === "done") {
            var link = document.getElementById("export-download");
            link.href = s.download;
            show("export-download", true);
        }
        if (s.status === "failed") {
            document.getElementById("export-error-text").textContent = s.error || "";
            show("export-error", true);
        }
        var finished = s.status === "done" || s.status === "failed";
        if (finished) {
            show("export-wait", false);
            card.setAttribute("data-finished", "true");
        }
        return finished;
    }

    function poll() {
        fetch(url, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (s) { if (!s || !update(s)) window.setTimeout(poll, 1000); })
            .catch(function () { window.setTimeout(poll, 3000); });
    }

    window.setTimeout(poll, 500);
})();
