// Small behaviours without inline script (the content security policy forbids it).
document.querySelectorAll('select[data-autosubmit]').forEach(function (s) {
  s.addEventListener('change', function () { s.form.submit(); });
});
document.querySelectorAll('form[data-confirm]').forEach(function (f) {
  f.addEventListener('submit', function (e) { if (!window.confirm(f.getAttribute('data-confirm'))) e.preventDefault(); });
});
// Import progress (导入进度): poll while the job runs, reload when it is done.
(function () {
  var box = document.getElementById('import-job');
  if (!box || box.getAttribute('data-running') !== 'true') return;
  var bar = document.getElementById('import-progress');
  var status = document.getElementById('import-status');
  var counts = document.getElementById('import-counts');
  function poll() {
    fetch(box.getAttribute('data-progress-url'), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        bar.style.width = p.percent + '%';
        bar.textContent = p.percent + '%';
        bar.parentElement.setAttribute('aria-valuenow', p.percent);
        status.textContent = p.statusText;
        counts.textContent = p.counts;
        if (p.running) setTimeout(poll, 1000); else window.location.reload();
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
// Progress bars take their width from data-percent (no inline styles under the content security policy).
document.querySelectorAll('.progress-bar[data-percent]').forEach(function (b) { b.style.width = b.getAttribute('data-percent') + '%'; });
// Failed-item rows (不合格项目): "add a row" clones the form's row template with the next index.
document.querySelectorAll('button[data-add-row]').forEach(function (b) {
  b.addEventListener('click', function () {
    var id = b.getAttribute('data-add-row');
    var table = document.getElementById(id);
    var template = document.querySelector('template[data-row-template="' + id + '"]');
    if (!table || !template) return;
    var body = table.tBodies[0];
    var html = template.innerHTML.replace(/__i__/g, String(body.rows.length));
    body.insertAdjacentHTML('beforeend', html);
  });
});
// The sampling form shows the chosen category's test and reserve quantities (from its implementation rule).
document.querySelectorAll('select[data-quantities-target]').forEach(function (s) {
  s.addEventListener('change', function () {
    var target = document.querySelector(s.getAttribute('data-quantities-target'));
    var option = s.options[s.selectedIndex];
    if (target) target.textContent = (option && option.getAttribute('data-quantities')) || '—';
  });
});
// Print buttons (打印) of printable pages: the print stylesheet leaves only the document.
document.querySelectorAll('[data-print]').forEach(function (b) {
  b.addEventListener('click', function () { window.print(); });
});
// Idle warning (长时间未操作): some minutes before the sign-in cookie's idle expiry, a dialog offers to stay signed in.
// "继续使用" renews the cookie with a small authenticated request, so the page (and what its forms hold) stays as it is.
// When the time has run out the dialog says so and offers to sign in in a new tab; the page is never left.
(function () {
  var box = document.getElementById('idle-warning');
  if (!box || !window.bootstrap) return;
  var minutes = parseFloat(box.getAttribute('data-idle-minutes'));
  if (!(minutes > 0)) return;
  var leadMinutes = Math.min(5, minutes / 2);
  var text = document.getElementById('idle-text');
  var expiredBox = document.getElementById('idle-expired');
  var stay = document.getElementById('idle-stay');
  var close = document.getElementById('idle-close');
  var modal = bootstrap.Modal.getOrCreateInstance(box, { backdrop: 'static', keyboard: false });
  var deadline, warnTimer, endTimer, tickTimer;

  function showRemaining() {
    var left = Math.max(1, Math.ceil((deadline - Date.now()) / 60000));
    text.textContent = box.getAttribute('data-warning-text').replace('{0}', String(left));
  }
  function warn() {
    showRemaining();
    modal.show();
    tickTimer = setInterval(showRemaining, 15000);
  }
  function expired() {
    clearTimeout(warnTimer); clearTimeout(endTimer); clearInterval(tickTimer);
    text.hidden = true;
    expiredBox.hidden = false;
    stay.hidden = true;
    close.hidden = false;
    modal.show();
  }
  function schedule() {
    clearTimeout(warnTimer); clearTimeout(endTimer); clearInterval(tickTimer);
    deadline = Date.now() + minutes * 60000;
    warnTimer = setTimeout(warn, (minutes - leadMinutes) * 60000);
    endTimer = setTimeout(expired, minutes * 60000);
  }
  stay.addEventListener('click', function () {
    var token = document.querySelector('input[name="__RequestVerificationToken"]');
    fetch(box.getAttribute('data-keepalive-url'), {
      method: 'POST', credentials: 'same-origin', redirect: 'manual',
      headers: { 'X-CSRF-TOKEN': token ? token.value : '' }
    }).then(function (r) {
      if (r.status === 204) { modal.hide(); schedule(); } else { expired(); }
    }).catch(expired);
  });
  schedule();
})();
