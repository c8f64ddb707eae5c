// A "select all" box (data-select-all) ticks or clears every row checkbox (name="selected") on the page.
document.querySelectorAll('[data-select-all]').forEach(function (box) {
  box.addEventListener('change', function () {
    document.querySelectorAll('input[name="selected"]').forEach(function (row) { row.checked = box.checked; });
  });
});
