// A field wrapped in data-show-for="<control name>:<value>" is shown only while that control of its form has that
// value: the branch venue only when the attendance mode is "branch". Without JavaScript every field stays shown.
document.querySelectorAll('[data-show-for]').forEach(function (wrapper) {
  var spec = wrapper.getAttribute('data-show-for');
  var cut = spec.lastIndexOf(':');
  var name = spec.slice(0, cut);
  var value = spec.slice(cut + 1);
  var scope = wrapper.closest('form') || document;
  var controls = scope.querySelectorAll('[name="' + CSS.escape(name) + '"]');
  function current() {
    for (var i = 0; i < controls.length; i++) {
      var control = controls[i];
      if (control.type !== 'radio' || control.checked) { return control.value; }
    }
    return '';
  }
  function update() { wrapper.hidden = current() !== value; }
  controls.forEach(function (control) { control.addEventListener('change', update); });
  update();
});
