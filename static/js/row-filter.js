// A search box (data-row-filter="<table selector>") hides the table's rows whose data-filter-text does not contain
// every word typed (case and full-width forms aside). Hidden rows keep their ticks: the form still sends them.
(function () {
  function fold(text) { return text.normalize('NFKC').toLowerCase(); }
  document.querySelectorAll('[data-row-filter]').forEach(function (box) {
    var rows = document.querySelectorAll(box.getAttribute('data-row-filter') + ' tbody tr[data-filter-text]');
    box.addEventListener('input', function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      rows.forEach(function (row) {
        var text = fold(row.getAttribute('data-filter-text'));
        row.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
      });
    });
  });
})();
