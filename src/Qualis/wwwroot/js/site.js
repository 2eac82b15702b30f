// Small behaviours without inline script (the content security policy forbids it).
document.querySelectorAll('select[data-autosubmit]').forEach(function (s) {
  s.addEventListener('change', function () { s.form.submit(); });
});
document.querySelectorAll('form[data-confirm]').forEach(function (f) {
  f.addEventListener('submit', function (e) { if (!window.confirm(f.getAttribute('data-confirm'))) e.preventDefault(); });
});
document.querySelectorAll('[data-print]').forEach(function (b) {
  b.addEventListener('click', function () { window.print(); });
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
