// 抽查批次: picking items fills the scope (product categories and industries) with the items' own, as the server does
// when a batch is saved without a scope of its own. An item naming none on a dimension leaves that dimension open.
// A scope the official chose differently from the items' is left as it is.
(function () {
  var form = document.getElementById('batch-form');
  if (!form) return;
  var items = form.querySelectorAll('input[name="Form.Items"]');
  var selects = [
    { select: document.getElementById('Form_ProductCategories'), attribute: 'data-categories' },
    { select: document.getElementById('Form_Industries'), attribute: 'data-industries' }
  ];
  if (!selects[0].select || !selects[1].select) return;
  function scopeOf(attribute) {
    var picked = Array.prototype.filter.call(items, function (i) { return i.checked; });
    if (picked.length === 0) return [];
    var codes = [];
    for (var k = 0; k < picked.length; k++) {
      var own = (picked[k].getAttribute(attribute) || '').split(',').map(function (c) { return c.trim(); }).filter(function (c) { return c.length > 0; });
      if (own.length === 0) return [];
      own.forEach(function (c) { if (codes.indexOf(c) < 0) codes.push(c); });
    }
    return codes.sort();
  }
  function chosen(select) {
    return Array.prototype.filter.call(select.options, function (o) { return o.selected; }).map(function (o) { return o.value; }).sort();
  }
  function same(a, b) { return a.length === b.length && a.every(function (v, i) { return v === b[i]; }); }
  // What the items gave when the page opened: a selection still equal to it (or empty) follows the items.
  var given = selects.map(function (s) { return scopeOf(s.attribute); });
  items.forEach(function (i) {
    i.addEventListener('change', function () {
      var followsItems = selects.every(function (s, k) { var c = chosen(s.select); return c.length === 0 || same(c, given[k]); });
      var scopes = selects.map(function (s) { return scopeOf(s.attribute); });
      if (followsItems) {
        selects.forEach(function (s, k) {
          Array.prototype.forEach.call(s.select.options, function (o) { o.selected = scopes[k].indexOf(o.value) >= 0; });
        });
      }
      given = scopes;
    });
  });
})();
