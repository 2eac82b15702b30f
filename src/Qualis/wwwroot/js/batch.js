// 抽查批次: picking items fills the scope (product categories and industries) with the items' own, as the server does
// when a batch is saved without a scope of its own. An item naming none on a dimension leaves that dimension open.
(function () {
  var form = document.getElementById('batch-form');
  if (!form) return;
  var items = form.querySelectorAll('input[name="Form.Items"]');
  var categories = document.getElementById('Form_ProductCategories');
  var industries = document.getElementById('Form_Industries');
  if (!categories || !industries) return;
  function scopeOf(attribute) {
    var picked = Array.prototype.filter.call(items, function (i) { return i.checked; });
    if (picked.length === 0) return [];
    var codes = [];
    for (var k = 0; k < picked.length; k++) {
      var own = (picked[k].getAttribute(attribute) || '').split(',').filter(function (c) { return c.trim().length > 0; });
      if (own.length === 0) return [];
      own.forEach(function (c) { if (codes.indexOf(c.trim()) < 0) codes.push(c.trim()); });
    }
    return codes;
  }
  function fill(select, codes) {
    Array.prototype.forEach.call(select.options, function (o) { o.selected = codes.indexOf(o.value) >= 0; });
  }
  items.forEach(function (i) {
    i.addEventListener('change', function () {
      fill(categories, scopeOf('data-categories'));
      fill(industries, scopeOf('data-industries'));
    });
  });
})();
