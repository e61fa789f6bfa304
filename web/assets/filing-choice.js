// The new-filing page's "select all" box (shown only where scripts run: without them every
// decision starts ticked and is unticked by hand), and the count of the decisions ticked.
const form = document.querySelector('[data-choose]');
if (form) {
  const all = form.querySelector('[data-select-all]');
  const boxes = Array.from(form.querySelectorAll('input[name="decision"]'));
  const count = form.querySelector('[data-chosen-count]');
  const show = () => {
    const n = boxes.filter((b) => b.checked).length;
    all.checked = n === boxes.length;
    all.indeterminate = n > 0 && n < boxes.length;
    count.innerHTML = '';
    count.append(`已选 ${n} 个，共 ${boxes.length} 个 `);
    const en = document.createElement('span');
    en.lang = 'en';
    en.textContent = `${n} of ${boxes.length} chosen`;
    count.append(en);
  };
  all.closest('label').hidden = false;
  form.querySelector('.pick-head').hidden = true;
  all.addEventListener('change', () => {
    for (const b of boxes) b.checked = all.checked;
    show();
  });
  for (const b of boxes) b.addEventListener('change', show);
  show();
}
